"""`idm dossier FILE`: the review dossier of one initiative, for an architecture board."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from ..errors import Problem
from ..i18n import said
from ..inputs.loader import Limits
from ..model import RunResult, Severity
from .common import CommandResult, emit_problems, finish, run_command, start, today
from .console import Console
from .delivery import outputs_for
from .outputs import STDOUT, Target

if TYPE_CHECKING:
    from ..inputs.decisions import Decision


@dataclass
class DossierOptions:
    path: str                          # one initiative file; - reads standard input
    rules: Sequence[str] = ()
    output: Optional[str] = None       # a file; None: standard output
    fmt: str = "html"                  # html (printable on A4) or markdown
    date: Optional[str] = None         # YYYY-MM-DD; None: today
    lang: str = "en"
    limits: Limits = field(default_factory=Limits)
    project_file: Optional[str] = None
    decision: Optional[str] = None     # a decision file (kind: Decision) to render as recorded
    # The portfolio the portfolio rules are judged in (files and folders); empty: the project's
    # paths (.idm.yaml), and without those the file alone (portfolio rules then not judged).
    portfolio: Sequence[str] = ()
    # The history store whose runs of the initiative the dossier names ("" or None: $IDM_DB_URL,
    # else .idm/history.sqlite, used only when it exists; a --db that cannot be read is exit 2).
    db: Optional[str] = None
    console: Console = field(default_factory=Console)


def decisions_of(options: DossierOptions) -> Tuple[List["Decision"], List[Problem]]:
    """The decisions the dossier shows: the one `--decision` names (first) and the earlier ones
    of the same initiative that `.idm.yaml` names (`decisions:`).  A decision on another
    initiative than the file's is a problem at its `initiative`."""
    import os

    from ..inputs.config import load_config
    from ..inputs.decisions import load_decision, load_decisions
    from ..inputs.initiatives import load_one
    out: List["Decision"] = []
    problems: List[Problem] = []
    ident = None
    if options.path != "-":
        loaded, _ = load_one(options.path, False, options.limits)
        ident = loaded.id if loaded is not None else None   # the check reports why not
    if options.decision:
        d, problems = load_decision(options.decision, options.limits)
        if d is None:
            return [], problems
        if ident is not None and d.initiative != ident:
            line, col = d.doc.position("initiative")
            return [], [Problem.of(d.doc.file, said("decision.other_initiative",
                                                    initiative=repr(d.initiative),
                                                    file=repr(ident)), line, col, "initiative")]
        ident = d.initiative
        out.append(d)
    config = load_config(options.project_file)[0] if options.project_file else None
    if ident is not None and config is not None and config.settings.get("decisions"):
        earlier, problems = load_decisions(config.settings["decisions"], options.limits)
        same = {os.path.realpath(d.doc.file) for d in out}
        out += [d for d in earlier if d.initiative == ident and
                os.path.realpath(d.doc.file) not in same and d.id not in {x.id for x in out}]
    return out, problems


def portfolio_of(options: DossierOptions) -> List[str]:
    """The portfolio of the dossier's initiative: --portfolio, else the project's paths; none
    for standard input."""
    if options.path == "-":
        return []
    if options.portfolio:
        return list(options.portfolio)
    from ..inputs.config import load_config
    config = load_config(options.project_file)[0] if options.project_file else None
    return list(config.settings.get("paths") or []) if config is not None else []


def in_portfolio(run: RunResult, path: str) -> Optional[RunResult]:
    """The run of a portfolio narrowed to the dossier's initiative: its result (pair findings
    included), the portfolio-level findings and its decisions; `portfolio` keeps the ids of the
    whole portfolio.  None when the file was not checked (its problems were reported)."""
    import dataclasses
    import os
    real = os.path.realpath(path)
    results = list(run.initiatives)
    mine = [r for r in results if os.path.realpath(r.file) == real]
    if len(mine) != 1:
        return None
    ident = mine[0].id
    return dataclasses.replace(
        run, initiatives=mine, tally=None,
        portfolio_findings=[f for f in run.portfolio_findings if f.initiative in (None, ident)],
        decisions=tuple(d for d in run.decisions if d.decision.initiative == ident),
        portfolio=tuple(r.id for r in results))


def history_of(options: DossierOptions, run: RunResult) -> Optional[Dict[str, Any]]:
    """The run of the history store this dossier belongs to and what changed since the previous
    recorded review of the initiative, as plain data for the report; None without a store.
    HistoryError when --db names a store that cannot be read."""
    import hashlib

    from ..history.record import open_store
    from ..history.store import HistoryError, NoStore
    from ..history.views import since_review
    r = next(iter(run.initiatives))
    try:
        with open(r.file, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        digest = ""
    try:
        store = open_store(options.db or None, create=False, write=False)
        seen = since_review(store, run, r.id, digest)
    except (NoStore, HistoryError):
        if options.db:      # a store named on the command line must be usable
            raise
        return None         # the default store is optional: a dossier without its history

    def rows(found: List[Any]) -> List[Dict[str, str]]:
        return [{"rule": f["rule"], "path": f["path"], "severity": f["severity"]} for f in found]
    return {"run": seen.belongs_to.id if seen.belongs_to else None,
            "previous": (seen.previous.id, seen.previous.evaluation_date)
            if seen.previous else None,
            "added": rows(seen.added), "resolved": rows(seen.resolved)}


def dossier(options: DossierOptions) -> CommandResult:
    """Exit code 0 written (findings are the board's to weigh), 2 the initiative or a rule pack
    could not be used, or the dossier could not be written."""
    from ..check.run import check as run_check
    from ..inputs.discovery import read_stream
    from ..history.store import HistoryError
    from ..report.dossier import write as write_dossier
    console = options.console
    outputs = outputs_for(console, [options.path] + list(options.rules) +
                          ([options.decision] if options.decision else []),
                          options.project_file, lang=options.lang)
    target = Target(options.fmt, options.output or STDOUT, "--output %s" % options.output)

    def body() -> int:
        ruleset = start(console, outputs, [target], options.rules, options.limits,
                        options.project_file, options.date, options.lang)
        found, problems = decisions_of(options)
        if problems:
            emit_problems(console, problems, options.lang)
            return 2
        portfolio = portfolio_of(options)
        run = run_check([options.path] + portfolio, ruleset, today(options.date),
                        Severity.error, options.limits, 1,
                        read_stdin=lambda: read_stream(console.stdin(), options.limits.max_bytes),
                        decisions=found)
        emit_problems(console, run.errors, options.lang)
        if portfolio:
            one = in_portfolio(run, options.path)
            if one is None:
                return 2
            run = one
        elif run.errors or len(run.initiatives) != 1:
            return 2
        recorded = found[0].id if options.decision and found else None
        try:
            history = history_of(options, run)
        except HistoryError as e:
            console.error(e.text(options.lang))
            return 2
        ok = outputs.write(target, lambda out: write_dossier(run, ruleset, out, options.lang,
                                                             options.fmt, recorded, history))
        return 2 if not ok or run.errors else 0
    result = CommandResult(exit_code=run_command(console, body, options.lang))
    finish(result, console, outputs.written)
    return result
