"""Building blocks of durable_rules conditions, shared by the operators and the compiler.

Plain data and functions: an operator's `compile` returns a condition built from these, through an
`Emitter` that the compile stage hands in (it names fact attributes and knows the evaluation
date).  docs/design/durable-rules.md lists what durable_rules needs of the shapes built here.
"""
from __future__ import annotations

from typing import Any, Callable, List, Optional, Protocol, Tuple

FLIP = {"lt": "ge", "le": "gt", "gt": "le", "ge": "lt"}
DURABLE_CMP = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}


class Const:
    """A condition known when compiling: always true or always false."""

    def __init__(self, value: bool):
        self.value = value


TRUE, FALSE = Const(True), Const(False)


def date_number(date: str) -> int:
    """A date YYYY-MM-DD as the number YYYYMMDD the projection gives date fields."""
    return int(date.replace("-", ""))


def absent(name: str) -> dict:
    return {"$nex": {name: 1}}


def present(name: str) -> dict:
    return {"$ex": {name: 1}}


def combine(conj: bool, items: List[Any]) -> Any:
    """The conjunction (conj) or disjunction of conditions, constants folded, groups of one kind
    flattened and repeated items left out."""
    op = "$and" if conj else "$or"
    out: List[Any] = []
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


def negated(name: str, out: Any, neg: bool) -> Any:
    """`out` as it stands, or -- negated -- also true when the attribute is absent (a test holds
    only on a present value, and `not:` is plain negation)."""
    return combine(False, [absent(name), out]) if neg else out


class Emitter(Protocol):
    """What an operator's `compile` may ask of the compiler, for the test being compiled."""

    today: int            # the evaluation date as YYYYMMDD

    def name(self, path: Any, transform: Any) -> str:
        """The fact attribute holding `transform` of the field at `path`."""

    def member_name(self, path: Any, transform: Any, values: Tuple[Any, ...]
                    ) -> Tuple[str, Callable[[bool], Any]]:
        """The attribute of a membership test and `member(True|False)`, its condition."""

    def literal(self, test: Any, value: Any) -> Any:
        """A literal of the rule as the projection gives the field's values."""

    def known(self, waivable: Optional[bool]) -> Tuple[str, ...]:
        """The rule ids an exception may name (only the (un)waivable ones, if given)."""

    def compare_field(self, test: Any, name: str, cmp_op: str, neg: bool) -> Any:
        """The comparison `cmp_op` of attribute `name` with the test's other field (a Ref)."""
