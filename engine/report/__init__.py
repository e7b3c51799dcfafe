"""Reporters render a RunResult as text; each lives in its own module, imported on demand so a
text run never loads SARIF, JUnit or HTML machinery."""
from __future__ import annotations

import importlib
from typing import Callable

from ..model import RunResult

FORMATS = ("text", "json", "sarif", "junit", "markdown", "github", "html")


def renderer(fmt: str) -> Callable[..., str]:
    """The render(result, lang) function of a format."""
    if fmt not in FORMATS:
        raise ValueError("unknown format %r (one of %s)" % (fmt, ", ".join(FORMATS)))
    return importlib.import_module("engine.report." + ("json_report" if fmt == "json" else fmt)
                                   ).render


def render(result: RunResult, fmt: str, lang: str = "en") -> str:
    return renderer(fmt)(result, lang)
