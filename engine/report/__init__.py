"""Reporters render a RunResult as text; each lives in its own module, imported on demand so a
text run never loads SARIF, JUnit or HTML machinery."""
from __future__ import annotations

import importlib
from typing import Callable, TextIO

from ..model import RunResult

FORMATS = ("text", "json", "sarif", "junit", "markdown", "github", "html")


def _module(fmt: str):
    if fmt not in FORMATS:
        raise ValueError("unknown format %r (one of %s)" % (fmt, ", ".join(FORMATS)))
    return importlib.import_module("engine.report." + ("json_report" if fmt == "json" else fmt))


def renderer(fmt: str) -> Callable[..., str]:
    """The render(result, lang) function of a format."""
    return _module(fmt).render


def render(result: RunResult, fmt: str, lang: str = "en") -> str:
    return renderer(fmt)(result, lang)


def write(result: RunResult, fmt: str, out: TextIO, lang: str = "en") -> None:
    """Write the report to `out`; the text and JSON reports stream, one initiative at a time."""
    module = _module(fmt)
    if hasattr(module, "write"):
        module.write(result, out, lang)
    else:
        out.write(module.render(result, lang))
