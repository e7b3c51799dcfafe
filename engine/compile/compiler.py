"""Compile checked rule conditions into durable_rules ruleset definitions plus a projection plan.

durable_rules tests flat attributes of facts.  The compiler decides which facts an initiative
becomes (one document fact, one fact per item of each list a rule reports on) and which value of
which field each fact carries, already normalised as the catalogue's conventions say (missing
values left out, text NFC, dates as numbers, regular-expression results as booleans).  All logic
of the conditions -- and/or/not, comparisons, quantifiers over lists -- is evaluated by
durable_rules.  The output is plain data: it can be sent to worker processes.
"""
from __future__ import annotations

import datetime as _dt
import enum
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from .. import durations
from ..dates import parse_date
from ..pack.language import (All, AnyOf, Definitions, FieldType, Node, Not, Parser, Path, Quant, Ref,
                             Scope, Test, Uncovered)
from ..pack.rulepack import RuleSet, RuleSpec
from ..textnorm import nfc_strip, normalise_text

DOC = "doc"
FLIP = {"lt": "ge", "le": "gt", "gt": "le", "ge": "lt"}
DURABLE_CMP = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}
MAX_TESTS_PER_RULESET = 48   # error 303 once more than 64 alpha tests hold at once
MAX_RULES_PER_RULESET = 24
MAX_ATTRS_PER_RULESET = 200   # of the 254 properties a fact may hold (error 302)
DEFAULT_SEP = "\x1f"          # transform + DEFAULT_SEP + JSON default (never inside "re:")
SET_PREFIX = "in:"            # in: + JSON [transform, values]: membership tested by the projection
MAX_OR_VALUES = 16            # more values than this: no $or of equalities (member_name)


class _Const:
    def __init__(self, value: bool):
        self.value = value


TRUE, FALSE = _Const(True), _Const(False)


@dataclass
class Plan:
    """What one fact (or one quantified list's items) carries: source -> attribute name.

    A source is (anchor, parts, transform): anchor 'doc' (the initiative), 'item' (the fact's
    own list item) or 'q' (the item of the quantifier being projected).
    """

    prefix: str
    attrs: Dict[Tuple[str, Tuple[str, ...], str], str] = field(default_factory=dict)
    lists: Dict[Tuple[str, Tuple[str, ...]], Tuple[str, "Plan"]] = field(default_factory=dict)
    # projection's ready-to-run form of this plan, built on first use (see projection._compiled)
    steps: Any = field(default=None, repr=False, compare=False)

    def attr(self, anchor: str, parts: Tuple[str, ...], transform: str) -> str:
        key = (anchor, parts, transform)
        if key not in self.attrs:
            self.attrs[key] = "%s%d" % (self.prefix, len(self.attrs) + len(self.lists))
        return self.attrs[key]

    def sublist(self, anchor: str, parts: Tuple[str, ...]) -> Tuple[str, "Plan"]:
        key = (anchor, parts)
        if key not in self.lists:
            name = "%s%d" % (self.prefix, len(self.attrs) + len(self.lists))
            self.lists[key] = (name, Plan(self.prefix + "q"))
        return self.lists[key]

    def size(self) -> int:
        return len(self.attrs) + sum(1 + p.size() for _, p in self.lists.values())


@dataclass(frozen=True)
class KindKey:
    """A fact kind: the document, or the items of a list / entries of a mapping."""

    mode: str                 # doc | list | entries
    path: Tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return DOC if self.mode == DOC else "%s:%s" % (self.mode, ".".join(self.path))


