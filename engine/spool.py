"""Where a run keeps its per-initiative results: in memory for a few, on disk for a portfolio.

A board run over 10,000 initiatives must not hold 10,000 results: workers append each result,
pickled, to a file of their own under a private temporary directory and send back only a handle;
reports read the results back one at a time, in report order.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Dict, Iterator, Optional, Sequence, TypeVar, overload

T = TypeVar("T")
_OFFSETS, _LENGTHS = (1 << 40) - 1, (1 << 32) - 1   # a handle packs pid, offset and length


class MemoryStore:
    """Results kept as they are: the handle is the record itself."""

    def put(self, record: Any) -> Any:
        return record

    def get(self, handle: Any) -> Any:
        return handle

    def close(self) -> None:
        pass


class FileStore:
    """Records appended to one file per process; a handle is one int: pid, offset and length.

    Records are written unbuffered, so a worker that exits (or dies) never leaves a handle to
    bytes that are not in its file.  The directory goes when the store is closed, collected, or
    at exit.
    """

    def __init__(self) -> None:
        import pickle   # here, not at the top: a one-file check never needs it
        import shutil
        import tempfile
        import weakref
        self._dumps, self._loads = pickle.dumps, pickle.loads
        self.dir = tempfile.mkdtemp(prefix="idm-results-")
        self._fd: Optional[int] = None
        self._pid: Optional[int] = None
        self._offset = 0
        self._readers: Dict[int, Any] = {}
        self._cleanup = weakref.finalize(self, _remove, self.dir, self._readers, shutil.rmtree)

    def put(self, record: Any) -> int:
        pid = os.getpid()
        if self._pid != pid:    # the first record of this process (forked workers inherit us)
            self._fd = os.open(os.path.join(self.dir, "%d.bin" % pid),
                               os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self._pid, self._offset = pid, 0
        data = memoryview(self._dumps(record, -1))
        start = self._offset
        while data:
            written = os.write(self._fd, data)
            data = data[written:]
            self._offset += written
        return (pid << 72) | (start << 32) | (self._offset - start)

    def get(self, handle: int) -> Any:
        pid, offset, length = handle >> 72, (handle >> 32) & _OFFSETS, handle & _LENGTHS
        f = self._readers.get(pid)
        if f is None:
            f = self._readers[pid] = open(os.path.join(self.dir, "%d.bin" % pid), "rb")
        f.seek(offset)
        return self._loads(f.read(length))

    def close(self) -> None:
        self._cleanup()


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
