"""Comparing recorded runs: which findings are new, resolved or changed per initiative, and the
summaries a report shows (since the last run, trends, the exception register over time).

A finding is the same across runs when its initiative id, rule and field path are the same, as a
baseline matches; its line may move.  An initiative absent from one of two runs is reported as
absent, never as having all its findings resolved.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from ..dates import parse_date

Row = Dict[str, Any]
Key = Tuple[str, str, str]   # (initiative id, rule, field path); '' initiative: portfolio level
SEVERITIES = ("error", "warning", "info")
PORTFOLIO = ""


def key(row: Row) -> Key:
    return (row["initiative"], row["rule"], row["path"])


def _state(row: Row) -> Tuple[str, bool, bool]:
    return (row["severity"], bool(row["waived"]), bool(row["baselined"]))


@dataclass
class InitiativeChange:
    """How one initiative's findings differ between run A and run B."""

    initiative: str                       # '' for the portfolio-level findings
    presence: str = "both"                # both | only_a | only_b
    new: List[Row] = field(default_factory=list)
    resolved: List[Row] = field(default_factory=list)
    changed: List[Tuple[Row, Row]] = field(default_factory=list)
    findings_a: int = 0
    findings_b: int = 0

    def empty(self) -> bool:
        return self.presence == "both" and not (self.new or self.resolved or self.changed)


def _sort(rows: Iterable[Row]) -> List[Row]:
    return sorted(rows, key=lambda r: (r["rule"], r["path"]))


def compare(initiatives_a: Set[str], findings_a: Sequence[Row], initiatives_b: Set[str],
            findings_b: Sequence[Row]) -> List[InitiativeChange]:
    """Per initiative of either run (portfolio level last), what changed from A to B."""
    by_a: Dict[str, Dict[Key, Row]] = {}
    by_b: Dict[str, Dict[Key, Row]] = {}
    for rows, into in ((findings_a, by_a), (findings_b, by_b)):
        for r in rows:
            into.setdefault(r["initiative"], {}).setdefault(key(r), r)
    out = []
    for ident in sorted(initiatives_a | initiatives_b) + [PORTFOLIO]:
        a, b = by_a.get(ident, {}), by_b.get(ident, {})
        change = InitiativeChange(ident, findings_a=len(a), findings_b=len(b))
        if ident != PORTFOLIO and ident not in initiatives_b:
            change.presence = "only_a"
        elif ident != PORTFOLIO and ident not in initiatives_a:
            change.presence = "only_b"
        else:
            change.new = _sort(r for k, r in b.items() if k not in a)
            change.resolved = _sort(r for k, r in a.items() if k not in b)
            change.changed = sorted(((a[k], r) for k, r in b.items()
                                     if k in a and _state(a[k]) != _state(r)),
                                    key=lambda p: (p[0]["rule"], p[0]["path"]))
        if ident != PORTFOLIO or not change.empty():
            out.append(change)
    return out


@dataclass
class Totals:
    new: int = 0
    resolved: int = 0
    changed: int = 0
    added: int = 0      # initiatives only in the later run
    missing: int = 0    # initiatives only in the earlier run


def totals(changes: Sequence[InitiativeChange]) -> Totals:
    t = Totals()
    for c in changes:
        t.new += len(c.new)
        t.resolved += len(c.resolved)
        t.changed += len(c.changed)
        t.added += c.presence == "only_b"
        t.missing += c.presence == "only_a"
    return t


def open_findings(rows: Iterable[Row]) -> Dict[str, int]:
    """Findings that still count (neither waived nor baselined) by severity."""
    out = {s: 0 for s in SEVERITIES}
    for r in rows:
        if not r["waived"] and not r["baselined"]:
            out[r["severity"]] = out.get(r["severity"], 0) + 1
    return out


def expiring(expires: str, date: str, days: int = 30) -> bool:
    """True when an exception expires within `days` of the evaluation date (or has expired)."""
    try:
        end = parse_date(str(expires)[:10])
        today = parse_date(date)
    except ValueError:
        return False
    return end <= today + _dt.timedelta(days=days)


@dataclass
class RegisterEntry:
    """One exception as the register shows it: when it was first recorded and its terms."""

    initiative: str
    rule: str
    approved_by: str
    expires: str
    justification: str
    first_seen: str          # evaluation date of the first run that recorded it
    first_run: Optional[int]  # None: first seen in the run being reported
    current: bool            # still declared in the latest run
    soon: bool = False       # expires within 30 days of the evaluation date (or has expired)


def register(recorded: Sequence[Tuple[int, str, Row]], current: Sequence[Row],
             current_date: str) -> List[RegisterEntry]:
    """The exception register over time from (run, evaluation date, exception row) of earlier
    runs and the exceptions of the current one."""
    entries: Dict[Tuple[str, str, str, str], RegisterEntry] = {}
    for run, date, r in sorted(recorded, key=lambda x: x[0]):
        k = (r["initiative"], r["rule"], r["approved_by"], r["expires"])
        if k not in entries:
            entries[k] = RegisterEntry(r["initiative"], r["rule"], r["approved_by"],
                                       r["expires"], r["justification"], date, run, False)
    for r in current:
        k = (r["initiative"], r["rule"], r["approved_by"], r["expires"])
        if k not in entries:
            entries[k] = RegisterEntry(r["initiative"], r["rule"], r["approved_by"],
                                       r["expires"], r["justification"], current_date, None, True)
        entries[k].current = True
    for e in entries.values():
        e.soon = expiring(e.expires, current_date)
    return sorted(entries.values(), key=lambda e: (e.initiative, e.rule, e.expires))
