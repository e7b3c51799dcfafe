"""Validate loaded documents against the shipped JSON Schemas, with one positioned line per error."""
from __future__ import annotations

import functools
import json
import math
import re
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from ..dates import is_date
from ..errors import InputError, Problem
from ..i18n import Said, Text, said
from .fields import DeclaredFields, canonical, initiative_schema
from .loader import Document, join_path

# JSON Schema types with a name in the catalogue (validate.type.<type>).
_TYPES = ("string", "number", "integer", "boolean", "object", "array")
SEMVER_PATTERN_START = "^(0|[1-9]"   # the version pattern of pack.schema.json


@functools.lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A shipped schema by name: 'initiative', 'rulepack', 'profiles' or 'referencedata'."""
    from importlib import resources
    text = resources.files("idm.engine").joinpath("schemas/%s.schema.json" % name).read_text("utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=None)
def _validator(name: str) -> "jsonschema.protocols.Validator":
    import jsonschema    # slow to import and to build: only when a document may be invalid
    cls = jsonschema.Draft202012Validator
    return cls(schema(name), format_checker=cls.FORMAT_CHECKER)


@functools.lru_cache(maxsize=8)
def _declared_validator(fields: DeclaredFields) -> "jsonschema.protocols.Validator":
    """The initiative schema with the fields packs declare; their formats `uri` and `email`
    are checked as the fast check does (jsonschema leaves `uri` unchecked without a plug-in)."""
    import jsonschema
    cls = jsonschema.Draft202012Validator
    checker = jsonschema.FormatChecker(())
    checker.checkers = dict(cls.FORMAT_CHECKER.checkers)
    checker.checks("uri")(is_uri)
    checker.checks("email")(is_email)
    return cls(initiative_schema(fields), format_checker=checker)


def is_uri(v: Any) -> bool:
    """An absolute URI: a scheme, a colon and no white space (`format: uri`)."""
    return not isinstance(v, str) or _URI.match(v) is not None


def is_email(v: Any) -> bool:
    """NAME@DOMAIN.TLD without white space (`format: email`)."""
    return not isinstance(v, str) or _EMAIL.match(v) is not None


_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+\Z")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+\Z")


# A fast yes/no check, compiled once per schema from the keywords the shipped schemas use.  It
# is conservative: True only where jsonschema would report no error at all; anything it cannot
# vouch for (an unknown keyword, a number where a string is expected, NaN...) answers False, and
# the document then goes through jsonschema as before.  Valid documents -- nearly all of them in
# a portfolio -- never touch jsonschema (performance, issue 7).
_Check = Callable[[Any], bool]
_IGNORED = {"$schema", "$id", "$defs", "title", "description", "$comment", "examples", "default"}


class _Unsupported(Exception):
    pass


def _is_date(v: str) -> bool:
    return is_date(v)


_FORMAT_TESTS = {"date": "_is_date", "uri": "_is_uri", "email": "_is_email"}


def _scalars(allowed: List[Any]) -> Tuple[Tuple[str, Any], ...]:
    """An enum of numbers, booleans, texts and null as (kind, value) pairs, compared as JSON
    compares them: 1 equals 1.0, true is no number (jsonschema's own equality)."""
    out = []
    for a in allowed:
        if a is None:
            out.append(("null", None))
        elif isinstance(a, bool):
            out.append(("boolean", a))
        elif isinstance(a, (int, float)):
            out.append(("number", a))
        elif isinstance(a, str):
            out.append(("string", a))
        else:
            raise _Unsupported("enum of %s" % type(a).__name__)
    return tuple(out)


def _kind(v: Any) -> str:
    t = type(v)
    return "null" if v is None else "boolean" if t is bool else "string" if t is str else \
        "number" if t in (int, float) else "other"


def _in_scalars(v: Any, allowed: Tuple[Tuple[str, Any], ...]) -> bool:
    k = _kind(v)
    return any(k == kind and v == value for kind, value in allowed)


def _is_number(v: Any) -> bool:
    return (type(v) is int) or (type(v) is float and math.isfinite(v))


# Each type as a test of `t`, the value's exact type (True is not an int here, as in JSON).
_TYPE_TESTS = {
    "object": "t is dict", "array": "t is list", "string": "t is str",
    "number": "(t is int or (t is float and _isfinite(v)))",
    "integer": "(t is int or (t is float and _isfinite(v) and v.is_integer()))",
    "boolean": "t is bool", "null": "v is None",
}
_KNOWN = {"type", "properties", "additionalProperties", "required", "enum", "const", "anyOf",
          "$ref", "items", "pattern", "format", "minimum", "maximum", "minLength", "maxLength",
          "minItems", "maxItems", "propertyNames", "uniqueItems"}


def _unique_texts(v: list) -> bool:
    """Items all distinct texts (uniqueItems); False for anything else, which the full
    validator then decides (JSON equality of numbers and mappings is not Python's)."""
    return all(type(x) is str for x in v) and len(set(v)) == len(v)


class _Source:
    """The fast check as Python source: one function per schema node, each a run of `if`s.
    Generated, not nested closures: a lambda, `any` and a generator per keyword and value took
    0.33 ms per initiative, the generated code 0.05 ms (benchmarks/RESULTS.md, issue 15)."""

    def __init__(self, root: dict):
        self.root = root
        self.lines: List[str] = []
        self.consts: Dict[str, Any] = {"_isfinite": math.isfinite, "_is_date": _is_date,
                                       "_finite": _finite, "_is_uri": is_uri,
                                       "_is_email": is_email, "_in_scalars": _in_scalars}
        self.refs: Dict[str, str] = {}   # "#/$defs/x" -> its function's name
        self.made: Dict[Tuple[str, ...], str] = {}   # a function's body -> its name
        self.named: Dict[Any, str] = {}              # a constant's key -> its name

    def const(self, value: Any, key: Any = None) -> str:
        """A name for `value` in the generated code; one name per `key` when given."""
        name = self.named.get(key) if key is not None else None
        if name is None:
            name = "c%d" % len(self.consts)
            self.consts[name] = value
            if key is not None:
                self.named[key] = name
        return name

    def function(self, node: Any) -> str:
        """The name of a function that checks one value against `node`."""
        if node is True:
            return "_true"
        if not isinstance(node, dict):
            raise _Unsupported(repr(node))
        unknown = set(node) - _IGNORED - _KNOWN
        if unknown:
            raise _Unsupported(", ".join(sorted(unknown)))
        if set(node) - _IGNORED == {"$ref"}:
            return self.ref(node["$ref"])     # the referenced function itself, no extra call
        body = tuple(self.body(node))
        name = self.made.get(body)
        if name is None:   # nodes with the same checks share one function: less to compile
            name = self.made[body] = "f%d" % len(self.consts)
            self.consts[name] = None
            self.lines += ["def %s(v):" % name, "    t = type(v)"] + \
                ["    " + line for line in body] + ["    return True", ""]
        return name

    def ref(self, ref: str) -> str:
        if not ref.startswith("#/$defs/") or "/" in ref[8:]:
            raise _Unsupported(ref)
        if ref not in self.refs:
            self.refs[ref] = "r%d" % len(self.refs)        # bound below, once all are made
            self.consts[self.refs[ref]] = self.function(self.root["$defs"][ref[8:]])
        return self.refs[ref]

    def body(self, node: dict) -> List[str]:
        out: List[str] = []
        if "type" in node:
            t = node["type"]
            out.append("if not (%s): return False"
                       % " or ".join(_TYPE_TESTS[x] for x in (t if isinstance(t, list) else [t])))
        for key in ("enum", "const"):
            if key in node:
                allowed = node[key] if key == "enum" else [node[key]]
                if not all(a is None or isinstance(a, str) for a in allowed):
                    out.append("if not _in_scalars(v, %s): return False" % self.const(
                        _scalars(allowed), ("scalars", canonical(allowed))))
                    continue
                values = frozenset(a for a in allowed if a is not None)
                strings = self.const(values, ("set", values))
                none_ok = "v is None or " if None in allowed else ""
                out.append("if not (%s(t is str and v in %s)): return False" % (none_ok, strings))
        if "$ref" in node:
            out.append("if not %s(v): return False" % self.ref(node["$ref"]))
        if "anyOf" in node:
            branches = [self.function(b) for b in node["anyOf"]]
            out.append("if not (%s): return False" % " or ".join("%s(v)" % b for b in branches))
        if "pattern" in node:
            rx = self.const(re.compile(node["pattern"]).search, ("re", node["pattern"]))
            out.append("if t is str and %s(v) is None: return False" % rx)
        if "format" in node:
            test = _FORMAT_TESTS.get(node["format"])
            if test is None:
                raise _Unsupported("format " + node["format"])
            out.append("if t is str and not %s(v): return False" % test)
        for key, op in (("minimum", ">="), ("maximum", "<=")):
            if key in node:
                bound = node[key]
                if type(bound) not in (int, float):
                    raise _Unsupported(key)
                # jsonschema compares any int or float (not bool); NaN and infinities fail
                out.append("if (t is int or t is float) and not (_isfinite(v) and v %s %r): "
                           "return False" % (op, bound))
        for key, typ, op in (("minLength", "str", ">="), ("maxLength", "str", "<="),
                             ("minItems", "list", ">="), ("maxItems", "list", "<=")):
            if key in node:
                out.append("if t is %s and not len(v) %s %d: return False"
                           % (typ, op, int(node[key])))
        if "required" in node:
            for k in node["required"]:
                out.append("if t is dict and %r not in v: return False" % (k,))
        if "properties" in node or "additionalProperties" in node:
            props = self.const({k: self.function(sub) for k, sub in
                                (node.get("properties") or {}).items()})
            extra = node.get("additionalProperties", True)
            out += ["if t is dict:", "    for k, x in v.items():",
                    "        f = %s.get(k)" % props, "        if f is None:"]
            out.append("            return False" if extra is False else
                       "            if not %s(x): return False" % self.function(extra))
            out.append("        elif not f(x): return False")
        if node.get("uniqueItems") is True:
            out.append("if t is list and not _unique_texts(v): return False")
        elif node.get("uniqueItems") not in (None, False):
            raise _Unsupported("uniqueItems")
        if "propertyNames" in node:
            names = self.function(node["propertyNames"])
            out += ["if t is dict:", "    for k in v:",
                    "        if not %s(k): return False" % names]
        if "items" in node:
            each = self.function(node["items"])
            out += ["if t is list:", "    for x in v:", "        if not %s(x): return False" % each]
        if not out:
            out.append("if not _finite(v): return False")  # no constraint; NaN is still reported
        return out

    def make(self) -> _Check:
        top = self.function(self.root)
        namespace: Dict[str, Any] = dict(self.consts, _true=lambda v: True,
                                         _unique_texts=_unique_texts)
        exec(compile("\n".join(self.lines), "<idm fast schema check>", "exec"), namespace)

        def resolve(fname: str) -> _Check:
            f = namespace[fname]
            while isinstance(f, str):   # a reference to a definition that is a reference
                f = namespace[f]
            return f

        # References and property tables were filled with names: bind each to its function.
        for rname in self.refs.values():
            namespace[rname] = resolve(rname)
        for value in self.consts.values():
            if isinstance(value, dict):
                for k, f in value.items():
                    value[k] = resolve(f)
        return resolve(top)


def _finite(v: Any) -> bool:
    if type(v) is float:
        return math.isfinite(v)
    if type(v) is dict:
        return all(_finite(x) for x in v.values())
    if type(v) is list:
        return all(_finite(x) for x in v)
    return True


@functools.lru_cache(maxsize=None)
def _fast(name: str) -> Optional[_Check]:
    try:
        return _Source(schema(name)).make()
    except (_Unsupported, KeyError, re.error):
        return None


@functools.lru_cache(maxsize=8)
def _fast_declared(fields: DeclaredFields) -> Optional[_Check]:
    try:
        return _Source(initiative_schema(fields)).make()
    except (_Unsupported, KeyError, re.error):
        return None


def describe(value: Any) -> Text:
    """A value as a message shows it: a scalar as written, a mapping or list by its kind."""
    if value is None:
        return said("validate.value.null")
    if isinstance(value, bool):
        return "%s" % str(value).lower()
    if isinstance(value, dict):
        return said("validate.value.mapping")
    if isinstance(value, list):
        return said("validate.value.list")
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    return repr(value)


def _either(names: List[Text]) -> Text:
    """'a string or a number': the names joined with the catalogue's 'or'."""
    out = names[0]
    for name in names[1:]:
        out = said("validate.either", first=out, second=name)
    return out


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        out = join_path(out, p)
    return out


def _leaf(err: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For a nullable field (anyOf [schema, null]) report what the non-null branch says."""
    while err.validator == "anyOf" and err.context:
        branch = [e for e in err.context if e.schema != {"type": "null"}
                  and not (e.validator == "type" and e.validator_value == "null")]
        if not branch:
            break
        err = min(branch, key=lambda e: len(e.relative_path))
        if err.validator != "anyOf":
            break
    return err


def _message(err: jsonschema.ValidationError) -> Tuple[List[str], Said]:
    """(path suffix, message) in words a compliance officer reads."""
    v, inst = err.validator, err.instance
    if v == "additionalProperties":
        allowed = sorted((err.schema.get("properties") or {}).keys())
        extra = sorted(set(inst) - set(allowed)) if isinstance(inst, dict) else []
        key = extra[0] if extra else "?"
        import difflib
        hint = difflib.get_close_matches(key, allowed, n=1)
        if hint:
            return [key], said("validate.unknown_field_hint", key=repr(key), hint=repr(hint[0]))
        if allowed:
            return [key], said("validate.unknown_field_allowed", key=repr(key),
                               allowed=", ".join(allowed))
        return [key], said("validate.unknown_field", key=repr(key))
    if v == "required":
        missing = [k for k in err.validator_value if k not in inst]
        return [], said("validate.required", key=repr(missing[0] if missing else "?"))
    if v == "enum":
        allowed = [str(v) for v in err.validator_value if v is not None]
        return [], said("validate.enum", value=describe(inst), allowed=", ".join(allowed))
    if v == "const":
        return [], said("validate.const", want=repr(err.validator_value), value=describe(inst))
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        names: List[Text] = [said("validate.type." + t) if t in _TYPES else t
                             for t in want if t != "null"]
        return [], said("validate.type", want=_either(names), value=describe(inst))
    if v == "pattern":
        if "P(?!$)" in err.validator_value:
            if isinstance(inst, str) and "T" in inst:
                return [], said("validate.duration_time", value=describe(inst))
            return [], said("validate.duration", value=describe(inst))
        if err.validator_value.startswith(SEMVER_PATTERN_START):
            return [], said("validate.semver", value=describe(inst))
        if err.validator_value.startswith(r"^\d{4}"):
            return [], said("validate.date", value=describe(inst))
        return [], said("validate.pattern", value=describe(inst), pattern=err.validator_value)
    if v == "format":
        return [], said("validate.format", value=describe(inst), format=err.validator_value)
    if v in ("minimum", "maximum"):
        return [], said("validate." + v, limit=err.validator_value, value=describe(inst))
    if v == "minLength":
        return [], said("validate.min_length")
    if v == "maxLength":
        return [], said("validate.max_length", "limit", limit=err.validator_value)
    if v in ("minItems", "maxItems"):
        return [], said("validate." + ("min_items" if v == "minItems" else "max_items"), "limit",
                        limit=err.validator_value)
    return [], said("validate.other", message=err.message)


def _coerce_numbers_to_strings(data: Any, errors: List[jsonschema.ValidationError]) -> bool:
    """`id: 2026` is read as "2026" where the format expects a string (format spec)."""
    changed = False
    stack = list(errors)
    while stack:
        err = stack.pop()
        stack.extend(err.context or ())
        want = err.validator_value if err.validator == "type" else None
        want = want if isinstance(want, list) else [want]
        inst = err.instance
        if "string" in want and isinstance(inst, (int, float)) and not isinstance(inst, bool) \
                and math.isfinite(inst):
            parts = list(err.absolute_path)
            if not parts:
                continue
            target = data
            for p in parts[:-1]:
                target = target[p]
            target[parts[-1]] = str(inst)
            changed = True
    return changed


def _non_finite(data: Any, path: str = "") -> Optional[str]:
    if isinstance(data, float) and not math.isfinite(data):
        return path
    if isinstance(data, dict):
        for k, v in data.items():
            found = _non_finite(v, join_path(path, k))
            if found is not None:
                return found
    if isinstance(data, list):
        for i, v in enumerate(data):
            found = _non_finite(v, join_path(path, i))
            if found is not None:
                return found
    return None


def is_valid(data: Any, name: str, fields: Optional[DeclaredFields] = None) -> bool:
    """True only if the document certainly has no schema problem (fast; False means: look).
    `fields`: for an initiative, the fields the packs in scope declare."""
    fast = _fast_declared(fields) if fields and name == "initiative" else _fast(name)
    return fast is not None and fast(data)


def problems(doc: Document, name: str, fields: Optional[DeclaredFields] = None
             ) -> List[Problem]:
    """Every schema problem of a document, sorted by position; coerces numbers to strings first.
    `fields`: for an initiative, the fields the packs in scope declare (a declared field
    validates like a field of the format; an undeclared one stays an error)."""
    if is_valid(doc.data, name, fields):
        return []
    validator = _declared_validator(fields) if fields and name == "initiative" \
        else _validator(name)
    for _ in range(8):
        errors = list(validator.iter_errors(doc.data))
        if not _coerce_numbers_to_strings(doc.data, errors):
            break
    out = []
    bad = _non_finite(doc.data)
    if bad is not None:
        line, col = doc.position(bad)
        out.append(Problem.of(doc.file, said("validate.non_finite"), line, col, bad))
    seen = set()
    for err in errors:
        err = _leaf(err)
        suffix, msg = _message(err)
        path = _path(list(err.absolute_path) + suffix)
        if path in seen or (bad is not None and path == bad):
            continue
        seen.add(path)
        line, col = doc.position(path)
        out.append(Problem.of(doc.file, msg, line, col, path))
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0, p.path))


def check(doc: Document, name: str, fields: Optional[DeclaredFields] = None) -> None:
    """Raise InputError for the first problem (by position) of a document."""
    found = problems(doc, name, fields)
    if found:
        raise InputError(found[0])
