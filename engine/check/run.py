"""One check: inputs -> validated initiatives -> durable_rules -> findings -> RunResult.

The only module that knows the whole path; it holds no state between calls.
"""
from __future__ import annotations

import os
from array import array
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import (Any, Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence,
                    Set, Tuple)

from .. import __version__
from ..inputs import validate
from ..compile.compiler import Compiled, compile_ruleset
from ..errors import EngineError, InputError, Problem
from ..inputs.loader import DEFAULT_LIMITS, Document, Limits, load_file, parse_yaml, read_text
from ..model import (DomainCoverage, Finding, InitiativeResult, LANGS, RunResult, Severity,
                     Tally, Waiver, tally)
from .portfolio import (PortfolioInputs, PortfolioPart, Record, aggregate_fires,
                        aggregate_values, pair_sides, share_values)
from ..compile.projection import MISSING
from ..pack.rulepack import RuleSet, RuleSpec
from .spool import LazyList, MemoryStore
from ..textnorm import nfc_strip

INITIATIVE_SUFFIXES = (".yaml", ".yml", ".json")
OTHER_KINDS = ("RulePack", "CoverageProfiles", "RuleTests")
STDIN = "-"
SPOOL_AFTER = 200   # runs of more files keep per-initiative results on disk


@dataclass
class Loaded:
    """A validated initiative, ready to evaluate."""

    doc: Document
    id: str
    from_directory: bool = False


@dataclass
class Evaluation:
    """Raw rule firings of one initiative: (rule name, fact kind, item reference)."""

    hits: List[Tuple[str, str, Any]] = field(default_factory=list)
    error: Optional[str] = None


def display_name(path: str) -> str:
    """A path as users see it: relative to the working directory when inside it."""
    if path == STDIN:
        return "<stdin>"
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def expand_inputs(paths: Sequence[str]) -> Tuple[List[Tuple[str, bool]], List[Problem]]:
    """Files to check as (path, found in a directory); a path given twice is checked once."""
    out: List[Tuple[str, bool]] = []
    problems: List[Problem] = []
    seen: Set[str] = set()

    def add(p: str, from_dir: bool) -> None:
        key = p if p == STDIN else os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append((p, from_dir))

    for p in paths:
        if p == STDIN:
            add(p, False)
        elif os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p, onerror=lambda e: problems.append(
                    Problem(display_name(e.filename or p), "cannot read directory: %s"
                            % (e.strerror or e)))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.endswith(INITIATIVE_SUFFIXES) and not f.startswith("."):
                        found.append(os.path.join(root, f))
            if not found:
                problems.append(Problem(display_name(p), "no initiative files (*.yaml, *.yml, "
                                        "*.json) in this directory"))
            for f in sorted(found):
                add(f, True)
        elif os.path.lexists(p):
            add(p, False)
        else:
            problems.append(Problem(display_name(p), "no such file or directory"))
    return out, problems


def load_one(path: str, from_dir: bool, limits: Limits = DEFAULT_LIMITS,
             stdin: Optional[bytes] = None) -> Tuple[Optional[Loaded], List[Problem]]:
    """Load and validate one input file: (initiative or None, its problems)."""
    name = display_name(path)
    try:
        if path == STDIN:
            doc = parse_yaml(name, read_text(name, stdin or b"", limits), limits)
        else:
            doc = load_file(path, limits, display=name)
    except InputError as e:
        return None, [e.problem]
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    if from_dir and kind in OTHER_KINDS:
        return None, []   # rule packs and profiles beside the initiatives are not initiatives
    if not isinstance(doc.data, dict):
        return None, [Problem(name, "expected a mapping with apiVersion, kind, id and title; "
                              "found %s" % validate.describe(doc.data), 1, 1)]
    found = validate.problems(doc, "initiative")
    if found:
        return None, found
    return Loaded(doc, nfc_strip(str(doc.data["id"])), from_dir), []


