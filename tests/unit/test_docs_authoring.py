"""docs/authoring.md sections 7 to 9 show real output: run their commands and compare."""
from __future__ import annotations

import pathlib
import re
import shlex

import pytest
from tests.cli_streams import captured

from idm import cli

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "authoring.md").read_text("utf-8")
SECTIONS = DOC[DOC.index("## 7. "):]


def _commands():
    out = []
    for block in re.findall(r"```console\n(.*?)```", SECTIONS, re.S):
        for part in re.split(r"(?m)^\$ ", block)[1:]:
            command, _, expected = part.partition("\n")
            out.append((command, expected))
    return out


@pytest.mark.parametrize("command,expected", _commands(), ids=[c for c, _ in _commands()])
def test_the_documented_output_is_real(monkeypatch, command, expected):
    monkeypatch.chdir(ROOT / "docs" / "examples")
    with captured() as (out, _):
        cli.run(shlex.split(command)[1:])
        assert out.getvalue().decode("utf-8") == expected