@dataclass
class Kind:
    key: KindKey
    plan: Plan
    rules: Dict[str, dict] = field(default_factory=dict)     # durable rule name -> definition
    tests: Dict[str, int] = field(default_factory=dict)

    def chunks(self) -> List[Dict[str, dict]]:
        """Split into rulesets small enough for durable_rules' alpha stack and fact size."""
        return [chunk for chunk, _ in self.chunks_with_attrs()]

    def chunks_with_attrs(self) -> List[Tuple[Dict[str, dict], FrozenSet[str]]]:
        """The rulesets of `chunks`, each with the fact attributes its rules read: a fact holds
        at most 254 properties (error 302), so a ruleset gets at most MAX_ATTRS_PER_RULESET of
        them and is asserted only those (durable.evaluator.Evaluator)."""
        out: List[Tuple[Dict[str, dict], FrozenSet[str]]] = []
        cur: Dict[str, dict] = {}
        names: Set[str] = set()
        count = 0
        for name in sorted(self.rules):
            n = self.tests[name]
            used = attributes_of(self.rules[name])
            if cur and (count + n > MAX_TESTS_PER_RULESET or len(cur) >= MAX_RULES_PER_RULESET
                        or len(names | used) > MAX_ATTRS_PER_RULESET):
                out.append((cur, frozenset(names)))
                cur, count, names = {}, 0, set()
            cur[name] = self.rules[name]
            names |= used
            count += n
        if cur:
            out.append((cur, frozenset(names)))
        return out


def attributes_of(rule: Any) -> Set[str]:
    """The fact attributes a durable_rules rule definition reads (not those of list items)."""
    out: Set[str] = set()

    def walk(node: Any, in_items: bool) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "$m" and isinstance(v, str):
                    out.add(v)              # a reference to another attribute of the fact
                elif k in ("$iany", "$iall"):
                    for lname, body in v.items():
                        if not in_items:
                            out.add(lname)
                        walk(body, True)    # items' fields are inside the list's property
                elif k.startswith("$") or k in ("all", "any", "m"):
                    walk(v, in_items)
                else:
                    if not in_items:
                        out.add(k)
                    walk(v, in_items)
        elif isinstance(node, list):
            for v in node:
                walk(v, in_items)

    walk(rule, False)
    out.discard("_k")
    return out


class HitKind(enum.Enum):
    """What the firing of a durable rule says about the fact it fired on."""

    RULE = "rule"            # rule `name` holds (variant -1); or it holds and its target's
                             # candidate `variant` is missing
    SIDE = "side"            # the fact is a side pair rule `name` may pair
    SELECT = "select"        # aggregate rule `name` selects the initiative
    MISSING = "missing"      # coverage: field `variant` of domain `name` is missing
    REQUIRED = "required"    # coverage: the initiative's phase requires domain `name`
    WAIVER = "waiver"        # the exception (list item) is valid and waives its rule
    PART = "part"            # `idm explain`: the named condition `name` holds


@dataclass(frozen=True)
class Hit:
    """What a durable rule name means."""

    kind: HitKind
    name: str = ""            # rule id, domain or part name (none for a waiver)
    variant: int = -1         # index into the target's candidates or the domain's fields


@dataclass
class Compiled:
    """Everything the evaluator and the portfolio stage need; plain, picklable data."""

    date: str
    kinds: Dict[str, Kind]
    hits: Dict[str, Hit]
    known_rules: Tuple[str, ...]
    evaluated: Tuple[str, ...]         # rule ids active on the date (not portfolio-level)


def today_number(date: str) -> int:
    return int(date.replace("-", ""))


def compile_ruleset(ruleset: RuleSet, date: str) -> Compiled:
    """Compile every rule active on `date`, plus the engine's coverage and waiver rules."""
    parse_date(date)
    c = _Compiler(ruleset, date, ruleset.nameable_ids())
    active = [s for s in ruleset.specs if s.active_on(date)]
    for spec in active:
        c.rule(spec)
    c.internal()
    evaluated = tuple(s.id for s in active if s.aggregate is None)
    return Compiled(date, c.kinds, c.hits, c.known, evaluated)