def _selected(paths: Sequence[str], select: Optional[Callable[[str], bool]]
              ) -> Tuple[List[Tuple[str, bool]], List[Problem]]:
    files, problems = expand_inputs(paths)
    if select is not None:   # --changed-only: unchanged files are left out
        files = [(p, d) for p, d in files if select(p)]
    return files, problems


def load_initiatives(paths: Sequence[str], limits: Limits = DEFAULT_LIMITS,
                     read_stdin: Optional[Callable[[], bytes]] = None,
                     select: Optional[Callable[[str], bool]] = None
                     ) -> Tuple[List[Loaded], List[Problem]]:
    """Load and validate the initiatives among `paths`; `select(path)` False skips a file."""
    files, problems = _selected(paths, select)
    stdin = read_stdin() if read_stdin and any(p == STDIN for p, _ in files) else None
    loaded: List[Loaded] = []
    for path, from_dir in files:
        one, found = load_one(path, from_dir, limits, stdin)
        problems.extend(found)
        if one is not None:
            loaded.append(one)
    return loaded, problems


Pending = Dict[Tuple[str, Optional[int]], tuple]   # pair side -> what its finding will show


@dataclass
class FileOutcome:
    """What a worker sends back for one input file: small, whatever the initiative's size."""

    problems: List[Problem]
    id: Optional[str] = None                  # the initiative's id
    handle: Any = None                        # the stored (InitiativeResult, Pending)
    tally: Optional[Tally] = None
    sums: Optional[Dict[str, Dict[str, float]]] = None   # aggregate rule id -> values to sum
    records: List[Tuple[str, Record]] = field(default_factory=list)   # for a MemoryStore


Baseline = FrozenSet[Tuple[str, str, str]]   # (rule, initiative id, path) of known findings


class Checking:
    """One run's compiled rules and options: turns evaluated initiatives into a RunResult.

    `check` uses it for files in worker processes; the authoring tools for in-memory examples.
    """

    def __init__(self, ruleset: RuleSet, date: str, keep_documents: bool = True,
                 baseline: Optional[Baseline] = None, store: Any = None):
        self.ruleset, self.date = ruleset, date
        self.compiled = compile_ruleset(ruleset, date)
        self.specs = {s.id: s for s in ruleset.specs if s.active_on(date)}
        self.keep_documents, self.baseline = keep_documents, baseline
        self.store = store if store is not None else MemoryStore()

    def outcome(self, index: int, loaded: Loaded, ev: Evaluation, problems: List[Problem]
                ) -> FileOutcome:
        """Initiative `index` of the run, evaluated: its result and what the portfolio rules read
        of it stored, its finding counts and aggregate values returned."""
        result = _initiative_result(loaded, ev, self.ruleset, self.specs, self.compiled)
        if self.baseline is not None:
            result.findings = [replace(f, baselined=f.baseline_key() in self.baseline)
                               for f in result.findings]
        result.findings.sort(key=Finding.sort_key)
        result.rules_evaluated = ()   # put back on reading (one tuple for all)
        part, pending = self._portfolio_part(loaded, ev)
        if not self.keep_documents:
            result.data = {}
        out = FileOutcome(problems, result.id, self.store.put((result, pending)),
                          tally(result.findings))
        if part is not None:
            out.sums = part.sums or None
            for name, record in part.bucket_records(index):
                if self.store.local:   # the parent keeps them: send them along
                    out.records.append((name, record))
                else:
                    self.store.append(name, record)
        return out

    def _portfolio_part(self, loaded: Loaded, ev: Evaluation
                        ) -> Tuple[Optional[PortfolioPart], Pending]:
        """What the portfolio rules read of this initiative, and what their findings on it will
        show; the run keeps the first for every initiative, the second with its result."""
        doc, hits = loaded.doc, self.compiled.hits
        refs: Dict[str, List[Any]] = defaultdict(list)
        selected: List[str] = []
        for name, _, ref in ev.hits:
            rule = hits[name].rule
            if rule.startswith("side:"):
                refs[rule[5:]].append(ref)
            elif rule.startswith("select:"):
                selected.append(rule[7:])
        if not refs and not selected:
            return None, {}
        part, pending = PortfolioPart(), {}
        waivers = _waivers(doc, self.compiled, ev.hits)
        for rid in sorted(refs):
            spec = self.specs[rid]
            sides = pair_sides(spec, doc.data, refs[rid])
            if not sides:
                continue
            part.sides[rid] = sides
            if spec.pairs.share_list is not None:
                part.shares[rid] = share_values(spec, doc.data)
            waiver = waivers.get(rid) if spec.rule.waivable else None
            for ref, _, _ in sides:
                path = _side_path(spec, ref)
                baselined = self.baseline is not None and (rid, loaded.id, path) in self.baseline
                line, col = doc.position(path)
                pending[(rid, ref)] = (path, line, col, _data_at(doc.data, path), waiver,
                                       baselined)
                part.marks[(rid, ref)] = (waiver is not None, baselined)
        for rid in sorted(set(selected)):
            part.sums[rid] = aggregate_values(self.specs[rid], doc.data)
        return part, pending

    def collector(self, n: int, name_of: Callable[[int], str]) -> "Collector":
        """Folds the outcomes 0 .. n - 1 of a run as they arrive; `name_of(i)` is the file of
        outcome i."""
        return Collector(self, n, name_of)


