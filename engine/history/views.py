"""What `idm history`, `idm diff`, `--since-last` and the dashboard show, read from a store as
plain data (the renderers in render.py and the HTML report format it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from ..model import RunResult, SinceLast
from . import compare, schema as t
from .snapshot import exception_rows, finding_row
from .store import RunRow, Store, grouped, pair

Row = Dict[str, Any]


@dataclass
class RunSummary:
    run: RunRow
    present: bool = True                 # the initiative was in this run (history of one)
    phase: Optional[str] = None
    initiatives: int = 0
    findings: Dict[str, int] = field(default_factory=dict)   # open findings by severity
    waived: int = 0
    baselined: int = 0
    input_errors: int = 0
    required: int = 0                    # required domains
    covered: int = 0                     # of which covered


def history(store: Store, initiative: Optional[str] = None) -> List[RunSummary]:
    """Every recorded run, oldest first, with its counts (of one initiative when given)."""
    runs = store.runs()
    ids = [r.id for r in runs]
    out = {r.id: RunSummary(r, findings={s: 0 for s in compare.SEVERITIES}) for r in runs}
    for run_id, sev, waived, baselined, n in grouped(
            store, t.findings, ["severity", "waived", "baselined"], ids, initiative):
        s = out[run_id]
        if waived:
            s.waived += n
        elif baselined:
            s.baselined += n
        else:
            s.findings[sev] = s.findings.get(sev, 0) + n
    for run_id, required, covered, n in grouped(store, t.coverage, ["required", "covered"], ids,
                                                initiative):
        if required:
            out[run_id].required += n
            out[run_id].covered += n if covered else 0
    if initiative is None:
        for run_id, n in store.counts(t.initiatives, ids).items():
            out[run_id].initiatives = n
        for run_id, n in store.counts(t.input_errors, ids).items():
            out[run_id].input_errors = n
    else:
        present = {r["run_id"]: r for r in store.rows(t.initiatives, ids, initiative)}
        for run_id, s in out.items():
            s.present = run_id in present
            s.initiatives = int(s.present)
            s.phase = present[run_id]["phase"] if s.present else None
    return [out[i] for i in ids]


@dataclass
class Diff:
    a: RunRow
    b: RunRow
    changes: List[compare.InitiativeChange]
    titles: Dict[str, str]

    @property
    def totals(self) -> compare.Totals:
        return compare.totals(self.changes)


def diff(store: Store, a: Optional[int] = None, b: Optional[int] = None) -> Diff:
    run_a, run_b = pair(a, b, store.runs())
    ids = [run_a.id, run_b.id]
    inits = store.rows(t.initiatives, ids)
    found = store.rows(t.findings, ids)
    titles = {r["initiative"]: r["title"] for r in inits}
    changes = compare.compare({r["initiative"] for r in inits if r["run_id"] == run_a.id},
                              [f for f in found if f["run_id"] == run_a.id],
                              {r["initiative"] for r in inits if r["run_id"] == run_b.id},
                              [f for f in found if f["run_id"] == run_b.id])
    return Diff(run_a, run_b, changes, titles)


def current_rows(result: RunResult) -> Tuple[List[str], List[Row], List[Row]]:
    """The initiative ids, finding rows and exception rows of a run not yet recorded."""
    ids, findings, exceptions = [], [], []
    for r in result.initiatives:
        ids.append(r.id)
        findings.extend(finding_row(f, r.id) for f in r.findings)
        exceptions.extend(exception_rows(r.id, r.data))
    findings.extend(finding_row(f, "") for f in result.portfolio_findings)
    return ids, findings, exceptions


def comparable(store: Store, root: str, repo: Optional[str], partial: bool = False
               ) -> List[RunRow]:
    """The recorded runs a run of `root` in repository `repo` is compared with, oldest first:
    same root and repository (runs recorded before idm kept the repository count as the
    same), and for a full run only full runs: a --changed-only run checked some initiatives,
    so the others would read as resolved and then new again."""
    return [r for r in store.runs(root)
            if (r.repository is None or repo is None or r.repository == repo)
            and (partial or not r.partial)]


def since_last(store: Store, result: RunResult, root: str, repo: Optional[str] = None,
               partial: bool = False) -> SinceLast:
    """How `result` differs from the last comparable run (see comparable).  A partial run is
    compared on the initiatives it checked only; the portfolio level is left out."""
    runs = comparable(store, root, repo, partial)
    if not runs:
        return SinceLast(None, "")
    last = runs[-1]
    ids, findings, _ = current_rows(result)
    before = {r["initiative"] for r in store.rows(t.initiatives, [last.id])}
    earlier = store.rows(t.findings, [last.id])
    if partial:
        checked = set(ids)
        before &= checked
        earlier = [f for f in earlier if f["initiative"] in checked]
        findings = [f for f in findings if f["initiative"] in checked]
    tot = compare.totals(compare.compare(before, earlier, set(ids), findings))
    return SinceLast(last.id, last.recorded_at, tot.new, tot.resolved, tot.added, tot.missing)


@dataclass
class Dashboard:
    """The history the portfolio dashboard shows beside the current run."""

    runs: List[RunRow]                                   # earlier runs of this root, oldest first
    portfolio: List[int]                                 # open findings per run, then now
    trends: Dict[str, List[Optional[int]]]               # initiative -> same (None: absent)
    # initiative -> (new, resolved); None: new since the last run; "missing": not in this one
    since: Dict[str, Any]
    since_last: SinceLast
    register: List[compare.RegisterEntry]


TREND_RUNS = 8   # earlier runs a trend shows


def dashboard(store: Store, result: RunResult, root: str, repo: Optional[str] = None
              ) -> Dashboard:
    runs = comparable(store, root, repo)
    shown = runs[-TREND_RUNS:]
    ids = [r.id for r in shown]
    open_by: Dict[Tuple[int, str], int] = {}
    for run_id, ident, n in _open_counts(store, ids):
        open_by[(run_id, ident)] = n
    present: Dict[int, set] = {i: set() for i in ids}
    for r in store.rows(t.initiatives, ids):
        present[r["run_id"]].add(r["initiative"])
    cur_ids, cur_findings, cur_exceptions = current_rows(result)
    cur_open: Dict[str, int] = {}
    for f in cur_findings:
        if not f["waived"] and not f["baselined"]:
            cur_open[f["initiative"]] = cur_open.get(f["initiative"], 0) + 1
    trends = {}
    current = set(cur_ids)
    for ident in current.union(*present.values()):
        trends[ident] = [open_by.get((i, ident), 0) if ident in present[i] else None
                         for i in ids] + [cur_open.get(ident, 0) if ident in current else None]
    portfolio = [sum(n for (i, _), n in open_by.items() if i == run_id) for run_id in ids]
    portfolio.append(sum(cur_open.values()))
    since: Dict[str, Any] = {}
    last = runs[-1] if runs else None
    summary = SinceLast(None, "")
    if last is not None:
        before = present.get(last.id, set())
        changes = compare.compare(before, store.rows(t.findings, [last.id]), set(cur_ids),
                                  cur_findings)
        for c in changes:
            if c.initiative:
                since[c.initiative] = (None if c.presence == "only_b" else "missing"
                                       if c.presence == "only_a"
                                       else (len(c.new), len(c.resolved)))
        tot = compare.totals(changes)
        summary = SinceLast(last.id, last.recorded_at, tot.new, tot.resolved, tot.added,
                            tot.missing)
    all_ids = [r.id for r in runs]
    dates = {r.id: r.evaluation_date for r in runs}
    recorded = [(r["run_id"], dates[r["run_id"]], r) for r in store.rows(t.exceptions, all_ids)]
    return Dashboard(shown, portfolio, trends, since, summary,
                     compare.register(recorded, cur_exceptions, result.date))


def _open_counts(store: Store, ids: List[int]) -> List[Tuple[int, str, int]]:
    out: Dict[Tuple[int, str], int] = {}
    for run_id, ident, waived, baselined, n in grouped(
            store, t.findings, ["initiative", "waived", "baselined"], ids):
        if not waived and not baselined:
            out[(run_id, ident)] = out.get((run_id, ident), 0) + n
    return [(r, i, n) for (r, i), n in out.items()]


def decisions_between(store: Store, initiative: str) -> List[Row]:
    """The board's decisions on one initiative as the runs recorded them: a decision or
    condition where it first appears and wherever its state changed from the run before
    (run, evaluation date, decision, date, body, outcome, condition, due, state).  A store of
    a revision before idm_decisions has none."""
    if store.revision in ("0001", "0002", "0003", "0004", "0005"):
        return []
    runs = {r.id: r for r in store.runs()}
    last: Dict[Tuple[str, str], str] = {}
    out = []
    for row in store.rows(t.decisions, sorted(runs), initiative):
        key = (row["decision"], row["condition"])
        if last.get(key) == row["state"]:
            continue
        last[key] = row["state"]
        out.append({"run": row["run_id"], "evaluation_date": runs[row["run_id"]].evaluation_date,
                    **{k: row[k] for k in ("decision", "date", "body", "outcome", "condition",
                                           "due", "state")}})
    return out


@dataclass
class SinceReview:
    """What the dossier of one initiative says of its history: the recorded run it belongs to
    (the latest that read this very file, by SHA-256), the previous recorded run of the
    initiative before that, and the findings added and resolved since (as `idm diff` counts
    them, on the initiative's findings)."""

    belongs_to: Optional[RunRow]
    previous: Optional[RunRow]
    added: List[Row] = field(default_factory=list)
    resolved: List[Row] = field(default_factory=list)


def since_review(store: Store, result: RunResult, initiative: str, sha256: str) -> SinceReview:
    runs = store.runs()
    held = {r["run_id"] for r in store.rows(t.initiatives, [r.id for r in runs], initiative)}
    mine = [r for r in runs if r.id in held]
    read = {r["run_id"] for r in store.rows(t.inputs, [r.id for r in mine])
            if sha256 and r["sha256"] == sha256}
    belongs = next((r for r in reversed(mine) if r.id in read), None)
    before = [r for r in mine if belongs is None or r.id < belongs.id]
    if not before:
        return SinceReview(belongs, None)
    previous = before[-1]
    _, now, _ = current_rows(result)
    change = compare.compare({initiative}, store.rows(t.findings, [previous.id], initiative),
                             {initiative}, [f for f in now if f["initiative"] == initiative])
    return SinceReview(belongs, previous, change[0].new, change[0].resolved)
