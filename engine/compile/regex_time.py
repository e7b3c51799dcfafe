"""Regular expressions of rule packs run under a hard time bound (docs/security.md).

A pattern in a shared rule pack can backtrack for hours on a short text (`((a+))+$` on 31
characters) or for minutes on a long one (`a*a*a*a*b` on 20,000).  Python's `re` checks for
signals while it matches, so a timer (SIGALRM) can stop any match.  All matches made for one
initiative share one budget; when it runs out the initiative is an input error, never a silent
non-match.  The timer runs only inside a match, so it never interrupts durable_rules' C code.
"""
from __future__ import annotations

import re
import signal
import threading
import time
from contextlib import contextmanager
from typing import Dict, Iterator, List, Optional

from ..errors import EngineError
from ..i18n import said

BUDGET_SECONDS = 2.0   # all regular-expression matching for one initiative


class RegexTimeout(EngineError):
    """Matching ran past the budget; str() names the pattern (in English), `said` is the
    message for the user's language."""

    def __init__(self, pattern: str, seconds: float):
        self.said = said("regex.timeout", pattern=repr(pattern), seconds="%g" % seconds)
        super().__init__(self.said.text("en"))


class _Alarm(BaseException):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Alarm()


_compiled: Dict[str, "re.Pattern[str]"] = {}
# The budget of the initiative being evaluated in this process (set by `budget`): process-local,
# reset for every initiative, read only by `search`.
_left: List[Optional[float]] = [None]


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def budget(seconds: float = BUDGET_SECONDS) -> Iterator[None]:
    """Matches made inside share `seconds` (one initiative's evaluation)."""
    if not _can_time():     # only the main thread receives signals: no bound there
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    _left[0] = seconds
    try:
        yield
    finally:
        _left[0] = None
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` is found in `text`, within what is left of the budget."""
    p = _compiled.get(pattern)
    if p is None:
        p = _compiled[pattern] = re.compile(pattern)
    left = _left[0]
    if left is None:
        with budget():
            return search(pattern, text) if _left[0] is not None else p.search(text) is not None
    if left <= 0:
        raise RegexTimeout(pattern, BUDGET_SECONDS)
    start = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            return p.search(text) is not None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Alarm:
        _left[0] = 0.0
        raise RegexTimeout(pattern, BUDGET_SECONDS) from None
    finally:
        if _left[0]:
            _left[0] = max(0.0, _left[0] - (time.perf_counter() - start))