_ROW = 9   # a pair finding: doc, pair rule, item (-1: none), others, the first five others


class Collector:
    """One run's outcomes, folded in as each arrives: finding counts, what the portfolio rules
    read, and per initiative only its id and where its result is stored."""

    def __init__(self, checking: Checking, n: int, name_of: Callable[[int], str]):
        self.checking, self.name_of = checking, name_of
        self.counts: Tally = {}
        self.problems: List[Problem] = []
        self.inputs = PortfolioInputs(checking.specs.values())
        self.store = checking.store
        self.ids: List[Optional[str]] = [None] * n
        self.handles = checking.store.handles(n)

    def __call__(self, i: int, outcome: FileOutcome) -> None:
        self.problems.extend(outcome.problems)
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

    def result(self, fail_on: Optional[Severity] = Severity.error) -> RunResult:
        """The run's result: portfolio rules over what was collected, initiatives in report
        order, each read back from the store when a report gets to it."""
        c = self.checking
        pair_specs = [s for s in self.inputs.specs if s.pairs is not None]
        rows = self._pair_rows(pair_specs)
        found = self._aggregate_findings()
        tally(found, self.counts)
        ids = self.ids
        order = sorted((i for i, h in enumerate(self.handles) if h is not None),
                       key=lambda i: (self.name_of(i), ids[i]))
        by_place, starts = _by_place(rows, order)
        handles = [self.handles[i] for i in order]
        store, evaluated = c.store, c.compiled.evaluated

        def read(k: int) -> InitiativeResult:
            result, pending = store.get(handles[k])
            result = replace(result, findings=list(result.findings), rules_evaluated=evaluated)
            if starts[k] < starts[k + 1]:
                for row in by_place[starts[k]:starts[k + 1]]:
                    _, si, ref, total, *shown = rows[row * _ROW:(row + 1) * _ROW]
                    spec = pair_specs[si]
                    side = (spec.rule.id, None if ref == -1 else ref)
                    others = ([ids[o] for o in shown if o != -1], total)
                    result.findings.append(_pair_finding(spec, result, pending[side], others))
                result.findings.sort(key=Finding.sort_key)
            return result

        problems = sorted(self.problems,
                          key=lambda p: (p.file, p.line or 0, p.column or 0, p.path, p.message))
        initiatives: Sequence[InitiativeResult] = LazyList(len(handles), read)
        if isinstance(store, MemoryStore):
            initiatives = list(initiatives)
        return RunResult(__version__, c.date, {s.id: s.rule for s in c.ruleset.specs},
                         initiatives, sorted(found, key=Finding.sort_key), problems, fail_on,
                         baseline_used=c.baseline is not None, tally=self.counts)

    def _pair_rows(self, pair_specs: List[RuleSpec]) -> "array[int]":
        """Every pair finding as a row of _ROW integers, counted into the tally."""
        rows = array("i")   # 32 bits: indices and counts
        for si, spec in enumerate(pair_specs):
            for (doc, ref), (waived, baselined), others in self.inputs.matches(
                    spec, self.store.records, lambda d: self.handles[d] is not None):
                # The message names the first five others in id order, then a count.
                named = sorted({self.ids[o]: o for o in others}.items())
                shown = [o for _, o in named[:5]]
                rows.extend([doc, si, -1 if ref is None else ref, len(named)] + shown +
                            [-1] * (5 - len(shown)))
                k = (spec.rule.severity, waived, baselined)
                self.counts[k] = self.counts.get(k, 0) + 1
        return rows

    def _aggregate_findings(self) -> List[Finding]:
        c = self.checking
        found = []
        for spec in self.inputs.specs:
            if spec.aggregate is None:
                continue
            values = self.inputs.aggregate(spec)
            if aggregate_fires(spec, c.ruleset, c.date, values):
                r = spec.rule
                f = Finding(r.id, r.severity, r.category, r.domain, _render(spec, values), "", "",
                            None, None, None, None)
                if c.baseline is not None:
                    f = replace(f, baselined=f.baseline_key() in c.baseline)
                found.append(f)
        return found


