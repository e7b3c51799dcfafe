"""Where a run keeps its per-initiative results: in memory for a few, on disk for a portfolio.

A board run over 10,000 initiatives must not hold 10,000 results: workers append each result,
pickled, to a file of their own under a private temporary directory and send back only a handle;
reports read the results back one at a time, in report order.
"""
from __future__ import annotations

import os
from array import array
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, TypeVar, overload

T = TypeVar("T")
_OFFSETS, _LENGTHS = (1 << 40) - 1, (1 << 32) - 1   # a handle packs pid, offset and length
_BUFFER = 1 << 20    # bytes of records a process holds before it writes them


class MemoryStore:
    """Results kept as they are: the handle is the record itself.  Named records (see
    FileStore.append) are kept by the process that appends them: `local` tells a worker to send
    them back instead."""

    local = True

    def __init__(self) -> None:
        self._named: Dict[str, List[Any]] = {}

    def put(self, record: Any) -> Any:
        return record

    def get(self, handle: Any) -> Any:
        return handle

    def handles(self, n: int) -> List[Any]:
        """Room for n handles, None until set."""
        return [None] * n

    def append(self, name: str, record: Any) -> None:
        self._named.setdefault(name, []).append(record)

    def records(self, name: str) -> Iterator[Any]:
        return iter(self._named.pop(name, ()))

    def flush(self) -> None:
        pass


class FileStore:
    """Records appended to one file per process; a handle is one int: pid, offset and length.

    Records wait in memory until `flush()`, which a worker calls before it sends the handles
    of a batch: a handle never points at bytes that are not in its file, whenever the worker
    exits (or dies), and a batch costs one write per file instead of one per record.  Reading
    flushes first.  The directory goes when the store is garbage-collected or at exit.
    """

    local = False

    def __init__(self) -> None:
        import pickle   # here, not at the top: a one-file check never needs it
        import shutil
        import tempfile
        import weakref
        self._dumps, self._loads, self._load = pickle.dumps, pickle.loads, pickle.load
        self._unpickling = (EOFError, pickle.UnpicklingError, ValueError, IndexError)
        self._named: Dict[str, int] = {}    # name -> this process's file for it
        self.dir = tempfile.mkdtemp(prefix="idm-results-")
        self._fd: Optional[int] = None
        self._pid: Optional[int] = None
        self._offset = 0
        self._pending: Dict[int, List[bytes]] = {}   # file descriptor -> records not written
        self._pending_size = 0
        self._readers: Dict[int, Any] = {}
        self._cleanup = weakref.finalize(self, _remove, self.dir, self._readers, shutil.rmtree)

    def put(self, record: Any) -> int:
        pid = self._own()
        start = self._offset
        self._offset += self._add(self._fd, self._dumps(record, -1))
        return (pid << 72) | (start << 32) | (self._offset - start)

    def handles(self, n: int) -> "_Handles":
        return _Handles(n)

    def append(self, name: str, record: Any) -> None:
        """Add a record under `name` (letters, digits, '-' and '.'); `records(name)` reads back
        what every process appended."""
        pid = self._own()
        fd = self._named.get(name)
        if fd is None:
            fd = self._named[name] = _create(os.path.join(self.dir, "%d.%s.bin" % (pid, name)))
        self._add(fd, self._dumps(record, -1))

    def _add(self, fd: int, data: bytes) -> int:
        self._pending.setdefault(fd, []).append(data)
        self._pending_size += len(data)
        if self._pending_size > _BUFFER:
            self.flush()
        return len(data)

    def flush(self) -> None:
        """Write the records this process added since the last flush."""
        if self._pid == os.getpid():   # never a parent's records, from a forked process
            for fd, parts in self._pending.items():
                _write(fd, b"".join(parts))
        self._pending, self._pending_size = {}, 0

    def records(self, name: str) -> Iterator[Any]:
        self.flush()
        suffix = ".%s.bin" % name
        for f in sorted(os.listdir(self.dir)):
            if not f.endswith(suffix) or not f[:-len(suffix)].isdigit():
                continue
            with open(os.path.join(self.dir, f), "rb") as fh:
                while True:
                    try:
                        yield self._load(fh)
                    except self._unpickling:   # the end, or what a killed worker half wrote
                        break

    def _own(self) -> int:
        pid = os.getpid()
        if self._pid != pid:    # the first record of this process (forked workers inherit us)
            self._fd = _create(os.path.join(self.dir, "%d.bin" % pid))
            self._pid, self._offset, self._named = pid, 0, {}
            self._pending, self._pending_size = {}, 0
        return pid

    def get(self, handle: int) -> Any:
        if self._pending:
            self.flush()
        pid, offset, length = handle >> 72, (handle >> 32) & _OFFSETS, handle & _LENGTHS
        f = self._readers.get(pid)
        if f is None:
            f = self._readers[pid] = open(os.path.join(self.dir, "%d.bin" % pid), "rb")
        return self._loads(_read_at(f, offset, length))


class _Handles:
    """n FileStore handles in 12 bytes each (a list of ints would take 48), None until set."""

    def __init__(self, n: int):
        self._at = array("Q", [0]) * n        # pid << 40 | offset
        self._length = array("I", [0]) * n    # 0: not set (no record is empty)

    def __len__(self) -> int:
        return len(self._length)

    def __getitem__(self, i: int) -> Optional[int]:
        length = self._length[i]
        if not length:
            return None
        at = self._at[i]
        return ((at >> 40) << 72) | ((at & _OFFSETS) << 32) | length

    def __setitem__(self, i: int, handle: int) -> None:
        self._at[i] = ((handle >> 72) << 40) | ((handle >> 32) & _OFFSETS)
        self._length[i] = handle & _LENGTHS

    def __iter__(self) -> Iterator[Optional[int]]:
        return (self[i] for i in range(len(self)))


def _read_at(f: Any, offset: int, length: int) -> bytes:
    """`length` bytes of `f` from `offset`.  With pread, not seek and read, where the system has
    it: a report process forked to write part of a run shares the open file, and with it the
    seek position, with this one (Windows has neither pread nor fork)."""
    if _pread is not None:
        return _pread(f.fileno(), length, offset)
    f.seek(offset)
    return f.read(length)


_pread = getattr(os, "pread", None)


def _create(path: str) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)


def _write(fd: int, data: bytes) -> int:
    """Write all of `data`, unbuffered; its length."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    return len(data)


def _remove(folder: str, readers: Dict[int, Any], rmtree: Callable[..., None]) -> None:
    for f in readers.values():
        f.close()
    readers.clear()
    rmtree(folder, ignore_errors=True)


class LazyList(Sequence[T]):
    """A read-only list whose items are made on access (read back from a store) and not kept."""

    def __init__(self, n: int, make: Callable[[int], T]):
        self._n, self._make = n, make

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self._make(k) for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._make(i)

    def __iter__(self) -> Iterator[T]:
        return (self._make(k) for k in range(self._n))
