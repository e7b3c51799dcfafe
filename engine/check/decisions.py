"""Board decisions of a run: each made into one fact and judged by the decision rules of the packs
(`subject: decision`) in durable_rules, after the initiatives (docs/decisions.md).

What a fact holds is read from the run: a condition with `rule:` is met when that rule has no
unwaived finding on the initiative, one with `path:` when its field test (compiled like a rule's
condition and evaluated by durable_rules on the initiative) holds, a manual one when the
secretary recorded `met: true`.  Whether a condition is overdue, met or nearly due is the rules'
matter, not this module's.  Decision findings are never waived.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ..compile.compiler import HitKind, compile_conditions
from ..compile.projection import MISSING
from ..dates import parse_date
from ..durable.evaluator import Evaluator
from ..errors import InputError, Problem
from ..i18n import said
from ..inputs.decisions import Decision
from ..model import Finding, InitiativeResult
from ..pack.language import Node, Parser, Scope
from ..pack.rulepack import RuleSet, RuleSpec
from .findings import data_at, make_finding, render

PHASES = ("initiation", "foundation", "improvement", "continuous-improvement")
_NOT_TEST = ("id", "text", "owner", "due", "note")   # the keys of a condition besides its test


@dataclass(frozen=True)
class ConditionState:
    """One condition of a decision as the run judged it."""

    id: str
    text: str
    due: str
    by: str                       # rule | path | manual
    met: Optional[bool]           # None: not judged (the initiative is not in the run)
    days_left: int
    owner: str = ""
    rule: str = ""                # the rule of a `rule:` condition


@dataclass
class DecisionState:
    """A decision, its conditions' states and the findings of the decision rules on it."""

    decision: Decision
    conditions: List[ConditionState]
    findings: List[Finding] = field(default_factory=list)


Lookup = Callable[[str], Optional[InitiativeResult]]   # initiative id -> its result in the run


def path_tests(ruleset: RuleSet, decisions: Sequence[Decision]
               ) -> Tuple[List[Decision], Dict[Tuple[str, int], Node], List[Problem]]:
    """The decisions whose conditions can be judged, the field test of every `path:` condition
    (parsed like a rule's condition against the initiative schema), and the problems of the
    others: a test that does not fit, or a `rule:` naming no loaded rule, at its place in the
    decision file."""
    out: Dict[Tuple[str, int], Node] = {}
    problems: List[Problem] = []
    usable: List[Decision] = []
    known = set(ruleset.by_id())
    for d in decisions:
        before = len(problems)
        parser = Parser(ruleset.defs, d.doc.file, d.doc.position)
        for k, cond in enumerate(d.conditions):
            yp = "conditions[%d]" % k
            if "rule" in cond and str(cond["rule"]).strip() not in known:
                line, col = d.doc.position(yp + ".rule")
                problems.append(Problem.of(d.doc.file, said("decision.unknown_rule",
                                                            rule=repr(cond["rule"])),
                                           line, col, yp + ".rule"))
            if "path" not in cond:
                continue
            test = {key: v for key, v in cond.items() if key not in _NOT_TEST}
            try:
                out[(d.id, k)] = parser.condition(test, yp, Scope())
            except InputError as e:
                problems.append(e.problem)
        if len(problems) == before:
            usable.append(d)
    return usable, out, problems