def _by_place(rows: "array[int]", order: List[int]) -> Tuple["array[int]", "array[int]"]:
    """The pair-finding rows ordered by the report place of their initiative, and where each
    place's rows start (place k: by_place[starts[k]:starts[k + 1]]).  A counting sort into
    arrays: no list of Python integers as long as the portfolio's pair findings."""
    place = array("i", [0]) * (max(order, default=0) + 1)
    for k, doc in enumerate(order):
        place[doc] = k
    n = len(rows) // _ROW
    starts = array("i", [0]) * (len(order) + 1)
    for k in range(n):
        starts[place[rows[k * _ROW]] + 1] += 1
    for k in range(len(order)):
        starts[k + 1] += starts[k]
    cursor = array("i", starts)
    by_place = array("i", [0]) * n
    for k in range(n):
        p = place[rows[k * _ROW]]
        by_place[cursor[p]] = k
        cursor[p] += 1
    return by_place, starts


class _CheckFile:
    """Load, validate and evaluate one input file: what a worker does for each index."""

    def __init__(self, checking: Checking, files: Sequence[Tuple[str, bool]],
                 stdin: Optional[bytes], limits: Limits):
        self.checking, self.files, self.stdin, self.limits = checking, files, stdin, limits
        self.ev: Any = None

    def __call__(self, i: int) -> FileOutcome:
        path, from_dir = self.files[i]
        loaded, problems = load_one(path, from_dir, self.limits, self.stdin)
        if loaded is None:
            return FileOutcome(problems)
        c = self.checking
        if self.ev is None:   # made in the process that uses it (after fork)
            from ..durable.evaluator import Evaluator
            self.ev = Evaluator(c.compiled, c.ruleset.defs.scales)
        try:
            ev = Evaluation(self.ev.evaluate(loaded.doc.data))
        except EngineError as e:
            return FileOutcome([_engine_problem(loaded.doc.file, str(e))])
        return c.outcome(i, loaded, ev, problems)

    def close(self) -> None:
        if self.ev is not None:
            self.ev.close()


def _side_path(spec: RuleSpec, ref: Any) -> str:
    """Where the finding of a pair rule on this side points."""
    item_path = None
    if ref is not None:
        item_path = "%s[%d]" % (".".join(spec.pairs.for_each.parts), ref)
    return _resolve(spec.target.path, item_path, None)


def _engine_problem(file: str, error: str) -> Problem:
    return Problem(file, "engine error, initiative not checked: %s" % error)


class _Messages(dict):
    def __missing__(self, key: str) -> str:
        return "{%s}" % key


_OTHERS_MORE = {"en": "and %d more", "nl": "en nog %d"}


