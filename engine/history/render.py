"""`idm history` and `idm diff` as text, JSON or CSV, in English or Dutch."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Dict, List, Optional, Sequence

from ..errors import escape_controls
from ..i18n import catalogue
from ..textnorm import spreadsheet_safe
from .compare import SEVERITIES, InitiativeChange
from .store import Erased
from .views import Diff, RunSummary

def label(key: str, lang: str) -> str:
    """The history commands' own word for `key` in `lang`."""
    return catalogue(lang)("history." + key)


def pruned(n: int, before: str, where: str, lang: str) -> str:
    """What `idm history prune` says it did."""
    return catalogue(lang).plural("history.count.pruned", n) % (n, before, where)


def _gate(gate: str, lang: str) -> str:
    return label("error_gate" if gate == "error" else gate, lang)


def _summary_dict(s: RunSummary, initiative: Optional[str]) -> Dict[str, Any]:
    r = s.run
    out: Dict[str, Any] = {"run": r.id, "recorded_at": r.recorded_at,
                           "evaluation_date": r.evaluation_date, "root": r.root,
                           "command": r.command, "idm_version": r.idm_version,
                           "partial": bool(r.partial)}
    if initiative is None:
        out.update(initiatives=s.initiatives, input_errors=s.input_errors, gate=r.gate)
    else:
        out.update(present=s.present, phase=s.phase)
    out.update(findings=dict(s.findings), waived=s.waived, baselined=s.baselined,
               coverage={"covered": s.covered, "required": s.required})
    return out


def history(summaries: Sequence[RunSummary], fmt: str, lang: str,
            initiative: Optional[str] = None, decided: Sequence[Dict[str, Any]] = ()) -> str:
    """The runs over time; of one initiative, followed by the board's decisions on it as the
    runs recorded them (views.decisions_between; JSON `decisions`, only when there are some)."""
    if fmt == "json":
        doc: Dict[str, Any] = {"runs": [_summary_dict(s, initiative) for s in summaries]}
        if initiative is not None:
            doc = {"initiative": initiative, **doc}
        if decided:
            doc["decisions"] = list(decided)
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    keys = ["run", "recorded", "date", "root"]
    keys += ["initiatives"] if initiative is None else ["present", "phase"]
    keys += list(SEVERITIES) + ["waived", "coverage"]
    keys += ["input_errors", "gate"] if initiative is None else []
    rows = []
    machine = fmt == "csv"   # CSV is data: gate and presence as keys, not words
    for s in summaries:
        r = s.run
        cov = "%d/%d" % (s.covered, s.required)
        row = [str(r.id), r.recorded_at, r.evaluation_date, r.root]
        if initiative is None:
            row.append(str(s.initiatives))
        else:
            row += [("true" if s.present else "false") if machine
                    else label("yes" if s.present else "no", lang), s.phase or ""]
        if initiative is not None and not s.present:
            row += [""] * (len(SEVERITIES) + 2)
        else:
            row += [str(s.findings.get(sev, 0)) for sev in SEVERITIES]
            row += [str(s.waived), cov]
        if initiative is None:
            row += [str(s.input_errors), r.gate if machine else _gate(r.gate, lang)]
        rows.append(row)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["recorded_at" if k == "recorded" else "evaluation_date" if k == "date"
                    else k for k in keys])
        w.writerows([spreadsheet_safe(c) for c in row] for row in rows)
        return buf.getvalue()
    # Text goes to a terminal or a CI log: stored text stays on its line, controls escaped.
    rows = [[escape_controls(c) for c in row] for row in rows]
    head = [] if initiative is None else [
        escape_controls(label("history_of", lang) % initiative), ""]
    if not summaries:
        return "\n".join(head + [label("no_runs", lang)]) + "\n"
    return "\n".join(head + table([label(k, lang) for k in keys], rows)
                     + _decided(decided, lang)) + "\n"


def _decided(decided: Sequence[Dict[str, Any]], lang: str) -> List[str]:
    """The decisions between the runs, as lines: a decision where it first appears, then each
    condition's state in the run where it changed."""
    if not decided:
        return []
    words = catalogue(lang)
    out = ["", label("decisions", lang)]
    seen = set()
    for d in decided:
        run = label("decided_in_run", lang) % {"run": d["run"], "date": d["evaluation_date"]}
        if d["decision"] not in seen:
            seen.add(d["decision"])
            out.append(escape_controls("  %s: %s %s (%s, %s)" % (
                run, d["decision"], words("decisions.outcome." + d["outcome"]), d["date"],
                d["body"])))
        if d["condition"]:
            out.append(escape_controls("  %s:   %s %s (%s %s)" % (
                run, d["condition"], words("decisions.state." + d["state"]),
                words("decisions.column.due"), d["due"] or "-")))
    return out


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> List[str]:
    """Columns padded to their widest cell; numbers right-aligned."""
    widths = [max(len(x) for x in col) for col in zip(header, *rows)]

    def line(cells: Sequence[str], numeric: Sequence[bool]) -> str:
        out = [c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric)]
        return "  ".join(out).rstrip()

    numeric = [all(r[i].replace("/", "").isdigit() for r in rows if r[i]) and
               any(r[i] for r in rows) for i in range(len(header))]
    return [line(header, numeric)] + [line(r, numeric) for r in rows]


