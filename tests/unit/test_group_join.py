"""The per-group counting of pair rules (engine.portfolio.GroupJoin) against the definition it
replaces: side A pairs with every other document B that has a side with the same value, a
different `differ` value and no shared value in common; the others are counted and named by
id (the first five in sorted order).  Random small groups with few distinct values, so that
duplicate ids, documents with several sides in one group and ids whose documents differ all
occur."""
from __future__ import annotations

import random
from array import array
from types import SimpleNamespace

import pytest

from idm.engine.check.portfolio import _Shares
from idm.engine.durable.joins import GroupJoin


def _expected(rows, shares, ids, differ, share):
    out = {}
    for d, r, key, dif, _ in rows:
        others = {b for b, _, k, f, _ in rows
                  if b != d and k == key and (not differ or f != dif)
                  and (not share or not (shares.get(d, set()) & shares.get(b, set())))}
        if others:
            named = sorted({ids[b] for b in others})
            out[(d, r)] = (named[:5], len(named))
    return out


@pytest.mark.parametrize("differ,share", [(False, False), (True, False), (False, True),
                                          (True, True)])
def test_group_counts_equal_the_pairwise_definition(differ, share):
    rng = random.Random(15)
    spec = SimpleNamespace(pairs=SimpleNamespace(differ=True if differ else None,
                                                 share_list=True if share else None))
    join = GroupJoin(spec)
    try:
        for _ in range(60):
            docs = rng.randint(1, 14)
            ids = ["I%d" % rng.randint(0, docs) for _ in range(docs)]
            shares = {d: set(rng.sample(range(5), rng.randint(0, 2))) for d in range(docs)}
            rows, flat, seen = [], array("q"), set()
            for d in range(docs):
                for ref in range(rng.randint(1, 3)):
                    row = (d, ref, rng.randint(0, 2), rng.randint(10, 12) if differ else 99,
                           rng.randint(0, 3))
                    rows.append(row)
                    flat.extend(row)
            codes = array("q")
            for d, values in shares.items():
                for v in values:
                    codes.extend((d, 20 + v))
            shares20 = {d: {20 + v for v in vs} for d, vs in shares.items()}
            got = {(d, r): ([ids[o] for o in shown], total)
                   for (d, r), flags, shown, total in join.matches(flat, _Shares(codes),
                                                                    ids.__getitem__)}
            assert got == _expected(rows, shares20, ids, differ, share)
    finally:
        join.close()
