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
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from .. import durations
from ..dates import parse_date
from ..pack.conditions import FALSE, TRUE, Const, absent, combine, date_number
from ..pack.language import (All, AnyOf, Definitions, FieldType, Node, Not, Path, Quant, Ref, Test,
                             Uncovered)
from ..pack import operators
from ..pack.rulepack import RuleSet, RuleSpec
from ..pack.transforms import InSet, Transform, of_value
from ..textnorm import nfc_strip, normalise_text

DOC = "doc"
MAX_TESTS_PER_RULESET = 48   # error 303 once more than 64 alpha tests hold at once
MAX_RULES_PER_RULESET = 24
MAX_ATTRS_PER_RULESET = 200   # of the 254 properties a fact may hold (error 302)
MAX_OR_VALUES = 16            # more values than this: no $or of equalities (member_name)


@dataclass
class Plan:
    """What one fact (or one quantified list's items) carries: source -> attribute name.

    A source is (anchor, parts, transform): anchor 'doc' (the initiative), 'item' (the fact's
    own list item) or 'q' (the item of the quantifier being projected); the transform
    (engine.pack.transforms) says what of the value the attribute holds.
    """

    prefix: str
    attrs: Dict[Tuple[str, Tuple[str, ...], Transform], str] = field(default_factory=dict)
    lists: Dict[Tuple[str, Tuple[str, ...]], Tuple[str, "Plan"]] = field(default_factory=dict)
    # projection's ready-to-run form of this plan, built on first use (see projection._compiled)
    steps: Any = field(default=None, repr=False, compare=False)

    def attr(self, anchor: str, parts: Tuple[str, ...], transform: Transform) -> str:
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


def compile_ruleset(ruleset: RuleSet, date: str) -> Compiled:
    """Compile every rule active on `date`, plus the engine's coverage and waiver rules."""
    parse_date(date)
    c = _Compiler(ruleset, date)
    # Decision rules read the facts of a board decision, after the initiatives
    # (engine.check.decisions), never an initiative.
    active = [s for s in ruleset.specs if s.active_on(date) and s.subject == "initiative"]
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
    c = _Compiler(ruleset, date)
    for name, node, for_each in parts:
        keys = [KindKey(mode, path.parts) for mode, path in for_each] or [KindKey(DOC)]
        for key in keys:
            c.add(key, Hit(HitKind.PART, name), c.expand(node))
    return Compiled(date, c.kinds, c.hits, c.known, ())


AGGREGATE_KIND = KindKey("aggregate").name   # the one fact an aggregate's condition is tested on


