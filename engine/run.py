"""One check: inputs -> validated initiatives -> durable_rules -> findings -> RunResult.

The only module that knows the whole path; it holds no state between calls.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from . import __version__, validate
from .compiler import Compiled, compile_ruleset
from .errors import EngineError, InputError, Problem
from .loader import DEFAULT_LIMITS, Document, Limits, load_file, locate, parse_yaml, read_text
from .model import (DomainCoverage, Finding, InitiativeResult, LANGS, RunResult, Severity,
                    Waiver)
from .portfolio import Side, aggregate_fires, pair_matches
from .projection import MISSING, get
from .rulepack import RuleSet, RuleSpec
from .textnorm import nfc_strip

INITIATIVE_SUFFIXES = (".yaml", ".yml", ".json")
OTHER_KINDS = ("RulePack", "CoverageProfiles", "RuleTests")
STDIN = "-"


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


class _CheckFile:
    """Load, validate, evaluate and report one input file: what a worker does for each index."""

    def __init__(self, files: Sequence[Tuple[str, bool]], stdin: Optional[bytes], limits: Limits,
                 ruleset: RuleSet, specs: Dict[str, RuleSpec], compiled: Compiled,
                 keep_documents: bool):
        self.files, self.stdin, self.limits = files, stdin, limits
        self.ruleset, self.specs, self.compiled = ruleset, specs, compiled
        self.keep_documents = keep_documents
        self.tree = portfolio_tree(specs.values())
        self.ev: Any = None

    def __call__(self, i: int) -> Tuple[Optional[Loaded], Optional[Evaluation],
                                        Optional[InitiativeResult], List[Problem]]:
        path, from_dir = self.files[i]
        loaded, problems = load_one(path, from_dir, self.limits, self.stdin)
        if loaded is None:
            return None, None, None, problems
        if self.ev is None:   # made in the process that uses it (after fork)
            from .evaluator import Evaluator
            self.ev = Evaluator(self.compiled, self.ruleset.defs.scales)
        try:
            ev = Evaluation(self.ev.evaluate(loaded.doc.data))
        except EngineError as e:
            return None, None, None, [_engine_problem(loaded.doc.file, str(e))]
        result = _initiative_result(loaded, ev, self.ruleset, self.specs, self.compiled)
        result.rules_evaluated = ()   # the parent puts back its own (one tuple for all)
        if not self.keep_documents:
            result.data = {}
        view, ev = self._portfolio_view(loaded, ev)
        return view, ev, result, []

    def _portfolio_view(self, loaded: Loaded, ev: Evaluation) -> Tuple[Loaded, Evaluation]:
        """What the portfolio rules still read of an initiative once it is evaluated: the parts
        of the document under their paths, the positions of their findings, and their firings.
        The parent keeps this, not the whole document, for every initiative of the run."""
        doc, hits = loaded.doc, self.compiled.hits
        kept = [h for h in ev.hits if hits[h[0]].rule.startswith(_PORTFOLIO_HITS)]
        positions = {}
        for name, _, ref in kept:
            rule = hits[name].rule
            if rule.startswith("side:"):
                path = _side_path(self.specs[rule[5:]], ref)
                positions[path] = doc.position(path)
        data = prune(doc.data, self.tree) if self.tree is not None else {}
        return Loaded(Document(doc.file, data, positions), loaded.id, loaded.from_directory), \
            Evaluation(kept)

    def close(self) -> None:
        if self.ev is not None:
            self.ev.close()


_PORTFOLIO_HITS = ("side:", "select:", "waiver")


def portfolio_tree(specs: Iterable[RuleSpec]) -> Optional[Dict[str, Any]]:
    """The paths portfolio rules read, as a tree for prune(); None when there are none."""
    paths: List[Tuple[str, ...]] = []
    for spec in specs:
        p = spec.pairs
        if p is not None:
            base = (tuple(p.for_each.parts) + ("*",)) if p.for_each is not None else ()
            for path in (p.same, p.differ, spec.target.path):
                if path is not None:
                    paths.append((base if path.var else ()) + tuple(path.parts))
            if p.share_list is not None:
                paths.append(tuple(p.share_list.parts) + ("*",) +
                             (tuple(p.share_path.parts) if p.share_path is not None else ()))
        if spec.aggregate is not None:
            paths.extend(tuple(path.parts) for _, path in spec.aggregate.sums)
    if not paths:
        return None
    paths.append(("principles", "exceptions"))   # waivers of portfolio findings
    tree: Dict[str, Any] = {}
    for parts in paths:
        node: Any = tree
        parts = tuple("*" if part.startswith("{") else part for part in parts)
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if node is True:
                break
        else:
            if parts:
                node[parts[-1]] = True
    return tree


def prune(value: Any, tree: Any) -> Any:
    """`value` with only the branches of `tree` (True: the whole branch; "*": any key or item).
    List items keep their places, so item indices stay valid."""
    if tree is True:
        return value
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            sub = tree.get(k, tree.get("*"))
            if sub is not None:
                out[k] = prune(v, sub)
        return out
    if isinstance(value, list):
        sub = tree.get("*")
        return [prune(v, sub) if sub is not None else None for v in value]
    return value


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
            if k == "others":
                ids = sorted(v)
                shown = ", ".join(ids[:5])
                if len(ids) > 5:
                    shown += " " + _OTHERS_MORE[lang] % (len(ids) - 5)
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
          keep_documents: bool = True) -> RunResult:
    """Check initiatives against a loaded rule set on an evaluation date (YYYY-MM-DD).

    `select`, when given, picks which of the expanded input files to check (--changed-only).
    `keep_documents` False leaves InitiativeResult.data empty: only the HTML report reads it,
    and a large portfolio's documents are most of a run's memory.
    """
    files, problems = _selected(paths, select)
    problems.extend(extra_problems)
    stdin = read_stdin() if read_stdin and any(p == STDIN for p, _ in files) else None
    compiled = compile_ruleset(ruleset, date)
    specs = {s.id: s for s in ruleset.specs if s.active_on(date)}
    task = _CheckFile(files, stdin, limits, ruleset, specs, compiled, keep_documents)
    from .workers import run_parallel
    outcomes = run_parallel(task, len(files), jobs)
    task.close()
    results: List[InitiativeResult] = []
    kept: List[Tuple[Loaded, Evaluation]] = []
    for (path, _), (kind, value) in zip(files, outcomes):
        if kind == "error":   # the worker died or the engine failed outside evaluate()
            problems.append(_engine_problem(display_name(path), value))
            continue
        loaded, ev, result, found = value
        problems.extend(found)
        if loaded is None:
            continue
        result.rules_evaluated = compiled.evaluated
        kept.append((loaded, ev))
        results.append(result)
    portfolio = _portfolio(kept, results, ruleset, specs, compiled, date)
    for r in results:
        r.findings.sort(key=Finding.sort_key)
    order = sorted(range(len(results)), key=lambda i: (results[i].file, results[i].id))
    problems.sort(key=lambda p: (p.file, p.line or 0, p.column or 0, p.path, p.message))
    return RunResult(__version__, date, {s.id: s.rule for s in ruleset.specs},
                     [results[i] for i in order], sorted(portfolio, key=Finding.sort_key),
                     problems, fail_on)


def _portfolio(kept: List[Tuple[Loaded, Evaluation]], results: List[InitiativeResult],
               ruleset: RuleSet, specs: Dict[str, RuleSpec], compiled: Compiled,
               date: str) -> List[Finding]:
    docs = [l.doc.data for l, _ in kept]
    portfolio_findings: List[Finding] = []
    for spec in sorted(specs.values(), key=lambda s: s.id):
        if spec.pairs is not None:
            sides = [Side(i, ref) for i, (_, ev) in enumerate(kept) for name, kind, ref in ev.hits
                     if compiled.hits[name].rule == "side:" + spec.id]
            matches = pair_matches(spec, docs, sides)
            for side, others in sorted(matches.items(), key=lambda x: (x[0].doc, x[0].ref or 0)):
                loaded, _ = kept[side.doc]
                path = _side_path(spec, side.ref)
                other_ids = sorted({kept[o][0].id for o in others})
                res = results[side.doc]
                waiver = _waivers(loaded.doc, compiled, kept[side.doc][1].hits).get(spec.id)
                res.findings.append(_finding(spec, loaded.doc, loaded.id, path,
                                             {"others": other_ids}, waiver))
        elif spec.aggregate is not None:
            members = [i for i, (_, ev) in enumerate(kept) for name, _, _ in ev.hits
                       if compiled.hits[name].rule == "select:" + spec.id]
            values = aggregate_fires(spec, ruleset, date, docs, sorted(set(members)))
            if values is not None:
                r = spec.rule
                portfolio_findings.append(Finding(
                    r.id, r.severity, r.category, r.domain, _render(spec, values), "", "", None,
                    None, None, None))
    return portfolio_findings