def _render(spec: RuleSpec, values: Mapping[str, Any]) -> Dict[str, str]:
    out = {}
    for lang in LANGS:
        text = spec.rule.message.get(lang) or spec.rule.message.get("en", "")
        params = _Messages({k: _show(v) for k, v in spec.params.items()})
        for k, v in values.items():
            if k == "others":   # (the first five other ids, how many there are)
                ids, total = v
                shown = ", ".join(ids)
                if total > len(ids):
                    shown += " " + _OTHERS_MORE[lang] % (total - len(ids))
                params[k] = shown
            else:
                params[k] = _show(v)
        try:
            out[lang] = text.format_map(params)
        except (ValueError, IndexError):
            out[lang] = text   # a stray brace in a message: show it as written
    return out


def _show(v: Any) -> str:
    if v is MISSING or v is None:
        return ""
    if isinstance(v, list):
        return ", ".join(_show(x) for x in v if x is not None)
    if isinstance(v, dict):
        return ", ".join("%s: %s" % (k, _show(x)) for k, x in v.items())
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _item_path(compiled: Compiled, kind: str, ref: Any) -> str:
    key = compiled.kinds[kind].key
    base = ".".join(key.path)
    if key.mode == "list":
        return "%s[%d]" % (base, ref)
    return "%s.%s" % (base, ref)


def _resolve(path, item_path: Optional[str], key: Any) -> str:
    """A target path as the finding shows it: `item.x` of list item 3 is `list[3].x`."""
    if path.var is None:
        parts = [str(key) if p.startswith("{") else p for p in path.parts]
        return ".".join(parts)
    if item_path is None:
        return ".".join(path.parts)
    if key is not None and (not path.parts or path.parts[0] in ("key", "value")):
        return item_path            # a mapping entry: item, item.key, item.value
    return ".".join([item_path] + list(path.parts))


def _data_at(data: Any, path: str) -> Any:
    cur = data
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        if part.startswith("["):
            idx = int(part[1:-1])
            if not isinstance(cur, list) or idx >= len(cur):
                return MISSING
            cur = cur[idx]
        else:
            if not isinstance(cur, dict) or part not in cur:
                return MISSING
            cur = cur[part]
    return cur


def _finding(spec: RuleSpec, doc: Document, initiative: str, path: str,
             values: Mapping[str, Any], waiver: Optional[Waiver]) -> Finding:
    line, col = doc.position(path)
    values = dict(values)
    values.setdefault("value", _data_at(doc.data, path))
    r = spec.rule
    return Finding(r.id, r.severity, r.category, r.domain, _render(spec, values), path, doc.file,
                   line, col, initiative, waiver if r.waivable else None)


def _waivers(doc: Document, compiled: Compiled, hits: List[Tuple[str, str, Any]]
             ) -> Dict[str, Waiver]:
    """Rule id -> the first valid exception (1.8) that waives it."""
    out: Dict[str, Waiver] = {}
    valid = sorted(ref for name, _, ref in hits if compiled.hits[name].rule == "waiver")
    items = doc.data.get("principles", {}) or {}
    items = items.get("exceptions") or []
    for i in valid:
        e = items[i]
        rule = nfc_strip(str(e["rule"]))
        out.setdefault(rule, Waiver(str(e["justification"]).strip(),
                                    str(e["approved_by"]).strip(), str(e["expires"]), i))
    return out


