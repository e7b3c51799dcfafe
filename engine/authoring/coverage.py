"""`idm rules test --coverage`: which condition leaves of each rule some case made true and
some case made false (docs/design/spec-coverage.md).

A case is one inline example, one `*_test.yaml` case or one checked scenario: its initiatives
and its date.  Each leaf is compiled by the engine's own compiler as a durable rule of its own
(compiler.compile_conditions, as `idm explain` does), once as written and once negated, and
evaluated by the Evaluator on every initiative of a case: the verdict is durable_rules', never
a re-implementation.  A leaf inside a quantifier is compiled wrapped in `some` of each enclosing
quantifier, so "true" means "true for some item" and "false" means "false for some item".

`leaves()` is the one place that enumerates the leaves of a rule: a new condition form gets
its leaves there.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from ..compile.compiler import compile_conditions
from ..durable.evaluator import Evaluator
from ..i18n import catalogue
from ..inputs.loader import locate
from ..pack.language import All, AnyOf, Node, Not, Path, Quant
from ..pack.rulepack import RuleSet, RuleSpec

FIRES = "(fires)"    # the condition path of a rule's own leaf: whether it fired at all

ForEach = Tuple[Tuple[str, Path], ...]


@dataclass(frozen=True)
class Leaf:
    """One thing a case can make true or false.

    `node` is compiled on `for_each` (the rule's items, or the document when empty); None: the
    leaf is measured on the rule's outcome (true: the rule fired on a case, false: it did not),
    for what has no condition of its own to compile (a portfolio `same`, an aggregate's test).
    """

    rule: str
    path: str                  # the condition path, as written in the rule: when.all[1].some
    ypath: str                 # its YAML path in the pack file (for FILE:LINE:COL)
    node: Optional[Node] = None
    for_each: ForEach = ()


def _some(q: Quant, inner: Node) -> Quant:
    return dataclasses.replace(q, kind="some", where=inner)


def _condition_leaves(rule: str, base: str, node: Node, path: str, for_each: ForEach,
                      wrap: Callable[[Node], Node], positions: Optional[Mapping[str, Any]] = None,
                      at: Optional[str] = None) -> List[Leaf]:
    """The leaves of one condition tree: each test (under all/any/not), each quantifier as a
    whole and the leaves of its `where`, each `uncovered`.

    `path` is the condition path shown; `at` the YAML path of the rule's own text while the
    walk is inside a `predicate:` (whose leaves are written elsewhere and point at its use)."""
    if at is None and "%s.%s.predicate" % (base, path) in (positions or {}):
        at = "%s.%s" % (base, path)
        path += ".predicate"
    yp = at if at is not None else "%s.%s" % (base, path)
    out: List[Leaf] = []

    def walk(child: Node, child_path: str, child_wrap: Callable[[Node], Node]) -> None:
        out.extend(_condition_leaves(rule, base, child, child_path, for_each, child_wrap,
                                     positions, at))

    if isinstance(node, (All, AnyOf)):
        key = "all" if isinstance(node, All) else "any"
        for i, item in enumerate(node.items):
            walk(item, "%s.%s[%d]" % (path, key, i), wrap)
    elif isinstance(node, Not):
        walk(node.item, path + ".not", wrap)
    elif isinstance(node, Quant):
        here = "%s.%s" % (path, node.kind)
        out.append(Leaf(rule, here, at if at is not None else "%s.%s" % (base, here),
                        wrap(node), for_each))
        walk(node.where, here + ".where", lambda n, q=node: wrap(_some(q, n)))
    else:
        # A test, `uncovered`, or a form this walker does not open (yet): one leaf, compiled
        # as written, so a new condition form is measured as a whole until it gets a branch.
        out.append(Leaf(rule, path, yp, wrap(node), for_each))
    return out


def leaves(spec: RuleSpec, base: str) -> List[Leaf]:
    """Every leaf of one rule; `base` is the rule's YAML path in its file (rules[3])."""
    rid = spec.id
    out = [Leaf(rid, FIRES, base)]
    pos = spec.positions or {}

    def same(n: Node) -> Node:
        return n

    if spec.pairs is not None:      # `portfolio.pairs`, or `portfolio.groups` (a count set)
        p = spec.pairs
        form = "portfolio.groups" if p.count else "portfolio.pairs"
        fe: ForEach = (("list", p.for_each),) if p.for_each is not None else ()
        if p.for_each is not None:
            out.append(Leaf(rid, form + ".for_each", "%s.%s.for_each" % (base, form)))
        if p.where is not None:
            out += _condition_leaves(rid, base, p.where, form + ".where", fe, same, pos)
        keys = (("by", p.same),) if p.count else \
            (("same", p.same), ("differ", p.differ), ("share_none", p.share_list))
        for key, value in keys:
            if value is not None:
                out.append(Leaf(rid, "%s.%s" % (form, key), "%s.%s.%s" % (base, form, key)))
        if p.count and spec.when is not None:     # the group's count: measured on the outcome
            out += [dataclasses.replace(leaf, node=None, for_each=())
                    for leaf in _condition_leaves(rid, base, spec.when, "when", (), same, pos)]
        return out
    if spec.aggregate is not None:
        out += _condition_leaves(rid, base, spec.aggregate.select, "portfolio.aggregate.select",
                                 (), same, pos)
        out += [dataclasses.replace(leaf, node=None, for_each=())
                for leaf in _condition_leaves(rid, base, spec.when, "when", (), same, pos)]
        return out
    fe = tuple(spec.for_each)
    if getattr(spec, "subject", "") == "decision" and spec.when is not None:
        # Judged on the facts of a board decision, which cases give beside their initiatives:
        # each leaf is measured on the rule's outcome, as an aggregate's test is.
        return out + [dataclasses.replace(leaf, node=None, for_each=())
                      for leaf in _condition_leaves(rid, base, spec.when, "when", fe, same, pos)]
    if len(fe) > 1:         # each for_each branch: does the condition hold on its items
        out += [Leaf(rid, "for_each[%d]" % i, "%s.for_each[%d]" % (base, i), spec.when, (b,))
                for i, b in enumerate(fe)]
    if spec.when is not None:
        out += _condition_leaves(rid, base, spec.when, "when", fe, same, pos)
    if spec.once is not None:
        out += _condition_leaves(rid, base, spec.once.when, "once.when", (), same, pos)
    return out


@dataclass
class LeafResult:
    leaf: Leaf
    where: str                  # FILE:LINE:COL
    true: bool = False
    false: bool = False

    @property
    def covered(self) -> bool:
        return self.true and self.false


@dataclass
class RuleCoverage:
    rule: str
    file: str
    leaves: List[LeafResult] = field(default_factory=list)

    @property
    def fired(self) -> bool:
        return self.leaves[0].true

    def counts(self) -> Tuple[int, int]:
        """(covered, total) leaves; a rule that no case fires covers none."""
        total = len(self.leaves)
        return (sum(1 for r in self.leaves if r.covered) if self.fired else 0), total


def percent(covered: int, total: int) -> str:
    """covered/total as a percentage with one decimal, truncated (never rounded up)."""
    if total == 0:
        return "100.0"
    tenths = covered * 1000 // total
    return "%d.%d" % (tenths // 10, tenths % 10)


@dataclass
class CoverageReport:
    rules: List[RuleCoverage]

    def counts(self) -> Tuple[int, int]:
        pairs = [r.counts() for r in self.rules]
        return sum(c for c, _ in pairs), sum(t for _, t in pairs)

    def below(self, threshold: float) -> bool:
        covered, total = self.counts()
        return total > 0 and covered * 100 < threshold * total

    def uncovered(self) -> List[Tuple[str, str, str, str]]:
        """(FILE:LINE:COL, rule, condition path, what is missing) of each leaf not covered."""
        out = []
        for r in self.rules:
            for lr in r.leaves:
                if not lr.covered or not r.fired:
                    missing = "never true" if not lr.true else \
                        "never false" if not lr.false else "rule never fires"
                    out.append((lr.where, r.rule, lr.leaf.path, missing))
        return out

    def text(self, lang: str = "en", threshold: Optional[float] = None) -> str:
        words = catalogue(lang)
        lines = [words("coverage.title")]
        for r in self.rules:
            covered, total = r.counts()
            lines.append("  %-12s %6s%%  %s" % (r.rule, percent(covered, total), words(
                "coverage.leaves") % {"covered": covered, "total": total}))
        covered, total = self.counts()
        lines.append(words("coverage.total") % {"percent": percent(covered, total),
                                                "covered": covered, "total": total})
        if threshold is not None and self.below(threshold):
            lines.append(words("coverage.below") % {"threshold": _number(threshold)})
            lines += ["  %s %s %s (%s)" % (w, rule, path, words("coverage." + missing.replace(
                " ", "_"))) for w, rule, path, missing in self.uncovered()]
        return "\n".join(lines) + "\n"

    def data(self) -> Dict[str, Any]:
        covered, total = self.counts()
        return {"covered": covered, "total": total, "percent": percent(covered, total),
                "rules": [{"rule": r.rule, "file": r.file, "fired": r.fired,
                           "covered": r.counts()[0], "total": r.counts()[1],
                           "percent": percent(*r.counts()),
                           "leaves": [{"path": lr.leaf.path, "where": lr.where,
                                       "true": lr.true, "false": lr.false}
                                      for lr in r.leaves]} for r in self.rules],
                "uncovered": [{"where": w, "rule": rule, "path": path, "missing": missing}
                              for w, rule, path, missing in self.uncovered()]}


def _number(value: float) -> str:
    return ("%d" % value) if float(value).is_integer() else ("%s" % value)


@dataclass
class Case:
    docs: List[Dict[str, Any]]
    date: str
    fired: Set[str]


class Recorder:
    """Collects the cases of a `rules test` run (`record` is the callback to hand out)."""

    def __init__(self) -> None:
        self.cases: List[Case] = []

    def record(self, docs: Sequence[Dict[str, Any]], date: str, fired: Iterable[str]) -> None:
        self.cases.append(Case(list(docs), date, set(fired)))


def _where(spec: RuleSpec, ypath: str) -> str:
    line, col = locate(spec.positions or {}, ypath)
    return "%s:%d:%d" % (spec.rule.file, line, col or 1) if line is not None else spec.rule.file


def measure(ruleset: RuleSet, specs: Sequence[RuleSpec], bases: Mapping[str, str],
            cases: Sequence[Case]) -> CoverageReport:
    """The coverage of `specs` (bases: each rule's YAML path) by `cases`."""
    report = CoverageReport([])
    by_date: Dict[str, List[Case]] = {}
    for case in cases:
        by_date.setdefault(case.date, []).append(case)
    for spec in specs:
        rc = RuleCoverage(spec.id, spec.rule.file)
        for leaf in leaves(spec, bases.get(spec.id, "")):
            lr = LeafResult(leaf, _where(spec, leaf.ypath))
            if leaf.node is None:
                lr.true = any(spec.id in c.fired for c in cases)
                lr.false = any(spec.id not in c.fired for c in cases)
            else:
                _evaluate(ruleset, lr, by_date)
            rc.leaves.append(lr)
        report.rules.append(rc)
    return report


def _evaluate(ruleset: RuleSet, lr: LeafResult, by_date: Mapping[str, List[Case]]) -> None:
    """Whether some case makes the leaf true and some makes it false, stopping once both are
    known.  One ruleset per leaf and polarity: durable_rules refuses two rules that hold the
    same $iall expression in one ruleset (error 102)."""
    leaf = lr.leaf
    for date, cases in sorted(by_date.items()):
        for polarity in (True, False):
            if (lr.true if polarity else lr.false):
                continue
            node = leaf.node if polarity else Not(leaf.node)
            compiled = compile_conditions(ruleset, date, [("leaf", node, leaf.for_each)])
            if not compiled.kinds:
                continue         # compiles to "never": no case can make it so
            with Evaluator(compiled, ruleset.defs.scales) as ev:
                if any(ev.evaluate(doc) for case in cases for doc in case.docs):
                    if polarity:
                        lr.true = True
                    else:
                        lr.false = True
        if lr.covered:
            return


def markdown(report: CoverageReport, command: str) -> str:
    """The coverage as a Markdown page (docs/rules/spec-coverage.md for the bundled pack)."""
    covered, total = report.counts()
    out = ["# Coverage of the rules' conditions", "",
           "Generated by `%s`; do not edit." % command, "",
           "A leaf is covered when some case (an inline example, a test case or a scenario) "
           "made it true and some case made it false; a rule that no case fires covers none "
           "of its leaves (docs/authoring.md, \"Coverage\"). Percentages are truncated.", "",
           "**Total: %s%% (%d of %d leaves)**" % (percent(covered, total), covered, total), "",
           "| Rule | Coverage | Leaves covered |", "| --- | --- | --- |"]
    for r in report.rules:
        c, t = r.counts()
        out.append("| %s | %s%% | %d of %d |" % (r.rule, percent(c, t), c, t))
    missing = report.uncovered()
    if missing:
        out += ["", "## Not covered", "", "| Where | Rule | Condition path | Missing |",
                "| --- | --- | --- | --- |"]
        out += ["| %s | %s | `%s` | %s |" % m for m in missing]
    return "\n".join(out) + "\n"