def compile_conditions(ruleset: RuleSet, date: str,
                       parts: List[Tuple[str, Node, Tuple[Tuple[str, Path], ...]]]) -> Compiled:
    """Compile arbitrary named conditions, each as its own durable rule (for `idm explain`).

    `parts` holds (name, condition, for_each) with for_each as in RuleSpec.for_each (empty: the
    document).  A firing maps back through `Compiled.hits` to `Hit(HitKind.PART, name)`.
    """
    parse_date(date)
    c = _Compiler(ruleset, date, ruleset.nameable_ids())
    for name, node, for_each in parts:
        keys = [KindKey(mode, path.parts) for mode, path in for_each] or [KindKey(DOC)]
        for key in keys:
            c.add(key, Hit(HitKind.PART, name), c.expand(node))
    return Compiled(date, c.kinds, c.hits, c.known, ())


AGGREGATE_KIND = KindKey("aggregate").name   # the one fact an aggregate's condition is tested on


def compile_aggregate(spec: RuleSpec, ruleset: RuleSet, date: str) -> Optional[Compiled]:
    """The condition of an aggregate rule as one durable rule on one fact whose item holds the
    aggregate's count and sums (`aggregate.NAME` in the condition); None when it never holds."""
    comp = _Compiler(ruleset, date, ())
    key = KindKey("aggregate")
    kind = comp.kind(key)
    ctx = _Ctx(kind.plan, kind.plan, {"aggregate": "item"})
    expr = comp.expr(spec.when, ctx, False)
    if expr is FALSE:
        return None
    marker = {"_k": key.name}
    kind.rules["agg"] = {"all": [{"m": marker if expr is TRUE else {"$and": [marker, expr]}}]}
    kind.tests["agg"] = 1
    return Compiled(date, {key.name: kind}, {"agg": Hit(HitKind.RULE, spec.id)}, (), ())


class _Ctx:
    """Where a condition is being compiled: which plan, and what each variable is anchored to."""

    def __init__(self, fact: Plan, cur: Plan, anchors: Dict[str, str], prefix: str = "",
                 entries: Optional[str] = None):
        self.fact = fact
        self.cur = cur
        self.anchors = anchors
        self.prefix = prefix
        self.entries = entries      # the variable bound to mapping entries, if any
        self.guards: List[dict] = []


