"""The result cache of the evaluating commands (docs/cache.md): per input file, what the check
made of it, so that a re-check after one edit reads 9,999 entries instead of parsing and
evaluating 9,999 files again.

An entry is keyed by the file's content digest, its name as reports show it and whether it was
found in a folder, and the run's key: idm's version, a fingerprint of the resolved rule set
(packs, overrides, params, reference data, declared fields), the evaluation date and every
option that changes an outcome.  It holds the file's problems, its result, what the portfolio
rules read of it (their joins re-run over these every time) and the values its aggregates sum.

Entries are JSON (engine/check/cachecodec.py: only known data classes are built), one file each
under two-letter folders, written to a temporary name and renamed into place: a concurrent run
sees a whole entry or none.  The first line names the format, the key and a digest of the rest;
an entry that fails any check is ignored and rewritten.  Past `MAX_BYTES` the least recently
used entries are removed.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .. import __version__
from ..errors import InputError, Problem
from ..inputs.discovery import STDIN, InputFile, display_name
from ..inputs.loader import Limits, read_bytes
from ..model import DomainCoverage, Finding, InitiativeResult, Severity
from . import cachecodec as codec
from .fragments import Reuse, write_atomic
from .lastrun import FORMAT as LAST_FORMAT, LastRun, run_name, signature, trusted
from .portfolio import PendingSide

FORMAT = "idm-cache 1"       # changes whenever the layout of an entry changes
MAX_BYTES = 512 * 1024 * 1024    # the size cap of one cache folder
KEEP_AFTER_TRIM = 0.75       # trimming removes the oldest entries down to this share of the cap
FOLDER = os.path.join(".idm", "cache")
TRIM_AFTER, TRIM_EVERY = 1000, 600   # when the folder is trimmed (ResultCache.trim)
STALE_KINDS = 8      # files whose kind a run may leave for the next one to look at again
RUNS = "runs"                # the last runs (engine/check/lastrun.py) and their report parts


@dataclass
class Evaluated:
    """One input file as checked, before its result goes into the run's store: what a cache
    entry holds.  `result` None: the file could not be used (its problems say why)."""

    problems: List[Problem]
    result: Any = None                 # an InitiativeResult
    pending: Dict[Any, Any] = field(default_factory=dict)
    sums: Optional[Dict[str, Dict[str, float]]] = None
    # (bucket name, sides, shared values) of each portfolio bucket this initiative is in
    buckets: List[Tuple[str, Any, Any]] = field(default_factory=list)

    def to_json(self) -> str:
        return codec.dumps([self.problems, self.result, self.pending, self.sums,
                            [list(b) for b in self.buckets]])

    @classmethod
    def from_json(cls, text: str) -> "Evaluated":
        got = codec.loads(text)
        if not (isinstance(got, list) and len(got) == 5):
            raise codec.Unusable("shape")
        problems, result, pending, sums, buckets = got
        if not (isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
                and (result is None or _result_shape(result))
                and isinstance(pending, dict)
                and all(isinstance(k, tuple) and isinstance(v, PendingSide)
                        for k, v in pending.items())
                and (sums is None or isinstance(sums, dict)
                     and all(isinstance(v, dict) for v in sums.values()))
                and isinstance(buckets, list)
                and all(isinstance(b, list) and len(b) == 3 and isinstance(b[0], str)
                        and isinstance(b[1], list) for b in buckets)):
            raise codec.Unusable("shape")
        return cls(problems, result, pending, sums, [tuple(b) for b in buckets])


def _result_shape(result: Any) -> bool:
    """A decoded result has the types the reports rely on (an entry is data from disk)."""
    return (isinstance(result, InitiativeResult) and isinstance(result.id, str)
            and isinstance(result.file, str) and isinstance(result.findings, list)
            and all(isinstance(f, Finding) and isinstance(f.severity, Severity)
                    for f in result.findings)
            and isinstance(result.coverage, dict)
            and all(isinstance(c, DomainCoverage) for c in result.coverage.values())
            and isinstance(result.data, dict))


@dataclass
class Probe:
    """One input file looked up: its bytes (read once, for the key and for loading), where its
    entry is and what it held, if anything usable."""

    key: str
    path: str
    raw: bytes
    found: Optional[Evaluated] = None
    digest: str = ""                 # of the content
    sig: Any = None                  # the file's status signature, if a later run may trust it


class ResultCache:
    """The cache folder of a run, with the run's key.  Made in the main process before the
    workers fork; each worker reads and writes entries on its own."""

    def __init__(self, folder: str, max_bytes: int = MAX_BYTES):
        self.folder, self.max_bytes = os.path.abspath(folder), max_bytes
        self.run_key = ""
        self.files: Sequence[InputFile] = ()
        self.limits = Limits()
        self.skip: Any = frozenset()

    def start(self, files: Sequence[InputFile], skip: Any, limits: Limits, ruleset: Any,
              date: str, options: Sequence[Any]) -> None:
        """Key this run: `options` are the run's settings that change outcomes; `skip` the
        indices never cached (inputs read already: the work packages of a model)."""
        self.files, self.skip, self.limits = files, skip, limits
        self.run_key = codec.fingerprint(FORMAT, __version__, date, tuple(options),
                                         _ruleset_state(ruleset))

    def probe(self, i: int, read: bool = True) -> Optional[Probe]:
        """Input i's entry looked up (`read` False: only its key; `look` reads it later);
        None when input i is not cached (standard input, a model's work package, a file that
        cannot be read: the check reports it as without a cache)."""
        if i in self.skip:
            return None
        path, from_dir = self.files[i]
        if path == STDIN:
            return None
        name = display_name(path)
        sig = signature(path)   # before reading: a change after it shows next time
        try:
            raw = read_bytes(path, name, self.limits.max_bytes)   # as load_file reads it
        except InputError:
            return None
        content = codec.digest(raw)
        key = self.entry_key(i, content)
        where = self._where(key)
        return Probe(key, where, raw, self._read(where, key) if read else None, content,
                     trusted(sig, time.time_ns()))

    def look(self, probe: Probe) -> None:
        """Read the entry of a probe made without reading it."""
        probe.found = self._read(probe.path, probe.key)

    def entry_key(self, i: int, content: str) -> str:
        """The key of input i's entry when its content has this digest."""
        path, from_dir = self.files[i]
        return codec.digest(b"\0".join([self.run_key.encode("ascii"), b"1" if from_dir else b"0",
                                         display_name(path).encode("utf-8", "surrogatepass"),
                                         content.encode("ascii")]))

    def _where(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key[2:] + ".json")

    def entry(self, key: str) -> Optional[Evaluated]:
        """The entry under `key`, if it is there and usable."""
        return self._read(self._where(key), key)

    # ---- the last run over the same files (engine/check/lastrun.py) ----

    def last_run(self) -> Optional[LastRun]:
        """The last run over this run's input files, with this run's key; None: none usable."""
        if self.skip or not self.files:
            return None
        where = self._run_path()
        body = _headed(where, self._run_header)
        if body is None:
            return None
        try:
            found = LastRun.from_text(body.decode("utf-8", "surrogatepass"))
        except (codec.Unusable, UnicodeDecodeError):
            return None
        if len(found.rows) != len(self.files):
            return None
        try:
            os.utime(where)
        except OSError:
            pass
        return found

    def save_last_run(self, run: LastRun) -> None:
        """Keep `run` for the next run over the same files (nothing when it cannot be written,
        or when this run's files cannot all be cached)."""
        if self.skip or not self.files:
            return
        body = run.to_text().encode("utf-8", "surrogatepass")
        try:
            os.makedirs(os.path.dirname(self._run_path()), mode=0o700, exist_ok=True)
            write_atomic(self._run_path(), self._run_header(body) + b"\n" + body)
        except OSError:
            return

    def not_decisions(self, listed: Sequence[InputFile]) -> Dict[str, Any]:
        """Of the files listed, those a run found not to be decisions, with their status
        signatures then (engine/check/run.py split_decisions)."""
        body = _headed(self._sniff_path(listed), lambda body: self._sniff_header(listed, body))
        if body is None:
            return {}
        try:
            found = json.loads(body.decode("utf-8", "surrogatepass"))
            paths, sigs = found["paths"], found["sigs"]
            if not (isinstance(paths, list) and isinstance(sigs, list)
                    and len(sigs) == 5 * len(paths) and all(type(p) is str for p in paths)
                    and all(type(x) is int for x in sigs)):
                return {}
            return {p: tuple(sigs[5 * k:5 * k + 5]) for k, p in enumerate(paths)}
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            return {}

    def keep_not_decisions(self, listed: Sequence[InputFile], known: Dict[str, Any],
                           sigs: Dict[str, Any]) -> None:
        """Keep which of the files listed are not decisions, for the next run (only the ones
        whose signature a later run may trust)."""
        now = time.time_ns()
        keep = {p: trusted(sig, now) for p, sig in sigs.items()}
        keep = {p: sig for p, sig in keep.items() if sig is not None}
        # A few files left out cost the next run reading them; writing all costs more.
        differ = sum(1 for p, sig in keep.items() if known.get(p) != sig) + \
            sum(1 for p in known if p not in keep)
        if known and differ <= STALE_KINDS:
            return
        body = json.dumps({"paths": list(keep), "sigs": [x for sig in keep.values() for x in sig]},
                          ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogatepass")
        try:
            os.makedirs(os.path.join(self.folder, RUNS), mode=0o700, exist_ok=True)
            write_atomic(self._sniff_path(listed), self._sniff_header(listed, body) + b"\n"
                         + body)
        except OSError:
            return

    def _sniff_path(self, listed: Sequence[InputFile]) -> str:
        return os.path.join(self.folder, RUNS, run_name("kinds", listed) + ".kinds")

    def _sniff_header(self, listed: Sequence[InputFile], body: bytes) -> bytes:
        return ("%s %s %s" % (LAST_FORMAT, run_name("kinds", listed),
                              codec.digest(body))).encode("ascii")

    def last_facts(self) -> Optional[List[Any]]:
        """Per input file, [facts digest, facts text] of the last run over these files (None
        where the record has none), or None: what the portfolio rules read of each file, kept
        beside the record (engine/check/lastrun.py)."""
        if self.skip or not self.files:
            return None
        body = _headed(self._run_path()[:-len(".json")] + ".facts", self._run_header)
        try:
            found = json.loads(body.decode("utf-8", "surrogatepass")) if body else None
        except ValueError:
            return None
        if not (isinstance(found, list) and len(found) == len(self.files) and all(
                f is None or isinstance(f, list) and len(f) == 2 and isinstance(f[0], str)
                and isinstance(f[1], str) for f in found)):
            return None
        return found

    def save_last_facts(self, facts: List[Any]) -> None:
        """Keep what the portfolio rules read of each file beside the record of this run."""
        body = json.dumps(facts, ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogatepass")
        try:
            write_atomic(self._run_path()[:-len(".json")] + ".facts",
                         self._run_header(body) + b"\n" + body)
        except OSError:
            return

    def reuse(self, keys: Sequence[Optional[str]]) -> Optional[Reuse]:
        """The report parts of this run that may come from the last run's reports."""
        if self.skip or not self.files:
            return None
        return Reuse(os.path.join(self.folder, RUNS), self.run_name(), keys)

    def run_name(self) -> str:
        return run_name(self.run_key, self.files)

    def _run_path(self) -> str:
        return os.path.join(self.folder, RUNS, self.run_name() + ".json")

    def _run_header(self, body: bytes) -> bytes:
        return ("%s %s %s" % (LAST_FORMAT, self.run_name(), codec.digest(body))).encode("ascii")

    def _read(self, where: str, key: str) -> Optional[Evaluated]:
        body = _headed(where, lambda body: self._header(key, body))
        if body is None:
            return None    # not an entry of this key, format or content: rewritten later
        try:
            found = Evaluated.from_json(body.decode("utf-8"))
        except (codec.Unusable, UnicodeDecodeError):
            return None
        try:
            os.utime(where)   # recently used: kept longest when the folder is trimmed
        except OSError:
            pass
        return found

    @staticmethod
    def _header(key: str, body: bytes) -> bytes:
        return ("%s %s %s" % (FORMAT, key, codec.digest(body))).encode("ascii")

    def save(self, probe: Probe, evaluated: Evaluated) -> bool:
        """Write input's entry, atomically; a value the cache cannot hold, or a folder it
        cannot write, leaves the file uncached (the check itself does not depend on it).
        Whether it was written."""
        try:
            body = evaluated.to_json().encode("utf-8", "surrogatepass")
        except (codec.Unusable, ValueError, RecursionError):
            return False
        data = self._header(probe.key, body) + b"\n" + body
        try:
            try:
                write_atomic(probe.path, data)
            except FileNotFoundError:   # the first entry of its folder (one of 256)
                os.makedirs(os.path.dirname(probe.path), mode=0o700, exist_ok=True)
                write_atomic(probe.path, data)
        except OSError:
            return False
        return True

    def trim(self, written: int) -> None:
        """Keep the folder under its cap: the least recently used entries go first.  Looking
        at every entry takes a tenth of a second at 10,000: done after a run that wrote
        TRIM_AFTER entries or more, otherwise at most once every TRIM_EVERY seconds."""
        marker = os.path.join(self.folder, RUNS, "trimmed")
        if written < TRIM_AFTER:
            try:
                if os.stat(marker).st_mtime > time.time() - TRIM_EVERY:
                    return
            except OSError:
                pass
        trim(self.folder, self.max_bytes)
        try:
            os.makedirs(os.path.dirname(marker), mode=0o700, exist_ok=True)
            write_atomic(marker, b"")
        except OSError:
            pass


def _headed(where: str, header: Any) -> Optional[bytes]:
    """The body of the file at `where` when its first line is `header(body)` (format, name and
    digest of the body); None when it cannot be read or is not that."""
    try:
        with open(where, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    head, sep, body = data.partition(b"\n")
    return body if sep and head == header(body) else None


def trim(folder: str, max_bytes: int = MAX_BYTES) -> int:
    """Remove the least recently used entries of `folder` until it holds at most
    KEEP_AFTER_TRIM of `max_bytes`, when it holds more than `max_bytes`; the entries removed."""
    entries: List[Tuple[float, int, str]] = []
    total = 0
    try:
        subs = [e.path for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    for sub in subs:
        try:
            for e in os.scandir(sub):
                if e.is_file(follow_symlinks=False):
                    st = e.stat(follow_symlinks=False)
                    entries.append((st.st_mtime, st.st_size, e.path))
                    total += st.st_size
        except OSError:
            continue
    if total <= max_bytes:
        return 0
    used = _in_use(folder)
    entries = [(max(t, used.get(path, 0.0)), size, path) for t, size, path in entries]
    removed = 0
    for _, size, path in sorted(entries):
        if total <= max_bytes * KEEP_AFTER_TRIM:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


def _in_use(folder: str) -> Dict[str, float]:
    """The entries the records of the last runs name, each with when its record was last used:
    a re-check takes an unchanged file from the record without reading (or touching) its
    entry, which is in use all the same."""
    used: Dict[str, float] = {}
    try:
        records = [e for e in os.scandir(os.path.join(folder, RUNS))
                   if e.name.endswith(".json") and e.is_file(follow_symlinks=False)]
    except OSError:
        return used
    try:
        indexes = [e for e in os.scandir(os.path.join(folder, RUNS)) if e.name.endswith(".idx")]
    except OSError:
        indexes = []
    for e in indexes:   # a report section's text files go with their index
        try:
            when = e.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        for suffix in (".txt", ".dtxt"):
            used[e.path[:-len(".idx")] + suffix] = when
    for e in records:
        try:
            when = e.stat(follow_symlinks=False).st_mtime
            with open(e.path, "rb") as fh:
                body = fh.read().partition(b"\n")[2]
            keys = LastRun.from_text(body.decode("utf-8", "surrogatepass")).rows
        except (OSError, codec.Unusable, UnicodeDecodeError):
            continue
        for row in keys:
            where = os.path.join(folder, row.key[:2], row.key[2:] + ".json")
            used[where] = max(used.get(where, 0.0), when)
    return used


def clear(folder: str) -> int:
    """Remove every entry under `folder` (and the folder when it is left empty), and the
    records of the last runs; the number of entries removed.  Only what looks like this
    cache's layout is touched."""
    removed = 0
    try:
        subs = [e for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)
                and (len(e.name) == 2 or e.name == RUNS)]
    except OSError:
        return 0
    for sub in subs:
        try:
            names = [e.name for e in os.scandir(sub.path) if e.is_file(follow_symlinks=False)]
        except OSError:
            continue
        for name in names:
            try:
                os.unlink(os.path.join(sub.path, name))
                removed += sub.name != RUNS
            except OSError:
                pass
        try:
            os.rmdir(sub.path)
        except OSError:
            pass
    try:
        os.rmdir(folder)
    except OSError:
        pass
    return removed


def _ruleset_state(ruleset: Any) -> Tuple[Any, ...]:
    """What of a rule set decides outcomes: its rules, definitions, profiles, built-in
    conditions, declared fields, overrides and their notices, named packs (params, reference
    data).  Not the pack cache's lock entries: where a pack came from is not how it judges."""
    return (ruleset.specs, ruleset.defs, ruleset.profiles, ruleset.builtin, ruleset.files,
            ruleset.names, ruleset.packs, ruleset.overrides, ruleset.notices,
            ruleset.fields.key)


__all__ = ["Evaluated", "Probe", "ResultCache", "FOLDER", "MAX_BYTES", "clear", "trim"]
