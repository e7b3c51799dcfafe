"""The last run of the same check, kept beside the result cache (docs/cache.md, "The last
run"): what a re-check after one edit needs to redo only that file.

Per input file it holds the file's status signature (device, inode, size, modification and
change times, as git's index does), its content digest and cache key, what the summary counts
of it, and a digest of what the portfolio rules read of it; per run, what the portfolio rules
found.  A re-check of the same files with the same rules, date and options:

- takes a file whose signature is unchanged as unchanged, without reading it;
- checks the other files (their entries come from the cache when only the signature changed);
- keeps the portfolio rules' findings when no checked file changed what they read, and runs
  them again otherwise (then over every file's cached facts, as without a last run).

A signature is trusted only when the file was last modified at least `RACY_NS` before it was
read: a file written within the clock's resolution of being read could change again without
its signature changing, so such a file is read again next time (git calls this "racily
clean").  The change time is part of the signature: setting a file's modification time back
(touch -d) changes it, so an edit cannot pass as unchanged.

The record is JSON with the same header as an entry (format, key, digest of the rest), written
atomically; anything unexpected in it makes it unusable and the run goes the long way.
"""
from __future__ import annotations

import base64
import json
import os
import sys
from array import array
from itertools import chain
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..errors import Problem
from ..model import Finding, Severity, Tally
from . import cachecodec as codec

FORMAT = "idm-lastrun 1"
RACY_NS = 2_000_000_000     # two seconds: coarser than any file system's time stamps
Signature = Tuple[int, int, int, int, int]


def signature(path: str) -> Optional[Signature]:
    """The status signature of the file at `path` (symbolic links followed); None when it
    cannot be taken."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def trusted(sig: Optional[Signature], read_ns: int) -> Optional[Signature]:
    """`sig`, taken before the file was read at `read_ns`, if a later run may take it as proof
    that the content is unchanged; None when the file changed too shortly before."""
    if sig is None or max(sig[3], sig[4]) > read_ns - RACY_NS:
        return None
    return sig


@dataclass
class Row:
    """One input file as the last run saw it."""

    sig: Optional[Signature]    # None: read again next time
    digest: str                 # content digest
    key: str                    # its cache entry
    id: Optional[str]           # None: the file gave no initiative (its problems say why)
    tally: List[List[int]]      # [severity, waived, baselined, count]
    problems: str               # encoded list of Problems (almost always "[]")
    facts: str                  # digest of what the portfolio rules read of it


def tally_rows(counts: Tally) -> List[List[int]]:
    return sorted([int(s), int(w), int(b), n] for (s, w, b), n in counts.items())


def facts_text(id_: Optional[str], sums: Any, buckets: Any) -> str:
    """What the portfolio rules read of one file, encoded (cachecodec) in one text for equal
    values: by value, whatever objects the values share (pickle would show that), sets
    sorted."""
    return json.dumps(_canonical(codec.encode([id_, sums, [list(b) for b in buckets]])),
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def facts_digest(text: str) -> str:
    """If this is equal for every file, the portfolio rules' findings are."""
    return codec.digest(text.encode("utf-8", "surrogatepass"))


def read_facts(text: str) -> Tuple[Optional[Dict[str, Any]], List[Tuple[str, Any, Any]]]:
    """The aggregate values and portfolio buckets of a `facts_text` (Unusable when it holds
    anything else: it comes from disk)."""
    got = codec.loads(text)
    if not (isinstance(got, list) and len(got) == 3 and (got[0] is None or isinstance(got[0], str))
            and (got[1] is None or isinstance(got[1], dict)
                 and all(isinstance(v, dict) for v in got[1].values()))
            and isinstance(got[2], list)
            and all(isinstance(b, list) and len(b) == 3 and isinstance(b[0], str)
                    and isinstance(b[1], list) for b in got[2])):
        raise codec.Unusable("facts")
    return got[1], [tuple(b) for b in got[2]]  # type: ignore[misc]


def _canonical(value: Any) -> Any:
    """Encoded data with the items of every set in one order."""
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        out = {k: _canonical(v) for k, v in value.items()}
        if out.get("!") == "f":
            out["v"] = sorted(out["v"], key=lambda v: json.dumps(v, sort_keys=True))
        return out
    return value


