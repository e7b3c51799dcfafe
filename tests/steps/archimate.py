"""Steps for ArchiMate models (features/engine/archimate.feature): the real exchange files of
tests/fixtures/archimate, and what the Open Group schemas say of what idm writes."""
from __future__ import annotations

import os
import shutil

import yaml
from pytest_bdd import given, parsers, then

from tests.archimate_schema import schema_errors

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "fixtures", "archimate")


@given(parsers.parse('the ArchiMate model "{name}"'))
def the_model(workdir, name: str) -> None:
    shutil.copy(os.path.join(FIXTURES, name), workdir / name)


@then(parsers.parse('"{path}" is valid against the ArchiMate exchange schemas'))
def schema_valid(workdir, path: str) -> None:
    assert schema_errors((workdir / path).read_text("utf-8")) == []


@then(parsers.parse('the initiative file "{path}" has {field} "{value}"'))
def initiative_field(workdir, path: str, field: str, value: str) -> None:
    data = yaml.safe_load((workdir / path).read_text("utf-8"))
    node = data
    for part in field.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    assert str(node) == value