def _finding(mark: str, r: Dict[str, Any], lang: str) -> str:
    return "  %s %s %s %s: %s" % (mark, catalogue(lang)("severity." + r["severity"]), r["rule"], r["path"],
                                  r["message_" + lang] or r["message_en"])


def _state(r: Dict[str, Any], lang: str) -> str:
    word = catalogue(lang)("severity." + r["severity"])
    if r["waived"]:
        word += " (%s)" % label("waived", lang).lower()
    if r["baselined"]:
        word += " (%s)" % label("baselined", lang).lower()
    return word


def diff(d: Diff, fmt: str, lang: str) -> str:
    tot = d.totals
    if fmt == "json":
        return json.dumps(_diff_dict(d), indent=2, ensure_ascii=False) + "\n"
    out = [label("diff_head", lang) % {
        "a": d.a.id, "a_at": d.a.recorded_at, "a_root": d.a.root, "b": d.b.id,
        "b_at": d.b.recorded_at, "b_root": d.b.root, "new": tot.new,
        "resolved": tot.resolved, "changed": tot.changed}]
    shown = [c for c in d.changes if not c.empty()]
    for c in shown:
        name = (c.initiative + ("  " + d.titles[c.initiative] if c.initiative in d.titles else "")
                if c.initiative else label("portfolio", lang))
        if c.presence == "only_a":
            gone = catalogue(lang).plural("history.only_a", c.findings_a)
            out.append("%s: %s" % (name, gone % (d.b.id, c.findings_a, d.a.id)))
            continue
        if c.presence == "only_b":
            new = catalogue(lang).plural("history.only_b", c.findings_b)
            out.append("%s: %s" % (name, new % (d.b.id, c.findings_b)))
            continue
        out.append(name)
        out += [_finding("+", r, lang) for r in c.new]
        out += [_finding("-", r, lang) for r in c.resolved]
        out += ["  ~ %s %s: %s -> %s" % (a["rule"], a["path"], _state(a, lang), _state(b, lang))
                for a, b in c.changed]
    if not shown:
        out.append(label("no_changes", lang))
    return "".join(escape_controls(line) + "\n" for line in out)


def erased(e: Erased, initiative: str, where: str, lang: str) -> str:
    """What `idm history erase` removed and how the freed space was cleaned."""
    errors = e.deleted.get("idm_input_errors", 0)
    n = e.total - errors
    lines = [catalogue(lang).plural("history.count.erased", n) % (n, initiative, where),
             label("erased_detail", lang) % {"errors": errors, "redacted": e.redacted},
             label("cleanup_" + e.cleanup, lang) % {"why": e.detail}]
    return "".join(escape_controls(line) + "\n" for line in lines)


def _row(r: Dict[str, Any]) -> Dict[str, Any]:
    return {"rule": r["rule"], "severity": r["severity"], "path": r["path"], "file": r["file"],
            "line": r["line"], "waived": bool(r["waived"]), "baselined": bool(r["baselined"]),
            "message": {"en": r["message_en"], "nl": r["message_nl"]}}


def _change(c: InitiativeChange, d: Diff) -> Dict[str, Any]:
    return {"initiative": c.initiative or None, "title": d.titles.get(c.initiative),
            "presence": c.presence, "findings_a": c.findings_a, "findings_b": c.findings_b,
            "new": [_row(r) for r in c.new], "resolved": [_row(r) for r in c.resolved],
            "changed": [{"before": _row(a), "after": _row(b)} for a, b in c.changed]}


def _diff_dict(d: Diff) -> Dict[str, Any]:
    tot = d.totals
    run = lambda r: {"run": r.id, "recorded_at": r.recorded_at,  # noqa: E731
                     "evaluation_date": r.evaluation_date, "root": r.root}
    return {"a": run(d.a), "b": run(d.b),
            "totals": {"new": tot.new, "resolved": tot.resolved, "changed": tot.changed,
                       "initiatives_added": tot.added, "initiatives_missing": tot.missing},
            "initiatives": [_change(c, d) for c in d.changes if not c.empty()]}
