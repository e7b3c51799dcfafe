"""The register of board decisions and their conditions (`idm decisions`, the dashboard, the
dossier): one row per condition (a decision without conditions: one row), most urgent first.

A condition's state is read from the decision rules' findings on it, so the register says what
the rules decided: overdue (DEC-001), due soon (DEC-003), met (DEC-002); otherwise open, or not
judged when its initiative is not in the run.  A decision on an unknown initiative (DEC-004) or
on a rejected or deferred initiative that moved on (DEC-006) says so too.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Sequence, TextIO

from ..errors import BIDI_CONTROLS, escape_bidi, escape_controls
from ..i18n import catalogue
from ..model import RunResult
from ..textnorm import spreadsheet_safe

# Most urgent first; the register sorts by this, then by due date.
STATES = ("overdue", "due-soon", "open", "not-judged", "met", "none")
BY_RULE = (("DEC-001", "overdue"), ("DEC-003", "due-soon"), ("DEC-002", "met"))
DECISION_FLAGS = (("DEC-004", "unknown-initiative"), ("DEC-005", "unknown-basis"),
                  ("DEC-006", "moved-on"))
COLUMNS = ("decision", "initiative", "date", "body", "outcome", "condition", "text", "owner",
           "due", "days_left", "state", "flags", "file")


@dataclass(frozen=True)
class Row:
    decision: str
    initiative: str
    date: str
    body: str
    outcome: str
    condition: str              # "" for a decision without conditions
    text: str
    owner: str
    due: str
    days_left: Any              # int, or "" without a condition
    state: str                  # one of STATES
    flags: str                  # DECISION_FLAGS names, comma-separated
    file: str


def condition_state(state: Any, findings: Sequence[Any], index: int) -> str:
    """The one state of condition `index` of a judged decision (engine.check.decisions)."""
    here = "conditions[%d]" % index
    fired = {f.rule for f in findings if f.path == here or f.path.startswith(here + ".")}
    for rid, name in BY_RULE:
        if rid in fired:
            return name
    return "not-judged" if state.met is None else ("met" if state.met else "open")


def decision_flags(findings: Sequence[Any]) -> List[str]:
    fired = {f.rule for f in findings}
    return [name for rid, name in DECISION_FLAGS if rid in fired]


def rows_of(judged: Any) -> List[Row]:
    """The register rows of one judged decision (a DecisionState)."""
    d = judged.decision
    flags = ",".join(decision_flags(judged.findings))
    data = d.doc.data
    head = dict(decision=d.id, initiative=d.initiative, date=d.date, body=str(data["body"]),
                outcome=d.outcome, flags=flags, file=d.doc.file)
    if not judged.conditions:
        return [Row(condition="", text="", owner="", due="", days_left="", state="none", **head)]
    return [Row(condition=c.id, text=c.text, owner=c.owner, due=c.due, days_left=c.days_left,
                state=condition_state(c, judged.findings, k), **head)
            for k, c in enumerate(judged.conditions)]


def register(result: RunResult) -> List[Row]:
    """Every condition of every decision of the run, most urgent first: a decision the rules
    flag (an error on the decision itself) with the overdue conditions, then by state
    (STATES), then due date, decision and condition."""
    rows = [r for judged in result.decisions for r in rows_of(judged)]
    return sorted(rows, key=lambda r: (0 if r.flags else STATES.index(r.state),
                                       r.due or "9999", r.decision, r.condition))


def shown_row(r: Row, lang: str) -> Dict[str, Any]:
    words = catalogue(lang)
    row = asdict(r)
    row["state"] = words("decisions.state." + r.state)
    row["outcome"] = words("decisions.outcome." + r.outcome)
    row["flags"] = ", ".join(words("decisions.flag." + f) for f in r.flags.split(",") if f)
    return row


def write(rows: List[Row], fmt: str, out: TextIO, lang: str = "en") -> None:
    """The register as text (a table), json (a list of objects) or csv (a header row first)."""
    words = catalogue(lang)
    L = words.section("decisions.column")  # noqa: N806
    if fmt == "json":
        items = [dict(asdict(r), state_label=shown_row(r, lang)["state"]) for r in rows]
        out.write(BIDI_CONTROLS.sub(lambda m: "\\u%04x" % ord(m.group()),
                                    json.dumps({"conditions": items}, ensure_ascii=False,
                                               indent=2)) + "\n")
        return
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([L[c] for c in COLUMNS])
        for r in rows:
            row = shown_row(r, lang)
            w.writerow([spreadsheet_safe(escape_bidi(str(row[c]))) for c in COLUMNS])
        out.write(buf.getvalue())
        return
    if not rows:
        out.write(words("decisions.none") + "\n")
        return
    shown = ("state", "due", "decision", "initiative", "condition", "outcome", "flags", "text")
    table = [[L[c] for c in shown]] + [[escape_controls(str(shown_row(r, lang)[c])) for c in shown]
                                       for r in rows]
    widths = [max(len(t[k]) for t in table) for k in range(len(shown) - 1)]
    for t in table:
        out.write("  ".join(v.ljust(w) for v, w in zip(t, widths)) + "  " + t[-1] + "\n")
    counts: Dict[str, int] = {}
    for r in rows:
        if r.condition:
            counts[r.state] = counts.get(r.state, 0) + 1
    decisions = len({r.decision for r in rows})
    conditions = sum(counts.values())
    out.write("\n" + words("decisions.summary") % {
        "decisions": words.plural("decisions.count.decisions", decisions) % decisions,
        "conditions": words.plural("decisions.count.conditions", conditions) % conditions,
        "states": ", ".join("%d %s" % (counts[s], words("decisions.state." + s))
                            for s in STATES if s in counts) or "-"} + "\n")
