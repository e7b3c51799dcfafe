"""The steps `idm check --record` and `idm report --record` take around a run: digest the inputs
before checking, then open the store and record the run in one transaction."""
from __future__ import annotations

import json
import os
from typing import Any, Callable, Dict, Optional, Sequence, Tuple

from ..errors import InputError
from ..model import RunResult, SinceLast
from ..pack.project import named_packs
from ..pack.rulepack import RuleSet, default_pack_dir
from .snapshot import digest_bytes, digest_file, inputs_root, pack_rows, repository, take
from .store import HistoryError, Store
from .target import resolve


def open_store(target: Optional[str], create: bool = True, write: Optional[bool] = None
               ) -> Store:
    """The store TARGET names (see target.resolve); HistoryError when it cannot be used.
    `create`: make it when missing; `write` (default: `create`): open it to write."""
    try:
        url = resolve(target)
    except InputError as e:
        raise HistoryError(e.problem)
    return Store.open(url, create, write)


class Inputs:
    """The digests of the files a run reads, taken as it starts; standard input is digested as
    it is read."""

    def __init__(self, paths: Sequence[str], select: Optional[Callable[[str], bool]] = None):
        from ..inputs.discovery import STDIN, display_name, expand_inputs
        files, _ = expand_inputs(paths)
        if select is not None:
            files = [(p, d) for p, d in files if select(p)]
        self.root = inputs_root(paths)
        self.repository = repository(paths)
        self.partial = select is not None   # --changed-only: some initiatives were left out
        self.digests: Dict[str, Optional[str]] = {
            display_name(p): digest_file(p) for p, _ in files if p != STDIN}

    def reading(self, read: Callable[[], bytes]) -> Callable[[], bytes]:
        def wrapped() -> bytes:
            raw = read()
            self.digests["<stdin>"] = digest_bytes(raw)
            return raw
        return wrapped


def packs(ruleset: RuleSet) -> list:
    bundled = os.path.realpath(default_pack_dir()) + os.sep
    return pack_rows(ruleset.files, ruleset.names,
                     [f for f in ruleset.files if os.path.realpath(f).startswith(bundled)])


def record(store: Store, result: RunResult, command: str, inputs: Inputs, ruleset: RuleSet,
           exit_code: Optional[int] = None) -> Tuple[int, str]:
    """Record `result` (with the command's `exit_code` when given): (its run number, where)."""
    snap = take(result, command, inputs.root, packs(ruleset), inputs.digests,
                exit_code=exit_code, repo=inputs.repository, partial=inputs.partial,
                named_packs=named_packs(ruleset), params=param_rows(ruleset),
                reference_data=data_rows(ruleset))
    return store.record(snap), store.where()


def data_rows(ruleset: RuleSet) -> list:
    """The reference data sets in force, with the snapshot a newer one replaced."""
    data = ruleset.defs.data
    return [{"name": n, "snapshot": d.snapshot, "source": d.source,
             "file": d.file, "items": len(d.items),
             "replaced_snapshot": d.replaces[0] if d.replaces else None,
             "replaced_file": d.replaces[1] if d.replaces else None}
            for n, d in sorted(data.items())]


def param_rows(ruleset: RuleSet) -> list:
    """The parameters in force, values as JSON text (a date is YYYY-MM-DD, a list a list)."""
    from ..pack.params import in_force

    def text(value: Any) -> Optional[str]:
        return None if value is None else json.dumps(value, ensure_ascii=False)
    return [{"name": p.key, "type": p.type, "value": text(p.value),
             "default_value": text(p.default), "source": p.source} for p in in_force(ruleset)]


class RunHistory:
    """The history store of one check or report: opened once, after the run, so that an
    unusable store costs the caller one line and exit 2 but never the reports, written first.
    Every method raises HistoryError; after one, `failed` is set and recording is skipped."""

    def __init__(self, paths: Sequence[str], select: Optional[Callable[[str], bool]],
                 record_to: Optional[str], db: Optional[str]):
        self.inputs = Inputs(paths, select)
        self.target = record_to or db or None
        self.recording = record_to is not None
        self.failed = False
        self._store: Optional[Store] = None

    def _open(self, create: bool) -> Store:
        if self._store is None:
            try:
                self._store = open_store(self.target, create)
            except HistoryError:
                self.failed = True
                raise
        return self._store

    def since_last(self, result: RunResult) -> SinceLast:
        """How `result` differs from the last run of the same inputs (--since-last)."""
        from .store import NoStore
        from .views import since_last
        try:
            return since_last(self._open(create=self.recording), result, self.inputs.root,
                              self.inputs.repository, self.inputs.partial)
        except NoStore:
            self.failed = False
            return SinceLast(None, "")   # nothing was ever recorded here
        except HistoryError:
            self.failed = True
            raise

    def dashboard(self, result: RunResult) -> Any:
        """The dashboard's history (engine.history.views.Dashboard)."""
        from .views import dashboard
        try:
            return dashboard(self._open(create=self.recording), result, self.inputs.root,
                             self.inputs.repository)
        except HistoryError:
            self.failed = True
            raise

    def record(self, result: RunResult, command: str, ruleset: RuleSet,
               exit_code: Optional[int] = None) -> Optional[Tuple[int, str]]:
        """Record `result`: (run number, where); None when the store already failed."""
        if self.failed or not self.recording:
            return None
        try:
            return record(self._open(create=True), result, command, self.inputs, ruleset,
                          exit_code)
        except HistoryError:
            self.failed = True
            raise


__all__ = ["HistoryError", "Inputs", "RunHistory", "open_store", "record"]