@dataclass
class LastRun:
    """The record of the last run over one list of input files."""

    rows: List[Row]
    # What the portfolio rules found: the pair findings packed (pairrows.PairRows), their
    # counts, and the aggregate rules' findings.
    pair_rows: Any = field(default_factory=lambda: array("i"))
    pair_counts: Tally = field(default_factory=dict)
    aggregates: List[Any] = field(default_factory=list)
    # Per input file, a digest of the pair findings attached to its initiative ("" none).
    attached: List[str] = field(default_factory=list)

    def to_text(self) -> str:
        # By column: 10,000 rows are read in a few hundredths of a second.
        rows = self.rows
        return json.dumps({
            "sigs": [x for r in rows for x in (r.sig or _NO_SIG)],
            "digests": [r.digest for r in rows], "keys": [r.key for r in rows],
            "ids": [r.id for r in rows], "tallies": [r.tally for r in rows],
            "problems": [r.problems for r in rows], "facts": [r.facts for r in rows],
            "attached": self.attached,
            # 32-bit integers in this machine's order (the cache is one machine's)
            "pair_rows": base64.b64encode(self.pair_rows.tobytes()).decode("ascii"),
            "byteorder": sys.byteorder, "pair_counts": tally_rows(self.pair_counts),
            "aggregates": codec.dumps(self.aggregates)},
            ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> "LastRun":
        """The record in `text`; Unusable when it is not what this idm writes (its header's
        digest only says it is whole: what it holds is checked before it is used)."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as e:
            raise codec.Unusable(str(e))
        if not isinstance(data, dict):
            raise codec.Unusable("last run")
        columns = [data.get(k) for k in ("digests", "keys", "ids", "tallies", "problems",
                                         "facts", "attached")]
        sigs, pair_rows, pair_counts = data.get("sigs"), data.get("pair_rows"), \
            data.get("pair_counts")
        n = len(columns[0]) if isinstance(columns[0], list) else -1
        if not (n >= 0 and isinstance(sigs, list)
                and len(sigs) == 5 * n and _only(sigs, int)
                and all(isinstance(c, list) and len(c) == n for c in columns[:-1])
                and isinstance(columns[-1], list) and len(columns[-1]) in (0, n)):
            raise codec.Unusable("last run")
        digests, keys, ids, tallies, problems, facts, attached = columns
        counts = list(chain.from_iterable(tallies)) if _only(tallies, list) else None
        if not (_only(digests, str) and _only(keys, str) and _only(ids, str, type(None))
                and _only(problems, str) and _only(facts, str) and _only(attached, str)
                and counts is not None and _only(counts, list)
                and all(len(c) == 4 for c in counts) and _only(chain.from_iterable(counts), int)
                and isinstance(pair_rows, str) and isinstance(pair_counts, list)
                and data.get("byteorder") == sys.byteorder
                and all(type(c) is list and len(c) == 4 and all(type(x) is int for x in c)
                        and c[0] in _SEVERITIES for c in pair_counts)
                and all(_problems(p) for p in problems if p != "[]")):
            raise codec.Unusable("last run")
        packed = array("i")
        try:   # their ranges are checked before they are used
            packed.frombytes(base64.b64decode(pair_rows.encode("ascii"), validate=True))
        except (ValueError, UnicodeEncodeError) as e:   # binascii.Error is a ValueError
            raise codec.Unusable(str(e))
        aggregates = codec.loads(data.get("aggregates") if isinstance(data.get("aggregates"), str)
                                 else "null")
        if not (isinstance(aggregates, list) and all(
                isinstance(f, Finding) and isinstance(f.severity, Severity) for f in aggregates)):
            raise codec.Unusable("last run")
        rows = []
        for i in range(n):
            sig = tuple(sigs[5 * i:5 * i + 5])
            rows.append(Row(None if sig == _NO_SIG else sig, digests[i], keys[i], ids[i],
                            tallies[i], problems[i], facts[i]))
        counts = {(Severity(s), bool(w), bool(b)): n for s, w, b, n in pair_counts}
        return cls(rows, packed, counts, aggregates, attached)


def _only(values: Any, *types: type) -> bool:
    """Whether every value is of one of `types` (exactly): a loop in C, for 10,000 rows."""
    return set(map(type, values)) <= set(types)


def _problems(text: str) -> bool:
    found = codec.loads(text)
    return isinstance(found, list) and all(isinstance(p, Problem) for p in found)


_NO_SIG = (-1, -1, -1, -1, -1)
_SEVERITIES = frozenset(int(s) for s in Severity)


def run_name(run_key: str, files: Sequence[Tuple[str, bool]]) -> str:
    """The name of the record of runs with this key over these input files, in this order,
    from this working directory (relative paths name other files elsewhere)."""
    return codec.digest(json.dumps([run_key, os.getcwd(), [[p, d] for p, d in files]],
                                   ensure_ascii=False).encode("utf-8", "surrogatepass"))


__all__ = ["FORMAT", "LastRun", "RACY_NS", "Row", "Signature", "facts_digest", "facts_text",
           "read_facts", "run_name",
           "signature", "tally_rows", "trusted"]
