"""Reporters render a RunResult as text, one module per format.

Every reporter module is a `Reporter`: it has `render(result, lang)` and `write(result, out,
lang)`.  `REPORTERS` is the one list of formats (the CLI's --format and --report choices come
from it); a module is imported only when its format is asked for, so a text run never loads
SARIF, JUnit or HTML machinery.
"""
from __future__ import annotations

import importlib
from typing import Mapping, Protocol, TextIO, cast

from ..model import RunResult


class Reporter(Protocol):
    """A report format."""

    def render(self, result: RunResult, lang: str = "en") -> str:
        """The whole report."""

    def write(self, result: RunResult, out: TextIO, lang: str = "en") -> None:
        """The report onto `out`; a streaming reporter writes it one initiative at a time."""


# format name -> module of engine.report, in the order help texts list them
REPORTERS: Mapping[str, str] = {
    "text": "text", "json": "json_report", "sarif": "sarif", "junit": "junit",
    "markdown": "markdown", "github": "github", "html": "html",
}
FORMATS = tuple(REPORTERS)


def reporter(fmt: str) -> Reporter:
    """The reporter of a format."""
    if fmt not in REPORTERS:
        raise ValueError("unknown format %r (one of %s)" % (fmt, ", ".join(FORMATS)))
    return cast(Reporter, importlib.import_module("%s.%s" % (__name__, REPORTERS[fmt])))


def render(result: RunResult, fmt: str, lang: str = "en") -> str:
    return reporter(fmt).render(result, lang)


def write(result: RunResult, fmt: str, out: TextIO, lang: str = "en") -> None:
    """Write the report to `out`."""
    reporter(fmt).write(result, out, lang)
