"""Rewrite the golden reports in tests/fixtures/expected/ (then read the diff before committing).

Each file is what `idm check examples/ --date 2026-11-22 --jobs 1 --format FORMAT` prints, run in
a temporary directory holding a copy of examples/, so the paths in the reports are always
`examples/...`.  tests/test_golden.py compares the current output with these files byte for byte.

    python -m tests.regenerate_golden
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Dict, Iterator, Tuple

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
ARGS = ["check", "examples/", "--date", "2026-11-22", "--jobs", "1"]
# format -> golden file name
GOLDEN = {"text": "examples.txt", "json": "examples.json", "sarif": "examples.sarif",
          "junit": "examples.junit.xml"}
EXIT_CODE = 1   # the examples have errors on purpose


@contextlib.contextmanager
def examples_copy() -> Iterator[Path]:
    """A temporary working directory holding examples/, restored afterwards."""
    before = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="idm-golden-") as tmp:
        shutil.copytree(ROOT / "examples", Path(tmp) / "examples")
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(before)


def render(fmt: str) -> Tuple[int, bytes, bytes]:
    """(exit code, stdout, stderr) of the golden command in `fmt`, run in-process."""
    from tests.cli_streams import captured
    from idm import cli   # before the chdir: the working directory may be what puts cli on sys.path
    with examples_copy(), captured() as (out, err):
        code = cli.run(ARGS + ["--format", fmt])
        return code, out.getvalue(), err.getvalue()


def render_all() -> Dict[str, bytes]:
    out = {}
    for fmt, name in GOLDEN.items():
        code, stdout, stderr = render(fmt)
        if code != EXIT_CODE or stderr:
            raise SystemExit("%s: exit %d, stderr %r" % (fmt, code, stderr.decode()))
        out[name] = stdout
    return out


def main() -> None:
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for name, data in render_all().items():
        (EXPECTED / name).write_bytes(data)
        print("wrote", (EXPECTED / name).relative_to(ROOT))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
