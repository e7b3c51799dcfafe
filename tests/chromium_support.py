"""Headless Chromium for the browser tests, or the test skipped with the reason."""
from __future__ import annotations

import pytest

from tools.chromium import CHROMIUM, Browser


def browser_or_skip(what: str) -> Browser:
    """A started browser; the test is skipped when Chromium or websocket-client is missing
    (`what` says which test needs it)."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium); %s needs it"
                    % what)
    pytest.importorskip("websocket", reason="websocket-client is not installed "
                                            "(pip install -e '.[test]')")
    return Browser()