class _Compiler:
    def __init__(self, ruleset: RuleSet, date: str, known: Tuple[str, ...]):
        self.ruleset = ruleset
        self.defs: Definitions = ruleset.defs
        self.today = today_number(date)
        self.known = known
        waivable = {s.id for s in ruleset.specs if s.rule.waivable}
        self.known_by_waivable = {True: tuple(k for k in known if k in waivable),
                                  False: tuple(k for k in known if k not in waivable)}
        self.kinds: Dict[str, Kind] = {}
        self.hits: Dict[str, Hit] = {}
        self._n = 0

    # -- kinds and registration
    def kind(self, key: KindKey) -> Kind:
        if key.name not in self.kinds:
            self.kinds[key.name] = Kind(key, Plan("a"))
        return self.kinds[key.name]

    def add(self, key: KindKey, hit: Hit, node: Any, name: Optional[str] = None) -> None:
        kind = self.kind(key)
        anchors = {"item": "item"} if key.mode != DOC else {}
        ctx = _Ctx(kind.plan, kind.plan, anchors, "", "item" if key.mode == "entries" else None)
        expr = self.expr(node, ctx, False)
        if expr is FALSE:
            return
        if name is None:
            self._n += 1
            name = "r%d" % self._n
        marker = {"_k": key.name}
        pieces = [TRUE] if expr is TRUE else _split(expr)
        for i, piece in enumerate(pieces):
            part = name if i == 0 else "%s_%d" % (name, i)
            body = marker if piece is TRUE else _combine(True, [marker, piece])
            kind.rules[part] = {"all": [{"m": body}]}
            kind.tests[part] = 1 + _count_tests(piece)
            self.hits[part] = hit

    def rule(self, spec: RuleSpec) -> None:
        if spec.aggregate is not None:
            self.add(KindKey(DOC), Hit(HitKind.SELECT, spec.id), spec.aggregate.select)
            return
        if spec.pairs is not None:
            fe = spec.pairs.for_each
            key = KindKey("list", fe.parts) if fe is not None else KindKey(DOC)
            self.add(key, Hit(HitKind.SIDE, spec.id), spec.pairs.where or TRUE)
            return
        when = self.expand(spec.when)
        keys = [KindKey(DOC)] if not spec.for_each else \
            [KindKey(mode, path.parts) for mode, path in spec.for_each]
        for key in keys:
            self._n += 1
            base = "r%d" % self._n
            self.add(key, Hit(HitKind.RULE, spec.id), when, base)
            for i, cand in enumerate(spec.target.candidates):
                missing = Test(cand, FieldType("any"), "missing")
                self.add(key, Hit(HitKind.RULE, spec.id, i), All((when, missing)), "%sv%d" % (base, i))
        if spec.once is not None:       # a per-item rule's document-level part (its own kind)
            self.add(KindKey(DOC), Hit(HitKind.RULE, spec.id), self.expand(spec.once.when))

    def internal(self) -> None:
        """Coverage per domain and the validity of exceptions, through the same compiler."""
        profiles = self.ruleset.profiles
        if profiles is not None:
            for domain, fields in profiles.fields.items():
                for i, f in enumerate(fields):
                    path = self.path(f)
                    self.add(KindKey(DOC), Hit(HitKind.MISSING, domain, i),
                             Test(path, FieldType("any"), "missing"))
                self.add(KindKey(DOC), Hit(HitKind.REQUIRED, domain), self.phase_in(
                    profiles.phases_requiring(domain)))
        self.add(KindKey("list", ("principles", "exceptions")), Hit(HitKind.WAIVER),
                 self.ruleset.builtin["exception_valid"])

    # -- helpers building trees
    def path(self, text: str) -> Path:
        return Parser(self.defs, "<profiles>", lambda p: (None, None)).path(text, "", Scope())[0]

    def phase_in(self, phases: Tuple[str, ...]) -> Any:
        if not phases:
            return FALSE
        return Test(self.path("phase"), FieldType("string"), "in", tuple(phases), "initiation")

    def expand(self, node: Node) -> Any:
        """Replace `uncovered: D` by its definition from the coverage profiles (evaluation.md §6)."""
        if isinstance(node, Uncovered):
            prof = self.ruleset.profiles
            missing = tuple(Test(self.path(f), FieldType("any"), "missing")
                            for f in prof.fields[node.domain])
            phase = self.phase_in(prof.phases_requiring(node.domain))
            return FALSE if phase is FALSE else All((phase, AnyOf(missing)))
        if isinstance(node, All):
            return All(tuple(self.expand(n) for n in node.items))
        if isinstance(node, AnyOf):
            return AnyOf(tuple(self.expand(n) for n in node.items))
        if isinstance(node, Not):
            return Not(self.expand(node.item))
        return node

    # -- expressions
    def expr(self, node: Any, ctx: _Ctx, neg: bool) -> Any:
        if isinstance(node, _Const):
            return FALSE if (node.value == neg) else TRUE
        if isinstance(node, (All, AnyOf)):
            conj = isinstance(node, All) != neg
            return _combine(conj, [self.expr(n, ctx, neg) for n in node.items])
        if isinstance(node, Not):
            return self.expr(node.item, ctx, not neg)
        if isinstance(node, Uncovered):
            return self.expr(self.expand(node), ctx, neg)
        if isinstance(node, Quant):
            return self.quant(node, ctx, neg)
        return self.test(node, ctx, neg)

    def source(self, path: Path, ctx: _Ctx) -> Tuple[str, Tuple[str, ...]]:
        if path.var is None:
            return "doc", path.parts
        anchor = ctx.anchors[path.var]
        if path.var == ctx.entries and anchor == "item":
            return "item", path.parts or ("value",)
        return anchor, path.parts

    def name(self, path: Path, ctx: _Ctx, transform: str) -> str:
        anchor, parts = self.source(path, ctx)
        plan = ctx.fact if anchor in ("doc", "item") else ctx.cur
        prefix = "" if anchor in ("doc", "item") else ctx.prefix
        return prefix + plan.attr(anchor, parts, transform)

    def quant(self, q: Quant, ctx: _Ctx, neg: bool) -> Any:
        kind = {"some": "none", "none": "some", "every": "every!"}[q.kind] if neg else q.kind
        anchor, parts = self.source(q.path, ctx)
        plan = ctx.fact if anchor in ("doc", "item") else ctx.cur
        prefix = "" if anchor in ("doc", "item") else ctx.prefix
        lname, child = plan.sublist(anchor, parts)
        anchors = dict(ctx.anchors)
        anchors[q.var] = "q"
        inner = _Ctx(ctx.fact, child, anchors, "$i.", ctx.entries)
        if kind == "some":
            body = self.expr(q.where, inner, False)
            out = _iany(prefix + lname, body)
        elif kind == "every!":          # not every = some item where not C
            body = self.expr(q.where, inner, True)
            out = _iany(prefix + lname, body)
        else:                           # every / none: vacuously true on a missing list
            body = self.expr(q.where, inner, kind == "none")
            out = _combine(False, [{"$nex": {prefix + lname: 1}}, _iall(prefix + lname, body)])
        # A comparison with a field outside the quantifier holds only when that field is present;
        # durable_rules cannot test the fact from inside $iany, so the guard goes on the
        # outermost quantifier, at fact level.
        if inner.guards:
            if ctx.prefix:
                ctx.guards.extend(g for g in inner.guards if g not in ctx.guards)
            else:
                out = _combine(True, list(inner.guards) + [out])
        return out

    def transform(self, t: Test) -> str:
        if t.scale:
            out = "rank:" + t.scale
        elif t.normalised:
            out = "norm"
        elif t.ftype.kind == "date":
            out = "date"
        elif t.ftype.kind == "duration":
            out = "dur"
        else:
            out = "val"
        if t.default is not None:       # the projection puts the default in for a missing value
            out += DEFAULT_SEP + json.dumps(t.default)
        return out

    def literal(self, t: Test, v: Any) -> Any:
        if t.scale:
            return self.defs.scales[t.scale].index(v) + 1
        if t.normalised and isinstance(v, str):
            return normalise_text(v)
        if t.ftype.kind == "date":
            if isinstance(v, _dt.date):
                v = v.isoformat()
            return self.today if v == "today" else today_number(v)
        if t.ftype.kind == "duration":
            return durations.parse(v).length
        if isinstance(v, str):
            return nfc_strip(v)
        return v

    def ref(self, t: Test, ctx: _Ctx) -> Tuple[Any, dict]:
        r: Ref = t.arg
        transform = self.transform(Test(r.path, r.ftype, t.op, None, None, t.normalised, t.scale))
        rname = self.name(r.path, _Ctx(ctx.fact, ctx.fact, ctx.anchors, "", ctx.entries),
                          transform)
        value: Any = {"$m": rname}
        if r.times is not None:
            value = {"$mul": {"$l": value, "$r": r.times}}
        return value, {"$ex": {rname: 1}}

    def test(self, t: Test, ctx: _Ctx, neg: bool) -> Any:
        op = t.op
        if op in ("present", "missing"):
            n = self.name(t.path, ctx, "val")
            want_present = (op == "present") != neg
            if t.default is not None:
                return TRUE if want_present else FALSE
            return {"$ex": {n: 1}} if want_present else {"$nex": {n: 1}}
        if op == "count":
            n = self.name(t.path, ctx, "count")
            sub, k = t.arg
            if sub == "equals":
                return {"$neq": {n: k}} if neg else {n: k}
            return {DURABLE_CMP[FLIP[sub] if neg else sub]: {n: k}}
        if op == "names_known_rule" and isinstance(t.arg, tuple):    # {waivable: true|false}
            n, member = self.member_name(t.path, ctx, "val", self.known_by_waivable[t.arg[1]])
            if not neg:
                return member(True)
            return _combine(False, [{"$nex": {n: 1}}, member(False)])
        if op == "names_known_rule":
            n, member = self.member_name(t.path, ctx, "val", self.known)
            positive = member(t.arg)
            if not neg:
                return positive
            return _combine(False, [{"$nex": {n: 1}}, member(not t.arg)])
        if op == "matches":
            n = self.name(t.path, ctx, "re:" + t.arg)
            return _combine(False, [{"$nex": {n: 1}}, {n: False}]) if neg else {n: True}
        n = self.name(t.path, ctx, self.transform(t))
        if isinstance(t.arg, Ref):
            value, guard = self.ref(t, ctx)
            cmp_op = {"equals": "$eq", "not_equals": "$neq"}.get(t.op) or DURABLE_CMP[t.op]
            if neg:
                cmp_op = {"$eq": "$neq", "$neq": "$eq"}.get(cmp_op) or DURABLE_CMP[FLIP[t.op]]
            cmp = _cmp(cmp_op, n, value)
            if ctx.prefix:                      # inside a quantifier: guarded at its top
                if guard not in ctx.guards:
                    ctx.guards.append(guard)
                return _combine(False, [{"$nex": {n: 1}}, cmp]) if neg else cmp
            if neg:
                ref_name = next(iter(guard["$ex"]))
                return _combine(False, [{"$nex": {n: 1}}, {"$nex": {ref_name: 1}}, cmp])
            return _combine(True, [guard, cmp])
        if op in ("before", "after"):
            k = self.today if t.arg == "today" else today_number(t.arg)
            cmp = {"before": "lt", "after": "gt"}[op]
            cmp = FLIP[cmp] if neg else cmp
            out = {DURABLE_CMP[cmp]: {n: k}}
            return _combine(False, [{"$nex": {n: 1}}, out]) if neg else out
        if op in ("older_than", "within"):
            # The projection adds the duration to the date on the calendar ("plus:" transform);
            # durable_rules compares both with the evaluation date.
            plus = self.name(t.path, ctx, self.transform(t).replace("date", "plus:" + t.arg, 1))
            if op == "older_than":                  # date + D < today
                out = {"$gte": {plus: self.today}} if neg else {"$lt": {plus: self.today}}
                return _combine(False, [{"$nex": {plus: 1}}, out]) if neg else out
            if neg:                                 # date > today or date + D < today
                return _combine(False, [{"$nex": {n: 1}}, {"$nex": {plus: 1}},
                                        {"$gt": {n: self.today}}, {"$lt": {plus: self.today}}])
            return _combine(True, [{"$lte": {n: self.today}}, {"$gte": {plus: self.today}}])
        if op in DURABLE_CMP:
            k = self.literal(t, t.arg)
            out = {DURABLE_CMP[FLIP[op] if neg else op]: {n: k}}
            return _combine(False, [{"$nex": {n: 1}}, out]) if neg else out
        if op in ("equals", "not_equals", "in", "not_in"):
            values = t.arg if op in ("in", "not_in") else (t.arg,)
            values = tuple(self.literal(t, v) for v in values)
            n, member = self.member_name(t.path, ctx, self.transform(t), values)
            positive = member((op in ("equals", "in")) != neg)
            return _combine(False, [{"$nex": {n: 1}}, positive]) if neg else positive
        raise ValueError("no compilation for operator %r" % op)  # language.py rejects it first

    def member_name(self, path: Path, ctx: _Ctx, transform: str, values: Tuple[Any, ...]
                    ) -> Tuple[str, Callable[[bool], Any]]:
        """The attribute for a membership test and `member(True|False)`, its condition.

        Up to MAX_OR_VALUES values become one `$or` of equalities; more are tested by the
        projection (attribute true or false), because durable_rules' createRuleset takes time
        that grows much faster than the number of branches of one `$or`: 440 branches took
        0.1 s, 850 more than ten minutes (the `names_known_rule` test of a pack of 800 rules)."""
        if len(values) <= MAX_OR_VALUES:
            n = self.name(path, ctx, transform)
            return n, lambda member: self._membership(n, values, member)
        n = self.name(path, ctx, SET_PREFIX + json.dumps([transform, sorted(values, key=repr)]))
        return n, lambda member: {n: member}

    @staticmethod
    def _membership(n: str, values: Tuple[Any, ...], member: bool) -> Any:
        if member:
            return _combine(False, [{n: v} for v in values]) if values else FALSE
        # $neq never matches an absent attribute, so no presence test is needed
        # (docs/design/durable-rules.md).
        return _combine(True, [{"$neq": {n: v}} for v in values]) if values else {"$ex": {n: 1}}


