"""The rule language: parse YAML conditions into a small typed tree, checked against the
initiative schema (docs/rule-language.md).

Everything a rule can say is checked here, before anything is compiled: operators are a closed
set, field paths must exist in the initiative schema, tests must fit the field's type, regular
expressions must compile and be safe.  A problem is an InputError with the rule file's position.
Each field-test operator lives in its own module of engine.pack.operators (parsing, type checks,
compilation, explanation, documentation); this module parses everything around them.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

from .. import durations
from ..dates import is_date
from ..errors import InputError
from ..i18n import Text, said
from ..inputs.fields import NONE, DeclaredFields, initiative_schema
from ..inputs.validate import schema as _schema

MODIFIERS = ("path", "default", "normalised", "scale")
QUANTIFIERS = ("some", "every", "none")
MAX_DEPTH = 32
# Nested quantifiers such as (a+)+ or (a*)* backtrack exponentially on long input
# (docs/security.md): refuse them when the pack is loaded rather than bound their time.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")
# So does a repeated group of alternatives, such as (a|aa)*: refused too, even when the
# alternatives cannot overlap ((foo|bar)+); a character class ([ab]+) is fine.
_REPEATED_ALTERNATION = re.compile(r"\((?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,)")


# ---------------------------------------------------------------- schema types

@dataclass(frozen=True)
class FieldType:
    kind: str     # string | number | integer | boolean | object | array | date | duration | any
    enum: Tuple[str, ...] = ()
    item: Optional["FieldType"] = None
    props: Tuple[Tuple[str, "FieldType"], ...] = ()
    free_keys: Optional["FieldType"] = None   # mapping with free keys (maturity.current)

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "integer")

    def prop(self, name: str) -> Optional["FieldType"]:
        for k, t in self.props:
            if k == name:
                return t
        return self.free_keys

    def prop_names(self) -> List[str]:
        return [k for k, _ in self.props]


def _type_of(node: Mapping[str, Any], defs: Mapping[str, Any]) -> FieldType:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return FieldType("duration") if name == "duration" else _type_of(defs[name], defs)
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        return _type_of(branches[0], defs)
    if "const" in node:
        return FieldType("string", enum=(node["const"],))
    t = node.get("type", "any")
    if isinstance(t, list):
        real = [x for x in t if x != "null"]
        t = real[0] if len(real) == 1 else ("measure" if set(real) == {"number", "string"} else "any")
    if t == "string" and node.get("format") == "date":
        return FieldType("date")
    if t == "string" and node.get("pattern") == durations.SCHEMA_PATTERN:
        return FieldType("duration")
    if t == "string":
        return FieldType("string", enum=tuple(v for v in node.get("enum", ()) if v is not None))
    if t == "array":
        return FieldType("array", item=_type_of(node.get("items", {}), defs))
    if t == "object":
        props = tuple((k, _type_of(v, defs)) for k, v in node.get("properties", {}).items())
        extra = node.get("additionalProperties")
        free = _type_of(extra, defs) if isinstance(extra, dict) else None
        return FieldType("object", props=props, free_keys=free)
    return FieldType(t)


_ROOT: Optional[FieldType] = None
UNKNOWN = FieldType("unknown")   # the item of a predicate checked on its own


def initiative_type(fields: DeclaredFields = NONE) -> FieldType:
    """The type of an initiative: the format's, with the fields the packs in scope declare."""
    global _ROOT  # a cache of an immutable value read from the packaged schema
    if fields:
        return _declared_type(fields)
    if _ROOT is None:
        s = _schema("initiative")
        _ROOT = _type_of(s, s.get("$defs", {}))
    return _ROOT


@functools.lru_cache(maxsize=8)
def _declared_type(fields: DeclaredFields) -> FieldType:
    s = initiative_schema(fields)
    return _type_of(s, s.get("$defs", {}))


@functools.lru_cache(maxsize=None)
def decision_type() -> FieldType:
    """What a rule with `subject: decision` reads: the decision facts (docs/decisions.md)."""
    s = _schema("decision-facts")
    return _type_of(s, s.get("$defs", {}))


# ---------------------------------------------------------------- the tree

