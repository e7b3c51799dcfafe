"""Reporters render a RunResult as text, one module per format.

Every reporter module is a `Reporter`: it has `render(result, lang, options)` and `write(result,
out, lang, options)`; `options` carries what a CI consumer's limits ask (engine/report/options.py:
sizes, caps, links), which the formats without such limits ignore.  `REPORTERS` is the one list of formats (the CLI's --format and --report choices come
from it); a module is imported only when its format is asked for, so a text run never loads
SARIF, JUnit or HTML machinery.
"""
from __future__ import annotations

import importlib
from typing import Mapping, Optional, Protocol, TextIO, cast

from ..model import RunResult
from .options import ReportOptions


class Reporter(Protocol):
    """A report format."""

    def render(self, result: RunResult, lang: str = "en",
               options: Optional[ReportOptions] = None) -> str:
        """The whole report."""

    def write(self, result: RunResult, out: TextIO, lang: str = "en",
              options: Optional[ReportOptions] = None) -> None:
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


def render(result: RunResult, fmt: str, lang: str = "en",
           options: Optional[ReportOptions] = None) -> str:
    return reporter(fmt).render(result, lang, options)


def write(result: RunResult, fmt: str, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """Write the report to `out`."""
    reporter(fmt).write(result, out, lang, options)