def _cmp(op: str, n: str, value: Any) -> dict:
    return {n: value} if op == "$eq" else {op: {n: value}}


# durable_rules 2.0.28 checks the type of the right operand of a quantifier's inner test, which
# for an $or is never initialised (createForwardAlpha in rete.c) and for a field reference is
# refused: error 102, for an $or depending on what the heap held.  Ending every quantifier body
# with this constant test (no item has the attribute "_") keeps the check on a known node.
_LAST = {"$nex": {"$i._": 1}}


def _quantified(op: str, lname: str, body: Any) -> Any:
    if body is FALSE:
        return FALSE
    if body is TRUE:
        return {"$ex": {lname: 1}}
    items = body["$and"] if isinstance(body, dict) and list(body) == ["$and"] else [body]
    return {op: {lname: {"$and": items + [_LAST]}}}


def _iany(lname: str, body: Any) -> Any:
    return _quantified("$iany", lname, body)


def _iall(lname: str, body: Any) -> Any:
    return _quantified("$iall", lname, body)


def _combine(conj: bool, items: List[Any]) -> Any:
    op = "$and" if conj else "$or"
    out = []
    for it in items:
        if it is (TRUE if conj else FALSE):
            continue
        if it is (FALSE if conj else TRUE):
            return it
        if isinstance(it, dict) and list(it) == [op]:
            out.extend(x for x in it[op] if x not in out)    # flatten nested groups of one kind
        elif it not in out:
            out.append(it)
    if not out:
        return TRUE if conj else FALSE
    if len(out) == 1:
        return out[0]
    return {"$and" if conj else "$or": out}