def _initiative_result(loaded: Loaded, ev: Evaluation, ruleset: RuleSet, specs: Dict[str, RuleSpec],
                       compiled: Compiled) -> InitiativeResult:
    doc = loaded.doc
    data = doc.data
    res = InitiativeResult(loaded.id, str(data.get("title", "")), doc.file, data.get("phase"), data,
                           rules_evaluated=compiled.evaluated)
    waivers = _waivers(doc, compiled, ev.hits)
    fired: Dict[Tuple[str, str, Any], Set[int]] = defaultdict(set)
    cov_missing: Dict[str, Set[int]] = defaultdict(set)
    required: Set[str] = set()
    for name, kind, ref in ev.hits:
        hit = compiled.hits[name]
        if hit.rule.startswith("missing:"):
            cov_missing[hit.rule[8:]].add(hit.variant)
        elif hit.rule.startswith("required:"):
            required.add(hit.rule[9:])
        elif hit.rule in specs:
            fired[(hit.rule, kind, ref)].add(hit.variant)
    if ruleset.profiles is not None:
        for domain, fields in ruleset.profiles.fields.items():
            missing = tuple(fields[i] for i in sorted(cov_missing.get(domain, ())))
            res.coverage[domain] = DomainCoverage(domain, domain in required, not missing, missing)
    for (rid, kind, ref), variants in sorted(fired.items(), key=lambda x: (x[0][0], x[0][1],
                                                                          str(x[0][2]))):
        if -1 not in variants:
            continue
        spec = specs[rid]
        item_path = _item_path(compiled, kind, ref) if ref is not None else None
        entry_key = ref if ref is not None and compiled.kinds[kind].key.mode == "entries" else None
        t = spec.target
        missing = [_resolve(c, item_path, entry_key) for i, c in enumerate(t.candidates)
                   if i in variants]
        if t.first_missing:
            path = missing[0] if missing else _resolve(t.candidates[0], item_path, entry_key)
        else:
            path = _resolve(t.path, item_path, entry_key)
        values: Dict[str, Any] = {"missing": missing}
        if entry_key is not None:
            values["key"] = entry_key
        res.findings.append(_finding(spec, doc, loaded.id, path, values, waivers.get(rid)))
    return res


def check(paths: Sequence[str], ruleset: RuleSet, date: str,
          fail_on: Optional[Severity] = Severity.error, limits: Limits = DEFAULT_LIMITS,
          jobs: int = 1, read_stdin: Optional[Callable[[], bytes]] = None,
          extra_problems: Iterable[Problem] = (),
          select: Optional[Callable[[str], bool]] = None,
          keep_documents: bool = True,
          baseline: Optional[Baseline] = None,
          spool_after: int = SPOOL_AFTER) -> RunResult:
    """Check initiatives against a loaded rule set on an evaluation date (YYYY-MM-DD).

    `select`, when given, picks which of the expanded input files to check (--changed-only).
    `keep_documents` False leaves InitiativeResult.data empty: only the HTML report reads it.
    `baseline`: keys (rule, initiative, path) of known findings, marked baselined.
    Runs of more than `spool_after` files keep their results on disk: RunResult.initiatives then
    reads each back when it is iterated, so memory does not grow with the portfolio.
    """
    files, problems = _selected(paths, select)
    problems.extend(extra_problems)
    stdin = read_stdin() if read_stdin and any(p == STDIN for p, _ in files) else None
    if len(files) > spool_after:
        from .spool import FileStore
        store: Any = FileStore()
    else:
        store = MemoryStore()
    checking = Checking(ruleset, date, keep_documents, baseline, store)
    collect = checking.collector(len(files), lambda i: display_name(files[i][0]))
    task = _CheckFile(checking, files, stdin, limits)
    from .workers import run_parallel
    outcomes = run_parallel(task, len(files), jobs, collect=collect)
    task.close()
    for (path, _), (kind, value) in zip(files, outcomes):
        if kind == "error":   # the worker died or the engine failed outside evaluate()
            problems.append(_engine_problem(display_name(path), value))
    collect.problems.extend(problems)
    return collect.result(fail_on)


def _pair_finding(spec: RuleSpec, result: InitiativeResult, pending: tuple,
                  others: Tuple[List[str], int]) -> Finding:
    """The finding of a pair rule on one side: `others` is (first five other ids, how many)."""
    path, line, col, value, waiver, baselined = pending
    r = spec.rule
    return Finding(r.id, r.severity, r.category, r.domain,
                   _render(spec, {"others": others, "value": value}), path, result.file, line,
                   col, result.id, waiver, baselined)
