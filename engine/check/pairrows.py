"""The pair findings of a run, packed: one row of integers per finding, grouped by the report
place of its initiative.  A portfolio has up to millions of them; Python objects per finding
would hold more memory than the rest of the run."""
from __future__ import annotations

from array import array
from typing import Iterator, List, Optional, Sequence, Tuple

SHOWN = 5    # a message names the first five others in id order, then a count
_NONE = -1   # no list item / no other initiative in this column
# doc, pair rule index, item, number of others, the group's count (group rules), the first
# SHOWN others
_ROW = 5 + SHOWN


class PairRows:
    """Rows (doc, rule index, item, others, count, first SHOWN others), appended as the joins
    find them; `by_place` then groups them by the report place of their initiative.  Group
    rules' findings are rows here too: the same join, plus the group's count."""

    def __init__(self) -> None:
        self._rows = array("i")   # 32 bits: indices and counts
        self._by_place = array("i")
        self._starts = array("i", [0])

    @classmethod
    def packed(cls, rows: "array[int]") -> "PairRows":
        """Rows as `rows` gives them (the result cache keeps them from one run to the next)."""
        out = cls()
        out._rows = rows
        return out

    @property
    def rows(self) -> "array[int]":
        return self._rows

    def fits(self, docs: int, rules: int) -> bool:
        """Whether every row names one of `docs` initiatives and `rules` pair rules (rows
        read from disk are checked before they are used as indices)."""
        r = self._rows
        if len(r) % _ROW:
            return False
        if not r:
            return True
        others = [r[k::_ROW] for k in range(5, _ROW)]
        return (0 <= min(r[0::_ROW]) and max(r[0::_ROW]) < docs
                and 0 <= min(r[1::_ROW]) and max(r[1::_ROW]) < rules
                and min(r[2::_ROW]) >= _NONE and min(r[3::_ROW]) >= 0
                and all(min(c) >= _NONE and max(c) < docs for c in others))

    def add(self, doc: int, rule: int, item: Optional[int], total: int, shown: Sequence[int],
            count: int = 0) -> None:
        self._rows.extend([doc, rule, _NONE if item is None else item, total, count] +
                          list(shown) + [_NONE] * (SHOWN - len(shown)))

    def order(self, order: List[int]) -> None:
        """Group the rows by report place: place k holds the rows of initiative order[k].  A
        counting sort into arrays: no list of Python integers as long as the pair findings."""
        rows = self._rows
        place = array("i", [0]) * (max(order, default=0) + 1)
        for k, doc in enumerate(order):
            place[doc] = k
        n = len(rows) // _ROW
        starts = array("i", [0]) * (len(order) + 1)
        for k in range(n):
            starts[place[rows[k * _ROW]] + 1] += 1
        for k in range(len(order)):
            starts[k + 1] += starts[k]
        cursor = array("i", starts)
        by_place = array("i", [0]) * n
        for k in range(n):
            p = place[rows[k * _ROW]]
            by_place[cursor[p]] = k
            cursor[p] += 1
        self._by_place, self._starts = by_place, starts

    def at_place(self, k: int) -> Iterator[Tuple[int, Optional[int], int, List[int], int]]:
        """(rule index, item, number of others, the others shown, count) of place k's pair and
        group findings."""
        rows = self._rows
        for row in self._by_place[self._starts[k]:self._starts[k + 1]]:
            _, rule, item, total, count, *shown = rows[row * _ROW:(row + 1) * _ROW]
            yield (rule, None if item == _NONE else item, total, [o for o in shown if o != _NONE],
                   count)

    def any_at(self, k: int) -> bool:
        return self._starts[k] < self._starts[k + 1]