# durable_rules keeps at most 31 expression slots per rule (MAX_SEQUENCE_EXPRESSIONS in
# rete.h); every $and/$or group takes two and every field reference one.
MAX_SLOTS = 30


def _slots(expr: Any) -> int:
    if isinstance(expr, list):
        return sum(_slots(x) for x in expr)
    if not isinstance(expr, dict):
        return 0
    total = 0
    for k, v in expr.items():
        if k in ("$and", "$or"):
            total += 2 + _slots(v)
        elif k == "$m":
            total += 1
        else:
            total += _slots(v)
    return total


def _split(expr: Any) -> List[Any]:
    """Pieces whose disjunction is `expr`, each small enough for one durable_rules rule."""
    if _slots(expr) + 2 <= MAX_SLOTS:
        return [expr]
    if isinstance(expr, dict) and list(expr) == ["$or"]:
        return [p for branch in expr["$or"] for p in _split(branch)]
    if isinstance(expr, dict) and list(expr) == ["$and"]:
        items = expr["$and"]
        ors = [i for i, x in enumerate(items) if isinstance(x, dict) and list(x) == ["$or"]]
        if ors:
            k = max(ors, key=lambda i: _slots(items[i]))
            rest = items[:k] + items[k + 1:]
            return [p for branch in items[k]["$or"] for p in _split(_combine(True, rest + [branch]))]
    raise ValueError("a condition is too complex for durable_rules (more than %d expression "
                     "slots in one rule): split it into simpler rules" % MAX_SLOTS)


def _count_tests(expr: Any) -> int:
    if isinstance(expr, dict):
        total = 0
        for k, v in expr.items():
            if k in ("$and", "$or"):
                total += sum(_count_tests(x) for x in v)
            elif k in ("$iany", "$iall"):
                total += 1 + sum(_count_tests(x) for x in v.values())
            else:
                total += 1
        return total
    return 1
