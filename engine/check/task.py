"""The one per-input task of every check: load -> validate -> evaluate -> outcome.

`check` runs it in worker processes (or serially), and the rule-test runner runs it on in-memory
examples; only where the initiative comes from differs (`Source`).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ..compile.regex_time import RegexTimeout
from ..durable.evaluator import Evaluator
from ..errors import EngineError, Problem
from ..i18n import Text, said
from ..inputs.discovery import InputFile
from ..inputs.fields import NONE, DeclaredFields
from ..inputs.initiatives import Loaded, load_one
from ..inputs.loader import Limits
from .cache import Evaluated
from .collect import Checking, FileOutcome

Source = Callable[[int], Tuple[Optional[Loaded], List[Problem]]]   # input i, loaded and validated


def engine_problem(file: str, error: Text) -> Problem:
    """An initiative durable_rules could not evaluate (or whose worker died)."""
    return Problem.of(file, said("check.engine_error", error=error))


class FileSource:
    """Input i is file i of the run: loaded from disk (or standard input) and validated."""

    def __init__(self, files: Sequence[InputFile], stdin: Optional[bytes], limits: Limits,
                 fields: DeclaredFields = NONE,
                 prepared: Optional[Dict[int, Tuple[Optional[Loaded], List[Problem]]]] = None):
        self.files, self.stdin, self.limits, self.fields = files, stdin, limits, fields
        self.prepared = prepared or {}   # inputs read already: work packages of a model

    def __call__(self, i: int) -> Tuple[Optional[Loaded], List[Problem]]:
        if i in self.prepared:
            return self.prepared[i]
        path, from_dir = self.files[i]
        return load_one(path, from_dir, self.limits, self.stdin, self.fields)


class Task:
    """Check input i of a run: what a worker does for each index it is sent.  With a result
    cache, a file whose entry is found is not loaded or evaluated; one whose entry is missing
    (or unusable) is, and its entry written."""

    def __init__(self, checking: Checking, source: Source, cache: Any = None):
        self.checking, self.source, self.cache = checking, source, cache
        self.ev: Any = None
        self.last: Any = None   # the cache's record of the last run over the same files

    def __call__(self, i: int) -> FileOutcome:
        last = self.last
        probe = self.cache.probe(i, last is None) if self.cache is not None else None
        if probe is not None and last is not None:
            row = last.rows[i]
            if row.key == probe.key:
                # Its content is what the last run saw (only its status changed: a fresh
                # checkout, a restored cache): its row holds all this run needs now.
                return FileOutcome([], row=replace(row, sig=probe.sig), same=True)
            self.cache.look(probe)
        if probe is not None and probe.found is not None:
            return self.checking.stored(i, probe.found, probe)
        if probe is not None:
            path, from_dir = self.source.files[i]
            loaded, problems = load_one(path, from_dir, self.source.limits, None,
                                        self.source.fields, raw=probe.raw)
        else:
            loaded, problems = self.source(i)
        if loaded is None:
            if probe is not None and self.cache.save(probe, Evaluated(problems)):
                return self.checking.stored(i, Evaluated(problems), probe)
            return FileOutcome(problems)
        c = self.checking
        if self.ev is None:   # made in the process that uses it (after fork)
            self.ev = Evaluator(c.compiled, c.ruleset.defs.scales)
        try:
            hits = self.ev.evaluate(loaded.doc.data)
        except RegexTimeout as e:   # an input error of this initiative, named; not a non-match
            return FileOutcome([Problem.of(loaded.doc.file, e.said)])
        except EngineError as e:
            return FileOutcome([engine_problem(loaded.doc.file, str(e))])
        evaluated = c.evaluated(loaded, hits, problems)
        saved = probe is not None and self.cache.save(probe, evaluated)
        return c.stored(i, evaluated, probe if saved else None)

    def flush(self) -> None:
        """Write what the stored results of this process still hold in memory (before their
        handles leave it)."""
        self.checking.store.flush()

    def close(self) -> None:
        if self.ev is not None:
            self.ev.close()
            self.ev = None
