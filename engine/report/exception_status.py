"""The status of one comply-or-explain exception, decided in one place for the register
(`idm exceptions`), the HTML report, the dashboard and the dossier.

An exception that cannot waive anything says so, whatever its date: the rules EXC-001, EXC-003,
EXC-004 and EXC-007 decide that (incomplete, names an unknown rule, names a rule that no
exception can waive, runs longer than max_exception_term), and EXC-002 that it has expired.  Every other exception gets a status from its expiry
date: expired, expiring soon, valid, or unknown (no readable date); one that waives no finding
today (EXC-005, stale) may be kept on purpose, so its date still counts.  The register shows
the rule's status (stale included) and calls the others active."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple

from ..dates import parse_date
from ..model import InitiativeResult
from .obligations import get_path

SOON_DAYS = 90
# Status from the EXC finding at an exception, first match wins: what the board must act on
# comes first.
STATUS_BY_RULE = (("EXC-001", "incomplete"), ("EXC-002", "expired"), ("EXC-003", "unknown-rule"),
                  ("EXC-004", "not-waivable"), ("EXC-007", "too-long"), ("EXC-005", "stale"))
# The statuses of an exception that cannot waive anything (rules/exceptions.yaml says why).
CANNOT_WAIVE = ("incomplete", "unknown-rule", "not-waivable", "too-long")
# Statuses by date of an exception that can waive: the register calls each of them active.
BY_DATE = ("expired", "soon", "valid", "unknown")
_INDEX = re.compile(r"^principles\.exceptions\[(\d+)\]")


def flagged(initiative: InitiativeResult) -> Dict[int, str]:
    """Index of an exception -> the status its EXC findings give it (none: not flagged)."""
    rules: Dict[int, set] = {}
    for f in initiative.findings:
        m = _INDEX.match(f.path or "")
        if m and f.rule.startswith("EXC-"):
            rules.setdefault(int(m.group(1)), set()).add(f.rule)
    return {i: next(s for rid, s in STATUS_BY_RULE if rid in found)
            for i, found in rules.items() if any(rid in found for rid, _ in STATUS_BY_RULE)}


def exception_status(expires: Any, date: str, flag: Optional[str] = None) -> str:
    """The one status of an exception: `flag` (from `flagged`) when it cannot waive or has
    expired, else by its expiry date against the evaluation date: expired (strictly before),
    soon (within SOON_DAYS), valid, or unknown."""
    if flag in CANNOT_WAIVE + ("expired",):
        return flag
    try:
        when = parse_date(str(expires or ""))
        today = parse_date(date)
    except ValueError:
        return "unknown"
    if when < today:
        return "expired"
    if when <= today + _dt.timedelta(days=SOON_DAYS):
        return "soon"
    return "valid"


def register_status(expires: Any, date: str, flag: Optional[str] = None) -> str:
    """The register's status: the rule's (stale included), else active or expired by date."""
    status = flag or exception_status(expires, date)
    return "active" if status in ("soon", "valid", "unknown") else status


def exceptions_of(initiative: InitiativeResult, date: str
                  ) -> Iterator[Tuple[int, Mapping[str, Any], str, bool]]:
    """(index, item, status, waives a finding) of each exception an initiative declares."""
    items = get_path(initiative.data, "principles", "exceptions")
    flags = flagged(initiative)
    for n, e in enumerate(items if isinstance(items, list) else []):
        if not isinstance(e, Mapping):
            continue
        used = any(f.waiver is not None and f.waiver.index == n for f in initiative.findings)
        yield n, e, exception_status(e.get("expires"), date, flags.get(n)), used
