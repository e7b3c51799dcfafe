"""One check: input files -> per-file tasks (in workers) -> collected outcomes -> RunResult.

The entry point of the pipeline; it holds no state between calls.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from ..errors import EngineError, Problem
from ..inputs.archimate.source import expand_models
from ..inputs.decisions import Decision, load_decision, looks_like_decision, unique
from ..inputs.discovery import (STDIN, InputFile, display_name, read_stdin_if_named,
                                select_inputs)
from ..inputs.loader import DEFAULT_LIMITS, Limits
from ..model import Finding, InitiativeResult, RunResult, Severity, tally
from ..pack.rulepack import RuleSet
from .baseline import Baseline
from .cache import ResultCache
from .lastrun import LastRun, Row, signature
from .collect import Checking
from .decisions import DecisionRules, path_tests
from .spool import MemoryStore
from .task import FileSource, Task, engine_problem
from .workers import run_parallel

SPOOL_AFTER = 200   # runs of more files keep per-initiative results on disk
FEW = 32            # changed files a re-check checks in its own process


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
    listed = files
    known = cache.not_decisions(listed) if cache is not None else None
    sigs: Dict[str, Any] = {}
    files, found = split_decisions(files, limits, known, sigs)
    if cache is not None and known is not None:
        cache.keep_not_decisions(listed, known, sigs)
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
    last = cache.last_run() if cache is not None else None
    replay = unchanged(files, last, sigs) if last is not None else {}
    todo = [i for i in range(len(files)) if i not in replay]
    task.last = last
    # A few files left after the last run: starting workers costs more than checking them.
    outcomes = run_parallel(Subset(task, todo), len(todo),
                            1 if replay and len(todo) <= FEW else jobs,
                            collect=lambda j, o: collect(todo[j], o))
    replayed: Optional[bool] = False
    if last is not None:
        assert cache is not None
        replayed = with_last_run(collect, task, cache, last, replay, todo)
        if replayed is None:
            # The long way: every file from its entry (the ones just checked too), so that the
            # portfolio rules run over all of them.
            checking.store = type(store)()
            collect = checking.collector(len(files), lambda i: display_name(files[i][0]))
            todo, task.last = list(range(len(files))), None
            outcomes = run_parallel(task, len(files), jobs, collect=collect)
    task.close()
    for i, (kind, value) in zip(todo, outcomes):
        if kind == "error":   # the worker died or the engine failed outside evaluate()
            problems.append(engine_problem(display_name(files[i][0]), value))
    collect.problems.extend(problems)
    result = collect.result(fail_on, jobs, last if replayed else None)
    if cache is not None:
        result.reuse = cache.reuse(collect.part_keys(last if replayed else None))
        keep_last_run(cache, collect, last, bool(replayed))
        if todo:
            cache.trim(len(todo))
    if decisions:
        judge_decisions(result, DecisionRules(ruleset, date, tests), decisions, known_run,
                        known_digest)
    return result


class Subset:
    """The task of the inputs `todo` of a run: its j-th is input todo[j]."""

    def __init__(self, task: Task, todo: List[int]):
        self.task, self.todo = task, todo

    def __call__(self, j: int) -> Any:
        return self.task(self.todo[j])

    def flush(self) -> None:
        self.task.flush()


def unchanged(files: Sequence[InputFile], last: LastRun, sigs: Dict[str, Any]
              ) -> Dict[int, Row]:
    """The inputs the last run saw as they are now (by their status signatures, not read)."""
    out = {}
    for i, ((path, _), row) in enumerate(zip(files, last.rows)):
        if row.sig is not None and (sigs[path] if path in sigs else signature(path)) == row.sig:
            out[i] = row
    return out


def reloading(task: Task, cache: ResultCache, replay: Dict[int, Row]
              ) -> Callable[[int], Tuple[InitiativeResult, Any]]:
    """Input i's result and pending pair sides, from its cache entry.  An entry gone since the
    run began (another run trimmed the cache) is made again: the file is checked here."""
    def reload(i: int) -> Tuple[InitiativeResult, Any]:
        found = cache.entry(replay[i].key)
        if found is None or found.result is None:
            task.last = None
            outcome = task(i)
            if outcome.handle is None:   # the file changed or went since the run began
                raise EngineError(display_name(task.source.files[i][0]))
            return task.checking.store.get(outcome.handle)
        return found.result, found.pending
    return reload


STALE_ROWS = 8   # files a replayed run may leave for the next one to read again


def with_last_run(collect: Any, task: Task, cache: ResultCache, last: LastRun,
                  replay: Dict[int, Row], todo: List[int]) -> Optional[bool]:
    """The files the last run saw unchanged (`replay`), counted from its record once the
    others (`todo`) are checked.  True: nothing the portfolio rules read has changed, and their
    findings are the last run's; False: they run again, over what they read of each file kept
    beside the record; None: that is not kept, and the run must go the long way."""
    if collect.fits(last) and all(
            collect.rows[i] is not None and collect.rows[i].facts == last.rows[i].facts
            for i in todo):
        collect.replay(replay)
        collect.reload = reloading(task, cache, collect.replayed)
        return True
    if not (replay or collect.replayed):
        return False      # every file was checked: the portfolio rules have all they read
    facts = cache.last_facts()
    if facts is None or not fed(collect, replay, facts):
        return None
    collect.reload = reloading(task, cache, collect.replayed)
    return False


def fed(collect: Any, replay: Dict[int, Row], known: List[Any]) -> bool:
    """The replayed files counted, and what the portfolio rules read of each fed from the
    record's facts; False when one is missing or does not match its row (the collector is
    then left half fed: the caller starts anew)."""
    from .cachecodec import Unusable
    collect.replay(replay)
    try:
        for i in collect.replayed:
            entry = known[i]
            if entry is None or entry[0] != collect.rows[i].facts:
                return False
            collect.feed(i, entry[1])
    except Unusable:
        return False
    return True


def keep_last_run(cache: ResultCache, collect: Any, last: Optional[LastRun],
                  replayed: bool) -> None:
    """The record of this run for the next one over the same files.  Not written when a file
    could not be cached, nor after a replayed run that changed at most STALE_ROWS rows: writing
    10,000 rows again costs more than the next run reading those few files again (their old
    rows no longer match them, so they are checked, from their cache entries)."""
    record = collect.last_run()
    if record is None:
        return
    if last is not None and replayed and \
            sum(1 for a, b in zip(record.rows, last.rows) if a != b) <= STALE_ROWS:
        return
    cache.save_last_run(record)
    if replayed:
        return   # what the portfolio rules read is what it was: the facts kept beside hold
    facts: List[Any] = [None if t is None else [r.facts, t]
                        for r, t in zip(record.rows, collect.facts)]
    if None in facts:
        known = cache.last_facts() or [None] * len(facts)
        for i, (row, entry) in enumerate(zip(record.rows, known)):
            if facts[i] is None and entry is not None and entry[0] == row.facts:
                facts[i] = entry
    if None not in facts:
        cache.save_last_facts(facts)


def split_decisions(files: List[InputFile], limits: Limits,
                    known: Optional[Dict[str, Any]] = None,
                    sigs: Optional[Dict[str, Any]] = None
                    ) -> Tuple[List[InputFile], List[Decision]]:
    """The input files that are initiatives, and the board decisions among them (`kind:
    Decision`, loaded here; an invalid one is reported like an invalid initiative).

    With the result cache, `known` holds the status signatures of files a run found not to be
    decisions: a file with the same signature is not read to find out again.  `sigs` is given
    the signature of each file found not to be a decision (taken before it was read)."""
    rest, out = [], []
    for path, from_dir in files:
        sig = None
        if path != STDIN and known is not None and sigs is not None:
            sig = signature(path)
            if sig is not None and known.get(path) == sig:
                sigs[path] = sig
                rest.append((path, from_dir))
                continue
        if path == STDIN or not looks_like_decision(path):
            if sig is not None and sigs is not None:
                sigs[path] = sig
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
