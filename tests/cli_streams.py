"""Run the idm command line in-process with its stdout and stderr captured apart.

Click changed `CliRunner` in 8.2: before it, stderr is kept apart only with `mix_stderr=False`
and `isolation()` yields two streams; from 8.2 on it always is, and `isolation()` yields three.
The tests run against every Click that pyproject allows, so this one place bridges both.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import IO, Iterator, Optional, Tuple

from click.testing import CliRunner


class Kept:
    """A captured stream whose bytes can still be read after the block: Click < 8.2 wraps its
    buffers in text streams whose collection closes them as the block ends."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.value: Optional[bytes] = None

    def getvalue(self) -> bytes:
        return self.value if self.value is not None else self.stream.getvalue()  # type: ignore

    def keep(self) -> None:
        self.value = self.stream.getvalue()  # type: ignore[attr-defined]


@contextmanager
def captured() -> Iterator[Tuple[Kept, Kept]]:
    """(stdout, stderr) as byte buffers while the block runs, and readable after it."""
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]   # Click < 8.2
    except TypeError:
        runner = CliRunner()
    with runner.isolation() as streams:
        out, err = Kept(streams[0]), Kept(streams[1])
        try:
            yield out, err
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            out.keep()
            err.keep()