@dataclass(frozen=True)
class Path:
    """A field path: from the document (var None) or from a bound variable."""

    var: Optional[str]
    parts: Tuple[str, ...]          # a part may be a template "{item.key}"
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Ref:
    """The right-hand side of a field comparison: another field, optionally multiplied."""

    path: Path
    ftype: FieldType
    times: Optional[float] = None


@dataclass(frozen=True)
class Test:
    path: Path
    ftype: FieldType
    op: str
    arg: Any = None                 # literal, list, Ref, compiled pattern text, (sub-op, n)
    default: Any = None
    normalised: bool = False
    scale: Optional[str] = None
    # The parameters `{param: NAME}` the argument was written with: (name as written, value),
    # for `idm explain`; the argument holds their values (docs/rule-language.md, "Parameters").
    params: Tuple[Tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class All:
    items: Tuple["Node", ...]


@dataclass(frozen=True)
class AnyOf:
    items: Tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    item: "Node"


@dataclass(frozen=True)
class Quant:
    kind: str                       # some | every | none
    path: Path
    ftype: FieldType                # the list's item type
    var: str
    where: "Node"


@dataclass(frozen=True)
class Uncovered:
    domain: str


Node = Union[Test, All, AnyOf, Not, Quant, Uncovered]


Where = Callable[[str], Tuple[Optional[int], Optional[int]]]


@dataclass
class Definitions:
    """What a rule can refer to by name: patterns, scales, predicates (raw), and rule params.

    Patterns and predicates are keyed by their visible name: unqualified for the built-in ones and
    the default pack's, `PACK.NAME` for those of another pack (docs/rule-language.md, "Pack
    namespaces").  `predicate_where` gives the defining file, its positions and its pack.
    """

    patterns: Dict[str, str] = field(default_factory=dict)
    scales: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    predicates: Dict[str, Any] = field(default_factory=dict)
    predicate_where: Dict[str, Tuple[str, Where, str]] = field(default_factory=dict)
    domains: Tuple[str, ...] = ()
    data: Dict[str, Any] = field(default_factory=dict)    # name -> refdata.DataSet
    bases: Dict[str, Tuple[str, ...]] = field(default_factory=dict)   # pack -> packs it extends
    params: Dict[str, Any] = field(default_factory=dict)  # PACK.NAME -> params.Param in force
    fields: DeclaredFields = NONE     # the fields the run's packs add to the initiative format

    def root(self) -> FieldType:
        """The initiative's type, declared fields included: what a path starts from."""
        return initiative_type(self.fields)

    @staticmethod
    def key(pack: str, name: str) -> str:
        return "%s.%s" % (pack, name) if pack else name

    def lookup(self, table: Mapping[str, Any], name: Any, pack: str) -> Optional[str]:
        """The key of `name` as seen from `pack`: its own first, then the default pack's, then a
        name qualified by another pack."""
        if not isinstance(name, str):
            return None
        if pack and self.key(pack, name) in table:
            return self.key(pack, name)
        for base in self.bases.get(pack, ()):   # then the packs it extends (packs.md §4)
            if self.key(base, name) in table:
                return self.key(base, name)
        return name if name in table else None

    def hint(self, table: Mapping[str, Any], name: Any, pack: str) -> Optional[str]:
        """The name a rule of `pack` probably meant: another pack's of the same name (to be
        qualified), else the closest visible one."""
        qualified = sorted(k for k in table if isinstance(name, str) and k.endswith("." + name))
        if qualified:
            return qualified[0]
        close = difflib.get_close_matches(str(name), self.visible(table, pack), n=1)
        return close[0] if close else None

    def visible(self, table: Mapping[str, Any], pack: str) -> List[str]:
        """Names as a rule of `pack` writes them (for "did you mean")."""
        own = pack + "."
        return sorted(k[len(own):] if pack and k.startswith(own) else k for k in table)


@dataclass
class Scope:
    """Variables bound where a condition is parsed: name -> (path of the list, item type)."""

    vars: Dict[str, Tuple[str, FieldType]] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    in_quantifier: Optional[str] = None


@dataclass(frozen=True)
class FieldTest:
    """A field test being parsed, as its operator's `parse` gets it (engine.pack.operators):
    the key and its argument, the field and its type, and the test's modifiers."""

    parser: "Parser"
    key: str                        # the operator's YAML key
    arg: Any
    path: Path
    ftype: FieldType
    ypath: str                      # the YAML path of the key
    scope: Scope
    default: Any = None
    normalised: bool = False
    scale: Optional[str] = None
    where: Any = None               # `where:` beside `on_list:` (an attribute test), as written

    def fail(self, message: Text) -> InputError:
        return self.parser.fail(self.ypath, message)


class Parser:
    """Parses one rule's condition.  `where(path)` gives the file position of a YAML path."""

    def __init__(self, defs: Definitions, file: str,
                 where: Callable[[str], Tuple[Optional[int], Optional[int]]], pack: str = "",
                 collect: Optional[List[Any]] = None, root: Optional[FieldType] = None):
        self.defs = defs
        self.root = root            # the type paths start from (None: the initiative)
        self.file = file
        self.where = where
        self.pack = pack            # the namespace of the file ("" for the default pack)
        self._expanding: List[str] = []
        # With a list: every error of a condition's items goes there and parsing goes on with
        # the next item (`idm rules lint` shows all at once); the first is still raised.
        self.collected = collect

    def fail(self, ypath: str, message: Text) -> InputError:
        line, col = self.where(ypath)
        return InputError.at(self.file, message, line, col, ypath)

    # -- paths
    def list_path(self, text: Any, ypath: str) -> Tuple[Path, FieldType, bool]:
        """A for_each list: (path, its type, whether it lies inside the items of another list,
        such as operations.procurements.deviations: one fact per item of every inner list)."""
        return self.path(text, ypath, Scope(), through_lists=True)  # type: ignore[return-value]

    def path(self, text: Any, ypath: str, scope: Scope, through_lists: bool = False
             ) -> Tuple[Path, FieldType]:
        if not isinstance(text, str) or not text.strip():
            raise self.fail(ypath, said("rulelang.path_not_text", found=repr(text)))
        parts = _split_path(text)
        if parts is None:
            raise self.fail(ypath, said("rulelang.not_a_path", text=repr(text)))
        var = parts[0] if parts[0] in scope.vars else None
        if var is not None:
            _, ftype = scope.vars[var]
            rest = parts[1:]
        else:
            ftype, rest = self.root or self.defs.root(), parts
        walked = var or ""
        nested = False
        for part in rest:
            if ftype.kind == "unknown":     # a predicate checked on its own: item's type unknown
                break
            if part.startswith("{"):
                inner = part[1:-1]
                ip = _split_path(inner)
                if not ip or ip[0] not in scope.vars:
                    raise self.fail(ypath, said("rulelang.template_unbound", part=repr(part),
                                                text=repr(text), example="{item.key}"))
                if ftype.free_keys is None:
                    raise self.fail(ypath, said("rulelang.not_indexable", text=repr(text),
                                                part=part))
                ftype = ftype.free_keys
                walked += "." + part
                continue
            if ftype.kind == "array" and through_lists and ftype.item is not None:
                ftype, nested = ftype.item, True
            if ftype.kind == "array":
                raise self.fail(ypath, said("rulelang.path_through_list", text=repr(text),
                                            walked=walked or said("rulelang.the_document")))
            nxt = ftype.prop(part) if ftype.kind == "object" else None
            if var is not None and scope.vars[var][0].startswith("{entries}") and \
                    part in ("key", "value") and walked == var:
                nxt = FieldType("string") if part == "key" else scope.vars[var][1]
            if nxt is None:
                where = (walked + ".") if walked else ""
                names = ftype.prop_names() if ftype.kind == "object" else []
                hint = difflib.get_close_matches(part, names, n=1)
                raise self.fail(ypath, said("rulelang.unknown_field", part=repr(part),
                                            text=repr(text),
                                            hint=did_you_mean(where + hint[0] if hint else None)))
            ftype = nxt
            walked = (walked + "." + part) if walked else part
        if var is not None and scope.vars[var][0].startswith("{entries}") and not rest:
            ftype = scope.vars[var][1]
        out = Path(var, tuple(parts[1:] if var else parts), text)
        if through_lists:
            return out, ftype, nested       # type: ignore[return-value]
        return out, ftype

    # -- conditions
    def condition(self, raw: Any, ypath: str, scope: Scope, depth: int = 0) -> Node:
        if depth > MAX_DEPTH:
            raise self.fail(ypath, said("rulelang.too_deep", depth=MAX_DEPTH))
        if not isinstance(raw, dict) or not raw:
            raise self.fail(ypath, said("rulelang.not_a_mapping",
                                        example="{path: design.privacy.purpose, missing: true}"))
        keys = set(raw)
        if "path" in keys:
            return self.test(raw, ypath, scope)
        if "data" in keys:          # a named-item test of reference data
            return _refconditions.parse_named_item(self, raw, ypath, scope)
        if len(keys) != 1:
            raise self.fail(ypath, said("rulelang.one_key", keys=", ".join(sorted(keys))))
        (key, value), = raw.items()
        sub = "%s.%s" % (ypath, key)
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise self.fail(sub, said("rulelang.needs_conditions", key=key))
            items = self.items(value, sub, scope, depth)
            return All(items) if key == "all" else AnyOf(items)
        if key == "not":
            return Not(self.condition(value, sub, scope, depth + 1))
        if key == "predicate":
            return self.predicate(value, sub, scope, depth)
        if key in QUANTIFIERS:
            return self.quantifier(key, value, sub, scope, depth)
        if key == "uncovered":
            if value not in self.defs.domains:
                raise self.fail(sub, said("rulelang.not_a_domain", value=repr(value),
                                            domains=", ".join(self.defs.domains)
                                            or said("rulelang.none_loaded")))
            return Uncovered(value)
        hint = difflib.get_close_matches(key, ["all", "any", "not", "predicate", "uncovered",
                                               *QUANTIFIERS, *_operators.KEYWORDS], n=1)
        raise self.fail(sub, said("rulelang.unknown_operator", op=repr(key),
                                    hint=did_you_mean(hint[0] if hint else None)))

    def items(self, value: List[Any], ypath: str, scope: Scope, depth: int) -> Tuple[Node, ...]:
        """The conditions of an all/any; collecting, an item's error does not stop the next."""
        items, failed = [], []
        for i, v in enumerate(value):
            try:
                items.append(self.condition(v, "%s[%d]" % (ypath, i), scope, depth + 1))
            except InputError as e:
                self.note(e)
                failed.append(e)
        if failed:
            raise failed[0]
        return tuple(items)

    def note(self, error: InputError) -> None:
        """Keep `error` among the collected ones; re-raise it when not collecting."""
        if self.collected is None:
            raise error
        if error.problem not in self.collected:
            self.collected.append(error.problem)

    def predicate(self, name: Any, ypath: str, scope: Scope, depth: int) -> Node:
        key = self.defs.lookup(self.defs.predicates, name, self.pack)
        if key is None:
            hint = self.defs.hint(self.defs.predicates, name, self.pack)
            raise self.fail(ypath, said("rulelang.unknown_predicate", name=repr(name),
                                        hint=did_you_mean(hint)))
        if key in self._expanding:
            raise self.fail(ypath, said("rulelang.predicate_cycle", name=repr(name),
                                        chain=" -> ".join(self._expanding + [key])))
        self._expanding.append(key)
        try:
            file, where, pack = self.defs.predicate_where[key]
            inner = Parser(self.defs, file, where, pack, self.collected)
            inner._expanding = self._expanding
            short = key[len(pack) + 1:] if pack else key
            return inner.condition(self.defs.predicates[key], "predicates.%s" % short, scope,
                                   depth + 1)
        finally:
            self._expanding.pop()

    def quantifier(self, kind: str, value: Any, ypath: str, scope: Scope, depth: int) -> Node:
        if not isinstance(value, dict) or "in" not in value or "where" not in value:
            raise self.fail(ypath, said("rulelang.quantifier_form", kind=kind,
                                        form="{in: LIST, where: CONDITION}"))
        extra = set(value) - {"in", "where", "as"}
        if extra:
            raise self.fail(ypath, said("rulelang.quantifier_keys", kind=kind,
                                        keys=", ".join(sorted(extra))))
        if scope.in_quantifier is not None:
            outer_var = scope.in_quantifier
        else:
            outer_var = None
        path, ftype = self.path(value["in"], ypath + ".in", scope)
        if ftype.kind == "unknown":
            ftype = FieldType("array", item=UNKNOWN)
        if ftype.kind != "array":
            raise self.fail(ypath + ".in", said("rulelang.quantifier_list", kind=kind,
                                                path=str(path), type=kind_words(ftype)))
        var = value.get("as", "item")
        if not isinstance(var, str) or not re.fullmatch(r"[a-z_][a-z0-9_]*", var):
            raise self.fail(ypath + ".as", said("rulelang.as_name"))
        if var in self.defs.root().prop_names():
            raise self.fail(ypath + ".as", said("rulelang.as_hides", var=repr(var)))
        if outer_var is not None and path.var != outer_var:
            # Nested quantifiers run inside durable_rules' $iany/$iall on the outer item.
            raise self.fail(ypath + ".in", said("rulelang.nested_quantifier", var=outer_var,
                                                path=str(path)))
        inner = Scope(dict(scope.vars), scope.params, in_quantifier=var)
        inner.vars[var] = (str(path), ftype.item or FieldType("any"))
        where = self.condition(value["where"], ypath + ".where", inner, depth + 1)
        return Quant(kind, path, ftype.item or FieldType("any"), var, where)

    def test(self, raw: Dict[str, Any], ypath: str, scope: Scope) -> Test:
        # `where:` beside `on_list:` tests an attribute of the item (operators.on_list)
        ops = [k for k in raw if k not in MODIFIERS and (k != "where" or "on_list" not in raw)]
        keywords = _operators.KEYWORDS
        unknown = [k for k in ops if k not in keywords]
        if unknown:
            hint = difflib.get_close_matches(unknown[0], keywords + MODIFIERS, n=1)
            raise self.fail("%s.%s" % (ypath, unknown[0]), said(
                "rulelang.unknown_operator", op=repr(unknown[0]),
                hint=did_you_mean(hint[0] if hint else None)))
        if len(ops) != 1:
            raise self.fail(ypath, said("rulelang.one_test", tests=", ".join(keywords),
                                        found=", ".join(ops) or said("rulelang.none")))
        op = ops[0]
        opath = "%s.%s" % (ypath, op)
        path, ftype = self.path(raw["path"], ypath + ".path", scope)
        if scope.in_quantifier is not None and path.var != scope.in_quantifier:
            raise self.fail(ypath + ".path", said("rulelang.test_outside",
                                                  var=scope.in_quantifier, path=str(path)))
        used: List[Tuple[str, Any]] = []
        arg = self.resolve_params(raw[op], opath, scope, used)
        if ftype.kind == "unknown":
            return self._unknown_test(path, ftype, op, arg, opath, scope)
        normalised = raw.get("normalised", False)
        if not isinstance(normalised, bool):
            raise self.fail(ypath + ".normalised", said("rulelang.normalised"))
        scale = raw.get("scale")
        if scale is not None and scale not in self.defs.scales:
            raise self.fail(ypath + ".scale", said("rulelang.unknown_scale", scale=repr(scale),
                                                   defined=", ".join(self.defs.scales)
                                                   or said("rulelang.none")))
        default = self.resolve_params(raw.get("default"), ypath + ".default", scope, used)
        if default is not None:
            self.literal_fits(default, ftype, path, ypath + ".default", scale)
        if op in _operators.SINGLE_VALUE_KEYWORDS and ftype.kind in ("array", "object") and \
                scale is None:
            if ftype.kind == "array":
                raise self.fail(opath, said("rulelang.one_value_list", op=op, path=str(path),
                                            example="{in: %s, where: {path: item, %s: ...}}"
                                            % (path, op)))
            raise self.fail(opath, said("rulelang.one_value_mapping", op=op, path=str(path),
                                        fields=", ".join("%s.%s" % (path, n) for n in
                                                         ftype.prop_names()[:4]) or "?"))
        test = _operators.BY_KEYWORD[op].parse(FieldTest(self, op, arg, path, ftype, opath, scope,
                                                         default, normalised, scale,
                                                         raw.get("where")))
        return dataclasses.replace(test, params=tuple(used)) if used else test

    def resolve_params(self, value: Any, ypath: str, scope: Scope,
                       used: List[Tuple[str, Any]]) -> Any:
        """`value` with every `{param: NAME}` in it replaced by the parameter's value in force
        (a comparison with a field, {path: ...}, resolves its own `times`)."""
        if isinstance(value, dict) and set(value) == {"param"}:
            name = value["param"]
            found = self.param_value(name, ypath + ".param", scope)
            used.append((str(name), tuple(found) if isinstance(found, list) else found))
            return found
        if isinstance(value, dict) and "path" not in value:
            return {k: self.resolve_params(v, "%s.%s" % (ypath, k), scope, used)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve_params(v, "%s[%d]" % (ypath, i), scope, used)
                    for i, v in enumerate(value)]
        return value

    def param_value(self, name: Any, ypath: str, scope: Scope) -> Any:
        """The value of parameter `name` as a rule of this pack sees it: the rule's own `params:`
        first, then its pack's (and the packs it extends), then `PACK.NAME` of another pack."""
        if isinstance(name, str) and name in scope.params:
            return scope.params[name]
        key = self.defs.lookup(self.defs.params, name, self.pack)
        if key is None:
            names = sorted(scope.params) + self.defs.visible(self.defs.params, self.pack)
            hint = self.defs.hint(self.defs.params, name, self.pack) or next(
                iter(difflib.get_close_matches(str(name), names, n=1)), None)
            raise self.fail(ypath, said("rulelang.unknown_param", name=repr(name),
                                        hint=did_you_mean(hint),
                                        defined=", ".join(names) or said("rulelang.none")))
        param = self.defs.params[key]
        if param.value is None:
            raise self.fail(ypath, said("rulelang.param_unset", key=key))
        return param.value

    def _unknown_test(self, path: Path, ftype: FieldType, op: str, arg: Any, ypath: str,
                      scope: Scope) -> Test:
        """A test of a field whose type is not known (a predicate checked without a rule that
        binds its item): only what does not depend on the type is checked."""
        check = _operators.BY_KEYWORD[op].parse_untyped
        if check is not None:
            check(FieldTest(self, op, arg, path, ftype, ypath, scope))
        elif isinstance(arg, dict) and "path" in arg:
            self.ref(arg, ypath, scope)
        return Test(path, ftype, op, arg)

    def ref(self, raw: Dict[str, Any], ypath: str, scope: Scope) -> Ref:
        extra = set(raw) - {"path", "times"}
        if "path" not in raw or extra:
            raise self.fail(ypath, said("rulelang.ref_form", form="{path: FIELD}",
                                        param="{param: NAME}"))
        outer = Scope(scope.vars, scope.params)   # a reference may leave the quantifier
        path, ftype = self.path(raw["path"], ypath + ".path", outer)
        if scope.in_quantifier is not None and path.var == scope.in_quantifier:
            raise self.fail(ypath + ".path", said("rulelang.ref_self"))
        times = raw.get("times")
        if isinstance(times, dict):
            name = times.get("param")
            if set(times) != {"param"} or (name not in scope.params and self.defs.lookup(
                    self.defs.params, name, self.pack) is None):
                raise self.fail(ypath + ".times", said("rulelang.times_param", form="{param: NAME}",
                                                       defined=", ".join(
                    list(scope.params) + self.defs.visible(self.defs.params, self.pack))
                    or said("rulelang.none")))
            times = self.param_value(name, ypath + ".times", scope)
        if times is not None and (isinstance(times, bool) or not isinstance(times, (int, float))):
            raise self.fail(ypath + ".times", said("rulelang.times_number"))
        return Ref(path, ftype, times)

    def regex(self, text: Any, ypath: str) -> str:
        if not isinstance(text, str) or not text:
            raise self.fail(ypath, said("rulelang.regex_empty"))
        control = [c for c in text if unicodedata.category(c) == "Cc"]
        if control:
            raise self.fail(ypath, said("rulelang.regex_control", text=repr(text),
                                        char=repr(control[0])))
        try:
            re.compile(text)
        except re.error as e:
            raise self.fail(ypath, said("rulelang.regex_invalid", text=repr(text), error=str(e)))
        if _NESTED_QUANTIFIER.search(text):
            raise self.fail(ypath, said("rulelang.regex_nested", text=repr(text)))
        if _REPEATED_ALTERNATION.search(text):
            raise self.fail(ypath, said("rulelang.regex_alternation", text=repr(text)))
        return text

    def need_text(self, ftype: FieldType, path: Path, ypath: str, what: str) -> None:
        if ftype.kind not in ("string", "measure", "any"):
            raise self.fail(ypath, said("rulelang.needs_text", what=what, path=str(path),
                                        type=kind_words(ftype)))

    def literal_fits(self, value: Any, ftype: FieldType, path: Path, ypath: str,
                     scale: Optional[str] = None, normalised: bool = False) -> None:
        if scale is not None:
            if value not in self.defs.scales[scale]:
                raise self.fail(ypath, said("rulelang.not_a_level", value=repr(value), scale=scale,
                                            levels=", ".join(self.defs.scales[scale])))
            return
        kind = ftype.kind
        ok = {
            "boolean": lambda v: isinstance(v, bool),
            "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "string": lambda v: isinstance(v, str),
            "date": lambda v: date_literal(v) is not None,
            "duration": lambda v: durations.parse(v) is not None,
            "measure": lambda v: isinstance(v, (str, int, float)) and not isinstance(v, bool),
        }.get(kind, lambda v: not isinstance(v, (list, dict)))
        if not ok(value):
            if kind == "duration":
                raise self.fail(ypath, said("rulelang.duration", path=str(path),
                                            problem=durations.describe_problem(value)))
            raise self.fail(ypath, said("rulelang.does_not_fit", value=repr(value),
                                        path=str(path), type=kind_words(ftype)))
        if ftype.enum and not normalised and value not in ftype.enum:
            raise self.fail(ypath, said("rulelang.not_in_enum", value=repr(value), path=str(path),
                                        values=", ".join(ftype.enum)))


_KINDS = ("string", "number", "integer", "boolean", "object", "array", "date", "duration",
          "measure")


def kind_words(t: FieldType) -> Text:
    """A field's kind in words, for messages (a catalogue word: "text", "a number", ...)."""
    return said("kind." + t.kind) if t.kind in _KINDS else t.kind


def did_you_mean(hint: Optional[str]) -> Text:
    """" (did you mean 'NAME'?)" after a name that is not known, or nothing without a hint."""
    return said("rulelang.did_you_mean", name=repr(hint)) if hint else ""


def date_literal(value: Any) -> Optional[str]:
    """A date literal of a rule as YYYY-MM-DD, or None if it is none."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if is_date(value):
        return value
    return None


_PART = re.compile(r"\{[a-z_][a-z0-9_]*\.[a-z_]+\}|[A-Za-z_][A-Za-z0-9_-]*")


def _split_path(text: str) -> Optional[List[str]]:
    parts = []
    pos = 0
    while pos < len(text):
        m = _PART.match(text, pos)
        if not m:
            return None
        parts.append(m.group(0))
        pos = m.end()
        if pos < len(text):
            if text[pos] != ".":
                return None
            pos += 1
            if pos == len(text):
                return None
    return parts or None


def walk(node: Node):
    """Every node of a condition tree, depth first."""
    yield node
    if isinstance(node, (All, AnyOf)):
        for item in node.items:
            yield from walk(item)
    elif isinstance(node, Not):
        yield from walk(node.item)
    elif isinstance(node, Quant):
        yield from walk(node.where)


# The operators import this module's tree and parser; they are looked up when a test is parsed.
from . import operators as _operators  # noqa: E402
from . import refconditions as _refconditions  # noqa: E402  (reference data conditions)
