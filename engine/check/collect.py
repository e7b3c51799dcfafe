"""One run's compiled rules and the folding of its per-file outcomes into a RunResult.

`Checking.outcome` runs in the worker that evaluated an initiative and keeps what it sends back
small; `Collector` runs in the main process, folds each outcome in as it arrives, then runs the
portfolio rules and reads each initiative's result back, in report order, when a report asks.
"""
from __future__ import annotations

import functools
import hashlib
from array import array
from dataclasses import dataclass, field, replace
from typing import (TYPE_CHECKING, Any, Callable, Dict, FrozenSet, List, Optional, Sequence,
                    Tuple)

from .. import __version__
from ..compile.compiler import compile_ruleset
from ..durable.evaluator import Firing
from ..errors import Problem
from ..inputs.initiatives import Loaded
from ..model import Finding, InitiativeResult, RunResult, Severity, Tally, tally
from ..pack.rulepack import RuleSet, RuleSpec
from .baseline import Baseline, mark
from .lastrun import LastRun, Row, facts_digest, facts_text, read_facts, tally_rows
from .findings import initiative_result
from .pairrows import SHOWN, PairRows
from .portfolio import (BUCKETS, PortfolioInputs, Record, aggregate_finding,
                        aggregate_fires, pair_finding, portfolio_part)
from .spool import LazyList, MemoryStore
from .waivers import waivers
from .workers import Forked, fork_available

if TYPE_CHECKING:
    from .cache import Evaluated

PARALLEL_JOINS = 1000   # initiatives from which the pair joins are shared out over --jobs


@dataclass
class FileOutcome:
    """What a worker sends back for one input file: small, whatever the initiative's size."""

    problems: List[Problem]
    id: Optional[str] = None                  # the initiative's id
    handle: Any = None                        # the stored (InitiativeResult, Pending)
    tally: Optional[Tally] = None
    sums: Optional[Dict[str, Dict[str, float]]] = None   # aggregate rule id -> values to sum
    records: List[Tuple[str, Record]] = field(default_factory=list)   # for a MemoryStore
    # With the result cache (engine/check/lastrun.py): the file's row for the next run.
    row: Any = None
    same: bool = False   # the file's content is the last run's: replayed from its row
    facts: str = ""      # with a row: what the portfolio rules read of the file (lastrun)


class Checking:
    """One run's compiled rules and options: turns evaluated initiatives into outcomes.

    `check` uses it for files in worker processes; the authoring tools for in-memory examples.
    """

    def __init__(self, ruleset: RuleSet, date: str, keep_documents: bool = True,
                 baseline: Optional[Baseline] = None, store: Any = None,
                 apply_waivers: bool = True, keep_ids: FrozenSet[str] = frozenset()):
        self.ruleset, self.date = ruleset, date
        self.keep_ids = keep_ids                # initiatives a decision's field test reads
        self.apply_waivers = apply_waivers      # False: --no-waivers, an audit
        self.compiled = compile_ruleset(ruleset, date)
        self.specs = {s.id: s for s in ruleset.specs if s.active_on(date)}
        self.keep_documents, self.baseline = keep_documents, baseline
        self.store = store if store is not None else MemoryStore()

    def outcome(self, index: int, loaded: Loaded, hits: List[Firing],
                problems: List[Problem]) -> FileOutcome:
        """Initiative `index` of the run, evaluated: its result and what the portfolio rules read
        of it stored, its finding counts and aggregate values returned."""
        return self.stored(index, self.evaluated(loaded, hits, problems))

    def evaluated(self, loaded: Loaded, hits: List[Firing], problems: List[Problem]
                  ) -> "Evaluated":
        """What the run keeps of an evaluated initiative, wherever it is in the run (the
        result cache holds exactly this)."""
        from .cache import Evaluated
        found = waivers(loaded.doc, hits)
        result = initiative_result(loaded, hits, self.ruleset, self.specs, self.compiled, found,
                                   self.apply_waivers)
        result.findings = mark(result.findings, self.baseline)
        result.findings.sort(key=Finding.sort_key)
        result.rules_evaluated = ()   # put back on reading (one tuple for all)
        part, pending = portfolio_part(loaded, hits, self.specs,
                                       found if self.apply_waivers else {}, self.baseline)
        if not self.keep_documents and result.id not in self.keep_ids:
            result.data = {}
        out = Evaluated(problems, result, pending)
        if part is not None:
            out.sums = part.sums or None
            out.buckets = [(name, sides, shares)
                           for name, (_, sides, shares) in part.bucket_records(-1)]
        return out

    def stored(self, index: int, ev: "Evaluated", probe: Any = None) -> FileOutcome:
        """Input `index` of the run: its result stored, its portfolio records kept (here, or
        sent to the parent), its counts and aggregate values returned.  `probe`: its lookup in
        the result cache, when the run has one (the outcome then carries its row)."""
        row, facts = (None, "") if probe is None else last_row(probe, ev)
        if ev.result is None:
            return FileOutcome(ev.problems, row=row, facts=facts)
        out = FileOutcome(ev.problems, ev.result.id, self.store.put((ev.result, ev.pending)),
                          tally(ev.result.findings), row=row, facts=facts)
        if row is not None:
            row.tally = tally_rows(out.tally)
        out.sums = ev.sums
        for name, sides, shares in ev.buckets:
            record = (index, sides, shares)
            if self.store.local:   # the parent keeps them: send them along
                out.records.append((name, record))
            else:
                self.store.append(name, record)
        return out

    def collector(self, n: int, name_of: Callable[[int], str]) -> "Collector":
        """Folds the outcomes 0 .. n - 1 of a run as they arrive; `name_of(i)` is the file of
        outcome i."""
        return Collector(self, n, name_of)


