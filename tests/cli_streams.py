"""Run the idm command line in-process with its stdout and stderr captured apart.

Click changed `CliRunner` in 8.2: before it, stderr is kept apart only with `mix_stderr=False`
and `isolation()` yields two streams; from 8.2 on it always is, and `isolation()` yields three.
The tests run against every Click that pyproject allows, so this one place bridges both.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import IO, Iterator, Tuple

from click.testing import CliRunner


@contextmanager
def captured() -> Iterator[Tuple[IO[bytes], IO[bytes]]]:
    """(stdout, stderr) as byte buffers while the block runs."""
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]   # Click < 8.2
    except TypeError:
        runner = CliRunner()
    with runner.isolation() as streams:
        yield streams[0], streams[1]
