"""One check: input files -> per-file tasks (in workers) -> collected outcomes -> RunResult.

The entry point of the pipeline; it holds no state between calls.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Sequence

from ..errors import Problem
from ..inputs.archimate.source import expand_models
from ..inputs.discovery import display_name, read_stdin_if_named, select_inputs
from ..inputs.loader import DEFAULT_LIMITS, Limits
from ..model import RunResult, Severity
from ..pack.rulepack import RuleSet
from .baseline import Baseline
from .cache import ResultCache
from .collect import Checking
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
          cache: Optional[ResultCache] = None) -> RunResult:
    """Check initiatives against a loaded rule set on an evaluation date (YYYY-MM-DD).

    `select`, when given, picks which of the expanded input files to check (--changed-only).
    `keep_documents` False leaves InitiativeResult.data empty: only the HTML report reads it.
    `baseline`: keys (rule, initiative, path) of known findings, marked baselined.
    `apply_waivers` False (--no-waivers, an audit) reports every finding as if no comply-or-explain
    exception existed.
    Runs of more than `spool_after` files keep their results on disk: RunResult.initiatives then
    reads each back when it is iterated, so memory does not grow with the portfolio.
    `cache`, when given, holds each file's outcome from one run to the next (docs/cache.md):
    files whose content, name, rules, date and options are unchanged are not read again.
    """
    files, problems = select_inputs(paths, select)
    problems.extend(extra_problems)
    files, stdin = read_stdin_if_named(files, read_stdin, problems)
    # An ArchiMate model is one input per opted-in work package (docs/archimate.md).
    files, prepared, found = expand_models(files, limits, ruleset.fields)
    problems.extend(found)
    if len(files) > spool_after:
        from .spool import FileStore
        store: Any = FileStore()
    else:
        store = MemoryStore()
    checking = Checking(ruleset, date, keep_documents, baseline, store, apply_waivers)
    collect = checking.collector(len(files), lambda i: display_name(files[i][0]))
    if cache is not None:
        # Every option that changes an outcome is part of the key (fail_on only the exit code,
        # kept in for safety: it costs nothing).
        cache.start(files, frozenset(prepared), limits, ruleset, date,
                    (fail_on, limits, keep_documents, apply_waivers,
                     baseline))
    task = Task(checking, FileSource(files, stdin, limits, ruleset.fields, prepared), cache)
    outcomes = run_parallel(task, len(files), jobs, collect=collect)
    task.close()
    for (path, _), (kind, value) in zip(files, outcomes):
        if kind == "error":   # the worker died or the engine failed outside evaluate()
            problems.append(engine_problem(display_name(path), value))
    collect.problems.extend(problems)
    if cache is not None:
        cache.trim()
    return collect.result(fail_on, jobs)
