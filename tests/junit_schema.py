"""The Jenkins xunit plugin's junit-10.xsd (tests/fixtures/junit-10.xsd), with `xmlschema`.

tests/conftest.py wraps the JUnit reporter so that every report the test suite produces, in unit
tests, scenarios and golden files alike, is validated against this schema.
"""
from __future__ import annotations

import functools
from pathlib import Path

XSD = Path(__file__).resolve().parent / "fixtures" / "junit-10.xsd"


@functools.lru_cache(maxsize=None)
def schema():
    import xmlschema
    return xmlschema.XMLSchema10(str(XSD))


def assert_valid(text: str) -> None:
    """Fail with the schema's first complaint when `text` is not valid against junit-10.xsd."""
    errors = list(schema().iter_errors(text))
    assert not errors, "JUnit report invalid against junit-10.xsd: %s" % errors[0]