def last_row(probe: Any, ev: "Evaluated") -> Tuple[Row, str]:
    """The row of the last-run record for a file checked (or found in the cache) this run
    (its tally is filled in by `stored`), and what the portfolio rules read of it."""
    from . import cachecodec as codec
    id_ = None if ev.result is None else ev.result.id
    facts = facts_text(id_, ev.sums, ev.buckets)
    return Row(probe.sig, probe.digest, probe.key, id_, [],
               codec.dumps(ev.problems) if ev.problems else "[]", facts_digest(facts)), facts


class Collector:
    """One run's outcomes, folded in as each arrives: finding counts, what the portfolio rules
    read, and per initiative only its id and where its result is stored.

    With the result cache, a file the last run saw unchanged is `replay`ed from its row: its
    counts and id now, its result read from its cache entry (`reload`) when a report asks."""

    def __init__(self, checking: Checking, n: int, name_of: Callable[[int], str]):
        self.checking, self.name_of = checking, name_of
        self.counts: Tally = {}
        self.problems: List[Problem] = []
        self.inputs = PortfolioInputs(checking.specs.values())
        self.store = checking.store
        self.ids: List[Optional[str]] = [None] * n
        self.handles = checking.store.handles(n)
        self.rows: List[Optional[Row]] = [None] * n
        self.replayed: Dict[int, Row] = {}
        self.reload: Optional[Callable[[int], Tuple[InitiativeResult, Any]]] = None
        self.found: Tuple[Any, Tally, List[Finding]] = (array("i"), {}, [])
        self.facts: List[Optional[str]] = [None] * n   # of the files checked this run
        self.attached: List[str] = []

    def replay(self, rows: Dict[int, Row]) -> None:
        """Inputs unchanged since the last run: counted from their rows."""
        from . import cachecodec as codec
        counts: Dict[Tuple[int, int, int], int] = {}
        for i, row in rows.items():
            self.rows[i] = row
            if row.problems != "[]":
                self.problems.extend(codec.loads(row.problems))
            if row.id is None:
                continue
            self.ids[i] = row.id
            self.replayed[i] = row
            for s, w, b, n in row.tally:
                counts[s, w, b] = counts.get((s, w, b), 0) + n
        for (s, w, b), n in counts.items():
            key = (Severity(s), bool(w), bool(b))
            self.counts[key] = self.counts.get(key, 0) + n

    def feed(self, i: int, facts: str) -> None:
        """What the portfolio rules read of replayed input i, from the last run's record of it
        (lastrun.facts_text): they run again over every file, without reading any entry."""
        sums, buckets = read_facts(facts)
        if sums:
            self.inputs.add_sums(i, sums)
        for name, sides, shares in buckets:
            self.store.append(name, (i, sides, shares))

    def __call__(self, i: int, outcome: FileOutcome) -> None:
        if outcome.same:
            self.replay({i: outcome.row})
            return None
        self.problems.extend(outcome.problems)
        self.rows[i], self.facts[i] = outcome.row, outcome.facts or None
        if outcome.handle is None:
            return None
        self.ids[i], self.handles[i] = outcome.id, outcome.handle
        for k, n in outcome.tally.items():
            self.counts[k] = self.counts.get(k, 0) + n
        if outcome.sums:
            self.inputs.add_sums(i, outcome.sums)
        for name, record in outcome.records:
            self.store.append(name, record)
        return None

    def result(self, fail_on: Optional[Severity] = Severity.error, jobs: int = 1,
               last: Optional[LastRun] = None) -> RunResult:
        """The run's result: portfolio rules over what was collected (with up to `jobs`
        processes), initiatives in report order, each read back from the store when a report
        gets to it.  `last`: the record of the last run, when nothing the portfolio rules read
        has changed since: their findings are its findings (they are not run again)."""
        c = self.checking
        pair_specs = [s for s in self.inputs.specs if s.pairs is not None]   # and group rules
        if last is not None:
            rows, counts = PairRows.packed(last.pair_rows), last.pair_counts
            aggregates = list(last.aggregates)
        else:
            rows, counts = self._pair_rows(pair_specs, self._pair_matches(pair_specs, jobs))
            aggregates = self._aggregate_findings()
        for key, n in counts.items():
            self.counts[key] = self.counts.get(key, 0) + n
        self.found = rows.rows, counts, aggregates
        found = aggregates + list(c.ruleset.notices)
        tally(found, self.counts)
        ids, replayed = self.ids, self.replayed
        order = sorted((i for i, h in enumerate(self.handles) if h is not None or i in replayed),
                       key=lambda i: (self.name_of(i), ids[i]))
        rows.order(order)
        handles = [self.handles[i] for i in order]
        store, evaluated, reload = c.store, c.compiled.evaluated, self.reload

        def read(k: int) -> InitiativeResult:
            if handles[k] is None:
                assert reload is not None
                result, pending = reload(order[k])
            else:
                result, pending = store.get(handles[k])
            result = replace(result, findings=list(result.findings), rules_evaluated=evaluated)
            if rows.any_at(k):
                for si, item, total, shown, count in rows.at_place(k):
                    spec = pair_specs[si]
                    others = ([ids[o] for o in shown], total)
                    result.findings.append(pair_finding(spec, result, pending[(spec.id, item)],
                                                        others, count))
                result.findings.sort(key=Finding.sort_key)
            return result

        problems = sorted(self.problems,
                          key=lambda p: (p.file, p.line or 0, p.column or 0, p.path, p.message))
        initiatives: Sequence[InitiativeResult] = LazyList(len(handles), read)
        if isinstance(store, MemoryStore) and not replayed:
            # (a replayed initiative is read from its cache entry only if a report asks)
            initiatives = list(initiatives)
        out = RunResult(__version__, c.date, {s.id: s.rule for s in c.ruleset.specs},
                        initiatives, sorted(found, key=Finding.sort_key), problems, fail_on,
                        baseline_used=c.baseline is not None, tally=self.counts,
                        overrides=tuple(c.ruleset.overrides), packs=_named(c.ruleset),
                        declared_fields=c.ruleset.fields)
        self.order, self.pair_rows = order, rows
        return out

    def part_keys(self, last: Optional[LastRun] = None) -> List[Optional[str]]:
        """Per report place, the key of its initiative's part of a report: its cache entry and
        the portfolio findings attached to it (None: not cached, always rendered).  After
        `result`; `last`: the record of the last run whose portfolio findings it used."""
        out: List[Optional[str]] = []
        ids, rows = self.ids, self.pair_rows
        known = last.attached if last is not None and last.attached else None
        attached = self.attached = [""] * len(self.rows)
        for k, i in enumerate(self.order):
            row = self.rows[i]
            if known is not None:
                attached[i] = known[i]
            elif rows.any_at(k):
                found = [(si, item, total, [ids[o] for o in shown], count)
                         for si, item, total, shown, count in rows.at_place(k)]
                # repr of ints, strings and None: one text for equal values, in any process
                attached[i] = hashlib.sha1(repr(found).encode("utf-8", "surrogatepass"),
                                           usedforsecurity=False).hexdigest()
            out.append(None if row is None else row.key + attached[i])
        return out

    def last_run(self) -> Optional[LastRun]:
        """The record of this run for the next one; None when a file could not be cached.
        After `part_keys`."""
        if any(r is None for r in self.rows):
            return None
        rows, counts, aggregates = self.found
        return LastRun(list(self.rows), rows, dict(counts), list(aggregates), list(self.attached))

    def fits(self, last: LastRun) -> bool:
        """Whether the pair findings of the record name only initiatives and rules of this
        run (what is read from disk is checked before it is used)."""
        pair_specs = [s for s in self.inputs.specs if s.pairs is not None]
        return PairRows.packed(last.pair_rows).fits(len(self.rows), len(pair_specs))

    def _pair_matches(self, pair_specs: List[RuleSpec], jobs: int
                      ) -> Dict[Tuple[int, int], "array[int]"]:
        """Every pair finding as packed integers per (rule, bucket).  In a large run the joins
        are shared out over `jobs` processes (each bucket is decided on its own)."""
        units = [(si, b) for si in range(len(pair_specs)) for b in range(BUCKETS)]
        parts = min(jobs, len(units)) if len(self.ids) >= PARALLEL_JOINS and \
            not self.store.local and fork_available() else 1
        children = [Forked(functools.partial(self._dump_matches, pair_specs, units[p::parts]))
                    for p in range(1, parts)]
        try:
            found = self._matches(pair_specs, units[0::parts])
            for p, child in enumerate(children, 1):
                spool = child.result()
                if spool is None:
                    found.update(self._matches(pair_specs, units[p::parts]))
                else:
                    import pickle   # here: a small run never needs it
                    found.update(pickle.load(spool))
        finally:
            for child in children:
                child.close()
        return found

    def _pair_rows(self, pair_specs: List[RuleSpec], found: Dict[Tuple[int, int], "array[int]"]
                   ) -> Tuple[PairRows, Tally]:
        """The pair matches as rows, in the order one process finds them, and their counts."""
        counts: Tally = {}
        rows = PairRows()
        width = 5 + SHOWN
        for si, b in [(si, b) for si in range(len(pair_specs)) for b in range(BUCKETS)]:
            severity = pair_specs[si].rule.severity
            packed = found.get((si, b), ())
            for k in range(0, len(packed), width):
                doc, ref, flags, total, count, *shown = packed[k:k + width]
                # The message names the first others by id, then how many more there are.
                rows.add(doc, si, None if ref < 0 else ref, total, [o for o in shown if o >= 0],
                         count)
                key = (severity, bool(flags & 1), bool(flags & 2))
                counts[key] = counts.get(key, 0) + 1
        return rows, counts

    def _matches(self, pair_specs: List[RuleSpec], units: List[Tuple[int, int]]
                 ) -> Dict[Tuple[int, int], "array[int]"]:
        """The matches of these (pair rule index, bucket) units, each packed as integers: doc,
        item (-1: none), waived + 2 * baselined, how many others, the group's count (group
        rules), the first SHOWN (-1: none); a share of a large portfolio's matches as Python
        tuples took megabytes."""
        c = self.checking
        out: Dict[Tuple[int, int], "array[int]"] = {}
        for si, spec in enumerate(pair_specs):
            buckets = [b for i, b in units if i == si]
            if not buckets:
                continue
            for b, found in self.inputs.matches(spec, self.store.records,
                                                lambda d: self.handles[d] is not None
                                                or d in self.replayed,
                                                self.ids.__getitem__, SHOWN, buckets,
                                                c.ruleset, c.date):
                packed = out[(si, b)] = array("i")
                for (doc, ref), (waived, baselined), shown, total, count in found:
                    packed.extend([doc, -1 if ref is None else ref, waived + 2 * baselined,
                                   total, count] + list(shown) + [-1] * (SHOWN - len(shown)))
        return out

    def _dump_matches(self, pair_specs: List[RuleSpec], units: List[Tuple[int, int]],
                      spool: Any) -> None:
        import pickle
        pickle.dump(self._matches(pair_specs, units), spool, protocol=pickle.HIGHEST_PROTOCOL)

    def _aggregate_findings(self) -> List[Finding]:
        c = self.checking
        found = []
        for spec in self.inputs.specs:
            if spec.aggregate is None:
                continue
            values = self.inputs.aggregate(spec)
            if aggregate_fires(spec, c.ruleset, c.date, values):
                found.append(aggregate_finding(spec, values))
        return mark(found, c.baseline)


def _named(ruleset: Any) -> Tuple[Dict[str, Any], ...]:
    """The run's named packs for the reports, when a pack with a manifest was loaded."""
    if not any(p.manifest is not None for p in ruleset.packs.values()):
        return ()
    from ..pack.project import named_packs
    return tuple(named_packs(ruleset))
