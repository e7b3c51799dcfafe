"""Steps of the result cache (features/ci/cache.feature)."""
from __future__ import annotations

import glob
import os

from pytest_bdd import given, parsers, then

from idm.engine.check.cachecodec import digest

ENTRIES = os.path.join(".idm", "cache", "??", "*.json")


def _entries(workdir) -> list:
    return sorted(glob.glob(os.path.join(str(workdir), ENTRIES)))


@then(parsers.parse("the result cache holds {count:d} entries"))
def cache_holds(workdir, count: int) -> None:
    assert len(_entries(workdir)) == count, _entries(workdir)


@given("every entry of the result cache is overwritten with other bytes")
def corrupt_entries(workdir) -> None:
    found = _entries(workdir)
    assert found
    for k, path in enumerate(found):
        with open(path, "r+b") as fh:
            data = fh.read()
            # Half of them torn (as a killed writer would leave them), half with a changed body
            # under the original header (bit rot, or a hand edit).
            fh.seek(0)
            fh.truncate()
            fh.write(data[:len(data) // 2] if k % 2 else data.replace(b"warning", b"info"))


@given("the record of the last run is removed")
def forget_last_run(workdir) -> None:
    """Without it, a check reads every file and its entry (docs/cache.md, "The last run")."""
    folder = os.path.join(str(workdir), ".idm", "cache", "runs")
    assert os.path.isdir(folder)
    for name in os.listdir(folder):
        os.unlink(os.path.join(folder, name))


@then("every entry of the result cache is whole")
def entries_whole(workdir) -> None:
    for path in _entries(workdir):
        with open(path, "rb") as fh:
            data = fh.read()
        head, _, body = data.partition(b"\n")
        assert head.startswith(b"idm-cache ") and head.endswith(digest(body).encode()), path


@then(parsers.parse('the file "{name}" exists'))
def file_exists(workdir, name: str) -> None:
    assert (workdir / name).exists()
