"""One check: input files -> per-file tasks (in workers) -> collected outcomes -> RunResult.

The entry point of the pipeline; it holds no state between calls.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from ..errors import Problem
from ..inputs.archimate.source import expand_models
from ..inputs.decisions import Decision, load_decision, looks_like_decision, unique
from ..inputs.discovery import (STDIN, InputFile, display_name, read_stdin_if_named,
                                select_inputs)
from ..inputs.loader import DEFAULT_LIMITS, Limits
from ..model import Finding, InitiativeResult, RunResult, Severity, tally
from ..pack.rulepack import RuleSet
from .baseline import Baseline
from .cache import ResultCache
from .collect import Checking
from .decisions import DecisionRules, path_tests
from .spool import MemoryStore
from .task import FileSource, Task, engine_problem
from .workers import run_parallel

SPOOL_AFTER = 200   # runs of more files keep per-initiative results on disk


def check(paths: Sequence[str], ruleset: RuleSet, date: str,
          fail_on: Optional[Severity] = Severity.error, limits: Limits = DEFAULT_LIMITS,
          jobs: int = 1, read_stdin: Optional[Callable[[], bytes]] = None,
          extra_problems: Iterable[Problem] = (),
          select: Optional[Callable[[str], bool]] = None,
          keep_documents: bool = True,
          baseline: Optional[Baseline] = None,
          spool_after: int = SPOOL_AFTER, apply_waivers: bool = True,
          decisions: Sequence[Decision] = (),
          known_run: Optional[Callable[[int], Optional[bool]]] = None,
          known_digest: Optional[Callable[[str], Optional[bool]]] = None,
          cache: Optional[ResultCache] = None) -> RunResult:
    """Check initiatives against a loaded rule set on an evaluation date (YYYY-MM-DD).

    `select`, when given, picks which of the expanded input files to check (--changed-only).
    `keep_documents` False leaves InitiativeResult.data empty: only the HTML report reads it.
    `baseline`: keys (rule, initiative, path) of known findings, marked baselined.
    `apply_waivers` False (--no-waivers, an audit) reports every finding as if no comply-or-explain
    exception existed.
    Runs of more than `spool_after` files keep their results on disk: RunResult.initiatives then
    reads each back when it is iterated, so memory does not grow with the portfolio.
    `decisions`: board decisions besides those among the input files (`kind: Decision`); the
    decision rules judge them after the initiatives.  `known_run` / `known_digest` tell whether
    the history store holds a run / a dossier digest a decision was based on (None: no store).
    `cache`, when given, holds each file's outcome from one run to the next (docs/cache.md):
    files whose content, name, rules, date and options are unchanged are not read again.
    """
    files, problems = select_inputs(paths, select)
    problems.extend(extra_problems)
    files, found = split_decisions(files, limits)
    decisions = unique(list(decisions) + found, problems)
    decisions, tests, bad = path_tests(ruleset, decisions)
    problems.extend(bad)
    files, stdin = read_stdin_if_named(files, read_stdin, problems)
    # An ArchiMate model is one input per opted-in work package (docs/archimate.md).
    files, prepared, found = expand_models(files, limits, ruleset.fields)
    problems.extend(found)
    if len(files) > spool_after:
        from .spool import FileStore
        store: Any = FileStore()
    else:
        store = MemoryStore()
    checking = Checking(ruleset, date, keep_documents, baseline, store, apply_waivers,
                        frozenset(d.initiative for d in decisions
                                  if any("path" in c for c in d.conditions)))
    collect = checking.collector(len(files), lambda i: display_name(files[i][0]))
    if cache is not None:
        # Every option that changes an outcome is part of the key (fail_on only the exit code,
        # kept in for safety: it costs nothing); the initiatives a decision's field test reads
        # keep their documents, so they are too.
        cache.start(files, frozenset(prepared), limits, ruleset, date,
                    (fail_on, limits, keep_documents, apply_waivers,
                     baseline, tuple(sorted(checking.keep_ids))))
    task = Task(checking, FileSource(files, stdin, limits, ruleset.fields, prepared), cache)
    outcomes = run_parallel(task, len(files), jobs, collect=collect)
    task.close()
    for (path, _), (kind, value) in zip(files, outcomes):
        if kind == "error":   # the worker died or the engine failed outside evaluate()
            problems.append(engine_problem(display_name(path), value))
    collect.problems.extend(problems)
    if cache is not None:
        cache.trim()
    result = collect.result(fail_on, jobs)
    if decisions:
        judge_decisions(result, DecisionRules(ruleset, date, tests), decisions, known_run,
                        known_digest)
    return result


def split_decisions(files: List[InputFile], limits: Limits
                    ) -> Tuple[List[InputFile], List[Decision]]:
    """The input files that are initiatives, and the board decisions among them (`kind:
    Decision`, loaded here; an invalid one is reported like an invalid initiative)."""
    rest, out = [], []
    for path, from_dir in files:
        if path == STDIN or not looks_like_decision(path):
            rest.append((path, from_dir))
            continue
        decision, found = load_decision(path, limits, display_name(path))
        if decision is None:
            rest.append((path, from_dir))   # the worker reports its problems
        else:
            out.append(decision)
    return rest, out


def judge_decisions(result: RunResult, rules: DecisionRules, decisions: Sequence[Decision],
                    known_run: Optional[Callable[[int], Optional[bool]]] = None,
                    known_digest: Optional[Callable[[str], Optional[bool]]] = None) -> None:
    """The decisions judged on the run's initiatives; their findings join the run's own."""
    named = {d.initiative for d in decisions}
    by_id: Dict[str, InitiativeResult] = {}
    for r in result.initiatives:
        if r.id in named and r.id not in by_id:
            by_id[r.id] = r
    states = rules.judge(decisions, by_id.get, known_run, known_digest)
    found = [f for s in states for f in s.findings]
    result.decisions = tuple(states)
    result.portfolio_findings = sorted(result.portfolio_findings + found, key=Finding.sort_key)
    if result.tally is not None:
        tally(found, result.tally)
