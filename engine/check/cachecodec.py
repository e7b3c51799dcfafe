"""The safe on-disk form of cached check results: JSON with tagged values, and a stable
fingerprint of whatever a run's outcome depends on (docs/cache.md).

A cache entry is read from a folder anyone with write access to the project could change, so it
is never unpickled: decoding builds only the classes named in `_CLASSES` (plain data classes of
the engine), and anything else in an entry makes it unusable, never executed.

Encoding: JSON null, booleans, numbers, strings and lists stand for themselves; a JSON object
without the key "!" is a dict with text keys; every other value is an object {"!": tag, ...}:
"t" a tuple, "f" a frozenset, "m" a dict as [key, value] pairs (keys that are not text, or a
key "!"), "e" an enum member, "o" an instance of a known class with its fields.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from typing import Any, Dict, List, Tuple, Type

from ..errors import Problem
from ..i18n import Said
from ..model import (Cut, Day, DomainCoverage, Finding, InitiativeResult, Message, NotGiven,
                     Number, Others, Severity, Waiver)
from .portfolio import PendingSide


class Unusable(ValueError):
    """An entry that is not what this version of idm writes: ignored, then rewritten."""


_CLASSES: Dict[str, Type[Any]] = {c.__name__: c for c in (
    InitiativeResult, Finding, Waiver, DomainCoverage, Others, Number, Day, NotGiven, Cut, Said,
    Problem, PendingSide, Message)}
_ENUMS: Dict[str, Type[enum.Enum]] = {"Severity": Severity}
# The fields of each class, in the order of its constructor: an object is stored as a list of
# its field values and built by calling the class with them (none of these classes does more
# in its constructor than keep its values).
_FIELDS: Dict[str, Tuple[str, ...]] = {
    name: ("template", "values") if cls is Message else
    tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _CLASSES.items()}
_TAG = "!"


def encode(value: Any) -> Any:
    """`value` as JSON-ready data; Unusable for a value of a type the decoder would not build
    (the file is then not cached).  By exact type: a subclass is not what the decoder builds."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    how = _ENCODE.get(kind)
    if how is None:
        raise Unusable(kind.__name__)
    return how(value)


def _encode_dict(value: Dict[Any, Any]) -> Any:
    if _TAG not in value and all(type(k) is str for k in value):
        return {k: encode(v) for k, v in value.items()}
    return {_TAG: "m", "v": [[encode(k), encode(v)] for k, v in value.items()]}


def _object_encoder(name: str) -> Any:
    fields = _FIELDS[name]
    return lambda value: {_TAG: "o", "c": name, "v": [encode(getattr(value, k)) for k in fields]}


_PLAIN = frozenset([type(None), str, bool, int, float])
_ENCODE: Dict[type, Any] = {
    list: lambda value: [encode(v) for v in value],
    tuple: lambda value: {_TAG: "t", "v": [encode(v) for v in value]},
    frozenset: lambda value: {_TAG: "f", "v": [encode(v) for v in value]},
    dict: _encode_dict,
}
_ENCODE.update({cls: (lambda name: lambda value: {_TAG: "e", "c": name, "v": value.name})(name)
                for name, cls in _ENUMS.items()})
_ENCODE.update({cls: _object_encoder(name) for name, cls in _CLASSES.items()})


def _hook(obj: Dict[str, Any]) -> Any:
    tag = obj.get(_TAG)
    if tag is None:
        return obj
    try:
        v = obj["v"]
        if tag == "t":
            return tuple(v)
        if tag == "f":
            return frozenset(v)
        if tag == "m":
            return {(tuple(k) if isinstance(k, list) else k): x for k, x in v}
        if tag == "e":
            return _ENUMS[obj["c"]][v]
        if tag == "o":
            return _build(_CLASSES[obj["c"]], v)
    except (KeyError, TypeError, ValueError) as e:
        raise Unusable(str(e))
    raise Unusable("tag %r" % tag)


def _build(cls: Type[Any], values: List[Any]) -> Any:
    """An instance of a known class from exactly its field values."""
    if not isinstance(values, list) or len(values) != len(_FIELDS[cls.__name__]):
        raise Unusable(cls.__name__)
    return cls(*values)


def dumps(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"),
                      allow_nan=True)


def loads(text: str) -> Any:
    try:
        return json.loads(text, object_hook=_hook)
    except (ValueError, RecursionError) as e:   # JSONDecodeError and Unusable are ValueErrors
        raise Unusable(str(e))


# ---- fingerprints: a stable digest of the in-memory state a run's outcome depends on ----

def fingerprint(*values: Any) -> str:
    """A digest of `values` that is the same in every process and run for equal state.

    Fast: the bytes pickle makes of the values (only digested here, never written or read
    back), sets in sorted order so that the process's string hashing does not show.  What
    pickle cannot take is walked instead: objects by class and attributes.  Either way an
    object whose only description is its address makes the digest differ in every run: the
    cache then misses, never wrongly hits."""
    import io
    import pickle
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=4)
    pickler.dispatch_table = {set: _sorted_set, frozenset: _sorted_set}
    try:
        pickler.dump(values)
        return "p" + digest(out.getvalue())
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        pass
    h = hashlib.blake2b(digest_size=20)
    _feed(h, values, {})
    return h.hexdigest()


def _sorted_set(value: Any) -> Tuple[Any, ...]:
    """A set for the fingerprint's pickle: its items in the order of their own digests."""
    return (type(value), (sorted(value, key=lambda v: fingerprint(v)),))


def _feed(h: Any, value: Any, seen: Dict[int, int]) -> None:
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        h.update(("%s:%r;" % (type(value).__name__, value)).encode("utf-8", "surrogatepass"))
        return
    if isinstance(value, enum.Enum):
        h.update(("E%s.%s;" % (type(value).__qualname__, value.name)).encode())
        return
    key = id(value)
    if key in seen:   # shared or cyclic: named by its first position
        h.update(b"@%d;" % seen[key])
        return
    seen[key] = len(seen)
    name = type(value).__module__ + "." + type(value).__qualname__
    h.update(("<%s" % name).encode())
    if isinstance(value, (list, tuple)):
        for v in value:
            _feed(h, v, seen)
    elif isinstance(value, (set, frozenset)):
        for d in sorted(fingerprint(v) for v in value):
            h.update(d.encode())
    elif isinstance(value, dict):
        for k, v in value.items():
            _feed(h, k, seen)
            _feed(h, v, seen)
    elif hasattr(value, "pattern") and hasattr(value, "flags"):   # a compiled expression
        h.update(("%r/%d" % (value.pattern, value.flags)).encode("utf-8", "surrogatepass"))
    elif dataclasses.is_dataclass(value) or hasattr(value, "__dict__") or \
            hasattr(type(value), "__slots__"):
        for k, v in sorted(_attributes(value)):
            h.update(k.encode())
            _feed(h, v, seen)
    elif callable(value):
        h.update(getattr(value, "__qualname__", repr(value)).encode())
    else:
        h.update(repr(value).encode("utf-8", "surrogatepass"))
    h.update(b">")


def _attributes(value: Any) -> List[Tuple[str, Any]]:
    out: Dict[str, Any] = dict(getattr(value, "__dict__", {}))
    for cls in type(value).__mro__:
        for slot in getattr(cls, "__slots__", ()):
            if slot not in ("__dict__", "__weakref__") and hasattr(value, slot):
                out[slot] = getattr(value, slot)
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            out[f.name] = getattr(value, f.name)
    return list(out.items())


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()
