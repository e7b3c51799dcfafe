"""Headless Chromium for the browser tests, or the test skipped with the reason."""
from __future__ import annotations

import os
from typing import Any, Dict, List

import pytest

from tools.chromium import CHROMIUM, Browser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def browser_or_skip(what: str) -> Browser:
    """A started browser; the test is skipped when Chromium or websocket-client is missing
    (`what` says which test needs it)."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium); %s needs it"
                    % what)
    pytest.importorskip("websocket", reason="websocket-client is not installed "
                                            "(pip install -e '.[test]')")
    return Browser()


def made_reports(folder: Any, reports: Dict[str, List[str]], date: str) -> Dict[str, str]:
    """Each report NAME: ARGS made by the command line from the project root into
    `folder`/NAME.html (the examples' paths are relative to it); their paths by name."""
    from idm import cli
    made = {}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for name, args in reports.items():
            out = str(folder / (name + ".html"))
            assert cli.run(args + ["--output", out, "--date", date]) in (0, 1)
            made[name] = out
    finally:
        os.chdir(cwd)
    return made