class DecisionRules:
    """The decision rules of a rule set on one evaluation date, compiled for durable_rules, and
    the field tests of the run's `path:` conditions."""

    def __init__(self, ruleset: RuleSet, date: str, tests: Mapping[Tuple[str, int], Node]):
        self.date = date
        self.specs = {s.id: s for s in ruleset.specs
                      if s.subject == "decision" and s.active_on(date)}
        self.compiled = compile_conditions(
            ruleset, date, [(s.id, s.when, s.for_each) for s in self.specs.values()
                            if s.when is not None])
        self._names = {key: "c%d" % n for n, key in enumerate(sorted(tests))}
        self.tests = compile_conditions(ruleset, date, [(self._names[key], node, ())
                                                        for key, node in sorted(tests.items())])
        self.scales = ruleset.defs.scales

    def judge(self, decisions: Sequence[Decision], lookup: Lookup,
              known_run: Optional[Callable[[int], Optional[bool]]] = None,
              known_digest: Optional[Callable[[str], Optional[bool]]] = None) -> List[DecisionState]:
        """Every decision's conditions judged and its decision-rule findings, in file order."""
        latest = _latest(decisions)
        out = []
        with Evaluator(self.compiled, self.scales) as rules, \
                Evaluator(self.tests, self.scales) as tests:
            for d in decisions:
                result = lookup(d.initiative)
                states = self._conditions(d, result, tests)
                fact = _fact(d, result, states, latest[d.initiative] is d, known_run,
                             known_digest)
                state = DecisionState(d, states)
                for firing in rules.evaluate(fact):
                    if firing.hit.kind is HitKind.PART:
                        state.findings.append(self._finding(self.specs[firing.hit.name], d,
                                                            fact, firing.item))
                state.findings.sort(key=Finding.sort_key)
                out.append(state)
        return out

    def _conditions(self, d: Decision, result: Optional[InitiativeResult],
                    tests: Evaluator) -> List[ConditionState]:
        held = set()
        if result is not None and any("path" in c for c in d.conditions):
            held = {f.hit.name for f in tests.evaluate(result.data)}
        open_rules = set() if result is None else \
            {f.rule for f in result.findings if f.waiver is None}
        day = parse_date(self.date)
        out = []
        for k, c in enumerate(d.conditions):
            met: Optional[bool]
            if c.get("manual"):
                by, met = "manual", bool(c.get("met", False))
            elif "rule" in c:
                by = "rule"
                met = None if result is None else str(c["rule"]).strip() not in open_rules
            else:
                by = "path"
                met = None if result is None else self._names[(d.id, k)] in held
            out.append(ConditionState(str(c["id"]), str(c["text"]), str(c["due"]), by, met,
                                      (parse_date(str(c["due"])) - day).days,
                                      str(c.get("owner") or ""), str(c.get("rule") or "")))
        return out

    def _finding(self, spec: RuleSpec, d: Decision, fact: Dict[str, Any], item: Any) -> Finding:
        path = _finding_path(spec, item)
        value = data_at(d.doc.data, path)
        line, col = d.doc.position(path)
        where = fact if item is None else fact["conditions"][item]
        message = render(spec, {"value": None if value is MISSING else value}, fact,
                         MISSING if item is None else where)
        return make_finding(spec, message=message, path=path, file=d.doc.file, line=line,
                            column=col, initiative=d.initiative)


def _finding_path(spec: RuleSpec, item: Any) -> str:
    """Where in the decision file a finding points: the rule's `at:` under the condition it
    fired on (conditions[k]...), or under the decision."""
    at = spec.target.path
    parts = () if at is None else at.parts
    base = "" if item is None else "conditions[%d]" % item
    return ".".join(x for x in (base, ".".join(parts)) if x)


def _latest(decisions: Sequence[Decision]) -> Dict[str, Decision]:
    """Per initiative its latest decision (by date, then id)."""
    out: Dict[str, Decision] = {}
    for d in sorted(decisions, key=lambda d: (d.date, d.id)):
        out[d.initiative] = d
    return out


def _fact(d: Decision, result: Optional[InitiativeResult], states: List[ConditionState],
          latest: bool, known_run: Optional[Callable[[int], Optional[bool]]],
          known_digest: Optional[Callable[[str], Optional[bool]]]) -> Dict[str, Any]:
    data = d.doc.data
    fact: Dict[str, Any] = {k: data[k] for k in ("id", "initiative", "date", "body", "outcome",
                                                  "phase") if k in data}
    fact["initiative_known"] = result is not None
    fact["latest"] = latest
    if result is not None and result.phase in PHASES:
        fact["initiative_phase"] = result.phase
        if data.get("phase") in PHASES:
            fact["progressed"] = PHASES.index(result.phase) > PHASES.index(data["phase"])
    based = dict(data.get("based_on") or {})
    run = known_run(int(based["run"])) if "run" in based and known_run else None
    digest = known_digest(str(based["digest"])) if "digest" in based and known_digest else None
    if run is not None:
        based["run_known"] = run
    if digest is not None:
        based["digest_known"] = digest
    if based:
        fact["based_on"] = based
    fact["conditions"] = [dict(id=s.id, text=s.text, due=s.due, by=s.by, days_left=s.days_left,
                               **({"met": s.met} if s.met is not None else {}),
                               **({"owner": s.owner} if s.owner else {}))
                          for s in states]
    return fact
