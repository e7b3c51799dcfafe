"""Validate loaded documents against the shipped JSON Schemas, with one positioned line per error."""
from __future__ import annotations

import difflib
import functools
import json
import math
from importlib import resources
from typing import Any, Iterable, List, Optional

import jsonschema

from .errors import InputError, Problem
from .loader import Document, join_path

_TYPE_NAMES = {"string": "a string", "number": "a number", "integer": "a whole number",
               "boolean": "true or false", "object": "a mapping", "array": "a list",
               "null": "nothing (null)"}


@functools.lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A shipped schema by name: 'initiative', 'rulepack' or 'profiles'."""
    text = resources.files("engine").joinpath("schemas/%s.schema.json" % name).read_text("utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.protocols.Validator:
    cls = jsonschema.Draft202012Validator
    return cls(schema(name), format_checker=cls.FORMAT_CHECKER)


def describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "%s" % str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    return repr(value)


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


def _message(err: jsonschema.ValidationError) -> tuple:
    """(path suffix, message) in words a compliance officer reads."""
    v, inst = err.validator, err.instance
    if v == "additionalProperties":
        allowed = sorted((err.schema.get("properties") or {}).keys())
        extra = sorted(set(inst) - set(allowed)) if isinstance(inst, dict) else []
        key = extra[0] if extra else "?"
        hint = difflib.get_close_matches(key, allowed, n=1)
        msg = "unknown field %r" % key
        if hint:
            msg += " (did you mean %r?)" % hint[0]
        elif allowed:
            msg += "; allowed here: %s" % ", ".join(allowed)
        return [key], msg
    if v == "required":
        missing = [k for k in err.validator_value if k not in inst]
        return [], "required field %r is missing" % (missing[0] if missing else "?")
    if v == "enum":
        allowed = [str(v) for v in err.validator_value if v is not None]
        return [], "%s is not one of %s" % (describe(inst), ", ".join(allowed))
    if v == "const":
        return [], "must be %r, found %s" % (err.validator_value, describe(inst))
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        names = [_TYPE_NAMES.get(t, t) for t in want if t != "null"]
        return [], "expected %s, found %s" % (" or ".join(names), describe(inst))
    if v == "pattern":
        if "P(?!$)" in err.validator_value:
            return [], "%s is not an ISO 8601 duration such as P7Y or P6M" % describe(inst)
        if err.validator_value.startswith(r"^\d{4}"):
            return [], "%s is not a date (YYYY-MM-DD)" % describe(inst)
        return [], "%s does not match the pattern %s" % (describe(inst), err.validator_value)
    if v == "format":
        return [], "%s is not a valid %s" % (describe(inst), err.validator_value)
    if v in ("minimum", "maximum"):
        word = "at least" if v == "minimum" else "at most"
        return [], "must be %s %s, found %s" % (word, err.validator_value, describe(inst))
    if v == "minLength":
        return [], "must not be empty"
    if v == "maxLength":
        return [], "is longer than %d characters" % err.validator_value
    if v in ("minItems", "maxItems"):
        return [], "must have %s %d items" % ("at least" if v == "minItems" else "at most",
                                              err.validator_value)
    return [], err.message


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


def problems(doc: Document, name: str) -> List[Problem]:
    """Every schema problem of a document, sorted by position; coerces numbers to strings first."""
    validator = _validator(name)
    for _ in range(8):
        errors = list(validator.iter_errors(doc.data))
        if not _coerce_numbers_to_strings(doc.data, errors):
            break
    out = []
    bad = _non_finite(doc.data)
    if bad is not None:
        line, col = doc.position(bad)
        out.append(Problem(doc.file, "NaN and infinities are not allowed", line, col, bad))
    seen = set()
    for err in errors:
        err = _leaf(err)
        suffix, msg = _message(err)
        path = _path(list(err.absolute_path) + suffix)
        if path in seen or (bad is not None and path == bad):
            continue
        seen.add(path)
        line, col = doc.position(path)
        out.append(Problem(doc.file, msg, line, col, path))
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0, p.path))


def check(doc: Document, name: str) -> None:
    """Raise InputError for the first problem (by position) of a document."""
    found = problems(doc, name)
    if found:
        raise InputError(found[0])