def compile_aggregate(spec: RuleSpec, ruleset: RuleSet, date: str) -> Optional[Compiled]:
    """The condition of an aggregate rule as one durable rule on one fact whose item holds the
    aggregate's count and sums (`aggregate.NAME` in the condition); None when it never holds."""
    comp = _Compiler(ruleset, date, aggregate=True)
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
    def __init__(self, ruleset: RuleSet, date: str, aggregate: bool = False):
        self.ruleset = ruleset
        self.defs: Definitions = ruleset.defs
        self.today = date_number(date)
        # an aggregate's condition names no rules (Compiled.known_rules stays empty)
        self.known: Tuple[str, ...] = () if aggregate else ruleset.nameable
        waivable = set(ruleset.nameable_waivable)
        self.known_by_waivable = {True: tuple(k for k in self.known if k in waivable),
                                  False: tuple(k for k in self.known if k not in waivable)}
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
            body = marker if piece is TRUE else combine(True, [marker, piece])
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
            for domain, coverage in profiles.coverage.items():
                for i, missing in enumerate(coverage.missing):
                    self.add(KindKey(DOC), Hit(HitKind.MISSING, domain, i), missing)
                self.add(KindKey(DOC), Hit(HitKind.REQUIRED, domain), coverage.required or FALSE)
        self.add(KindKey("list", ("principles", "exceptions")), Hit(HitKind.WAIVER),
                 self.ruleset.builtin["exception_valid"])

    # -- helpers building trees
    def expand(self, node: Node) -> Any:
        """Replace `uncovered: D` by its definition from the coverage profiles (evaluation.md §6)."""
        if isinstance(node, Uncovered):
            coverage = self.ruleset.profiles.coverage[node.domain]
            if coverage.required is None:
                return FALSE
            return All((coverage.required, AnyOf(coverage.missing)))
        if isinstance(node, All):
            return All(tuple(self.expand(n) for n in node.items))
        if isinstance(node, AnyOf):
            return AnyOf(tuple(self.expand(n) for n in node.items))
        if isinstance(node, Not):
            return Not(self.expand(node.item))
        return node

    # -- expressions
    def expr(self, node: Any, ctx: _Ctx, neg: bool) -> Any:
        if isinstance(node, Const):
            return FALSE if (node.value == neg) else TRUE
        if isinstance(node, (All, AnyOf)):
            conj = isinstance(node, All) != neg
            return combine(conj, [self.expr(n, ctx, neg) for n in node.items])
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

    def name(self, path: Path, ctx: _Ctx, transform: Transform) -> str:
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
            out = combine(False, [{"$nex": {prefix + lname: 1}}, _iall(prefix + lname, body)])
        # A comparison with a field outside the quantifier holds only when that field is present;
        # durable_rules cannot test the fact from inside $iany, so the guard goes on the
        # outermost quantifier, at fact level.
        if inner.guards:
            if ctx.prefix:
                ctx.guards.extend(g for g in inner.guards if g not in ctx.guards)
            else:
                out = combine(True, list(inner.guards) + [out])
        return out

    def literal(self, t: Test, v: Any) -> Any:
        if t.scale:
            return self.defs.scales[t.scale].index(v) + 1
        if t.normalised and isinstance(v, str):
            return normalise_text(v)
        if t.ftype.kind == "date":
            if isinstance(v, _dt.date):
                v = v.isoformat()
            return self.today if v == "today" else date_number(v)
        if t.ftype.kind == "duration":
            return durations.parse(v).length
        if isinstance(v, str):
            return nfc_strip(v)
        return v

    def test(self, t: Test, ctx: _Ctx, neg: bool) -> Any:
        """A field test: its operator (engine.pack.operators) builds the condition."""
        return operators.BY_OP[t.op].compile(_Site(self, ctx), t, neg)

    def compare_field(self, t: Test, n: str, cmp_op: str, ctx: _Ctx, neg: bool) -> Any:
        """Attribute `n` compared (`cmp_op`, already negated if `neg`) with the test's other field.

        Both must be present: inside a quantifier the presence of the other field is guarded at
        the quantifier's top (durable_rules cannot test the fact from inside $iany)."""
        r: Ref = t.arg
        transform = of_value(Test(r.path, r.ftype, t.op, None, None, t.normalised, t.scale))
        rname = self.name(r.path, _Ctx(ctx.fact, ctx.fact, ctx.anchors, "", ctx.entries),
                          transform)
        value: Any = {"$m": rname}
        if r.times is not None:
            value = {"$mul": {"$l": value, "$r": r.times}}
        guard = {"$ex": {rname: 1}}
        cmp = _cmp(cmp_op, n, value)
        if ctx.prefix:                      # inside a quantifier: guarded at its top
            if guard not in ctx.guards:
                ctx.guards.append(guard)
            return combine(False, [absent(n), cmp]) if neg else cmp
        if neg:
            return combine(False, [absent(n), absent(rname), cmp])
        return combine(True, [guard, cmp])

    def member_name(self, path: Path, ctx: _Ctx, transform: Transform, values: Tuple[Any, ...]
                    ) -> Tuple[str, Callable[[bool], Any]]:
        """The attribute for a membership test and `member(True|False)`, its condition.

        Up to MAX_OR_VALUES values become one `$or` of equalities; more are tested by the
        projection (attribute true or false), because durable_rules' createRuleset takes time
        that grows much faster than the number of branches of one `$or`: 440 branches took
        0.1 s, 850 more than ten minutes (the `names_known_rule` test of a pack of 800 rules)."""
        if len(values) <= MAX_OR_VALUES:
            n = self.name(path, ctx, transform)
            return n, lambda member: self._membership(n, values, member)
        n = self.name(path, ctx, InSet(transform, values))
        return n, lambda member: {n: member}

    @staticmethod
    def _membership(n: str, values: Tuple[Any, ...], member: bool) -> Any:
        if member:
            return combine(False, [{n: v} for v in values]) if values else FALSE
        # $neq never matches an absent attribute, so no presence test is needed
        # (docs/design/durable-rules.md).
        return combine(True, [{"$neq": {n: v}} for v in values]) if values else {"$ex": {n: 1}}


class _Site:
    """The compiler as one operator's `compile` sees it (pack.conditions.Emitter): names and
    literals in the context of the test being compiled."""

    __slots__ = ("compiler", "ctx", "today")

    def __init__(self, compiler: "_Compiler", ctx: _Ctx):
        self.compiler = compiler
        self.ctx = ctx
        self.today = compiler.today

    def name(self, path: Path, transform: Transform) -> str:
        return self.compiler.name(path, self.ctx, transform)

    def member_name(self, path: Path, transform: Transform, values: Tuple[Any, ...]
                    ) -> Tuple[str, Callable[[bool], Any]]:
        return self.compiler.member_name(path, self.ctx, transform, values)

    def literal(self, t: Test, value: Any) -> Any:
        return self.compiler.literal(t, value)

    def known(self, waivable: Optional[bool]) -> Tuple[str, ...]:
        c = self.compiler
        return c.known if waivable is None else c.known_by_waivable[waivable]

    def compare_field(self, t: Test, name: str, cmp_op: str, neg: bool) -> Any:
        return self.compiler.compare_field(t, name, cmp_op, self.ctx, neg)


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
            return [p for branch in items[k]["$or"] for p in _split(combine(True, rest + [branch]))]
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
