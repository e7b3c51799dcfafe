"""How the projection turns one raw field value into the attribute a compiled test reads.

A transform is a small frozen value: operators choose it (engine.pack.operators), the compiler
keys fact attributes by (anchor, path, transform) so equal transforms share one attribute, and the
projection (engine.compile.projection) applies it.  Equality of transforms decides that sharing,
so every field takes part in it exactly as written (a default or a value set is compared with its
type, `True` is not `1`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, FrozenSet, Optional, Tuple, Union


@dataclass(frozen=True)
class Value:
    """The value itself: text NFC and trimmed, a present mapping or list as 1 (presence only)."""


@dataclass(frozen=True)
class Normalised:
    """Text compared normalised (NFC, trimmed, whitespace folded, case-folded)."""


@dataclass(frozen=True)
class ListKey:
    """Text as a reference data set compares names (its `match.normalise` modes)."""

    modes: Tuple[str, ...]


@dataclass(frozen=True)
class DateNumber:
    """A date YYYY-MM-DD as the number YYYYMMDD."""


@dataclass(frozen=True)
class DurationLength:
    """A duration as its length in days (engine.durations)."""


@dataclass(frozen=True)
class Count:
    """The number of present items of a list (0 when the list is missing)."""


@dataclass(frozen=True)
class PlusDuration:
    """A date plus a whole duration, on the calendar, as YYYYMMDD."""

    duration: str


@dataclass(frozen=True)
class Matches:
    """Whether a regular expression finds a match in the text (true or false)."""

    pattern: str


@dataclass(frozen=True)
class Rank:
    """The 1-based rank of the value on an ordinal scale of the pack."""

    scale: str


Base = Union[Value, Normalised, ListKey, DateNumber, DurationLength, Count, PlusDuration, Matches,
             Rank]


def _typed(value: Any) -> Tuple[str, Any]:
    return type(value).__name__, value


@dataclass(frozen=True)
class WithDefault:
    """`inner` of the value, or of `default` when the value is missing."""

    inner: Base
    default: Any = field(compare=False)
    # the default with its type, so that defaults equal only when written alike (True is not 1)
    key: Tuple[str, Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", _typed(self.default))


@dataclass(frozen=True)
class InSet:
    """Whether `inner` of the value is one of `values` (true or false): a membership test over
    more values than one durable_rules `$or` should hold (compiler.MAX_OR_VALUES)."""

    inner: Union[Base, WithDefault]
    values: Tuple[Any, ...] = field(compare=False)     # sorted by repr
    key: Tuple[Tuple[str, Any], ...] = field(init=False, repr=False)
    members: FrozenSet[Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(sorted(self.values, key=repr)))
        object.__setattr__(self, "key", tuple(_typed(v) for v in self.values))
        object.__setattr__(self, "members", frozenset(self.values))


Transform = Union[Base, WithDefault, InSet]

VALUE = Value()
NORMALISED = Normalised()
DATE = DateNumber()
DURATION = DurationLength()
COUNT = Count()


def with_default(inner: Base, default: Optional[Any]) -> Union[Base, WithDefault]:
    """`inner`, with the test's default for a missing value if it has one."""
    return inner if default is None else WithDefault(inner, json.loads(json.dumps(default)))


def of_value(test: Any) -> Union[Base, WithDefault]:
    """The transform a test of the field's value reads (engine.pack.language.Test): the rank on
    its scale, the normalised text, the date or duration as a number, or the value itself."""
    if test.scale:
        out: Base = Rank(test.scale)
    elif test.normalised:
        out = NORMALISED
    elif test.ftype.kind == "date":
        out = DATE
    elif test.ftype.kind == "duration":
        out = DURATION
    else:
        out = VALUE
    return with_default(out, test.default)
