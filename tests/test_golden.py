"""The reports on the example initiatives, byte for byte (rewrite: python -m tests.regenerate_golden)."""
from __future__ import annotations

import pytest

from tests.regenerate_golden import EXIT_CODE, EXPECTED, GOLDEN, render


@pytest.mark.parametrize("fmt", sorted(GOLDEN))
def test_report_matches_golden_file(fmt: str) -> None:
    code, stdout, stderr = render(fmt)
    assert (code, stderr) == (EXIT_CODE, b"")
    expected = (EXPECTED / GOLDEN[fmt]).read_bytes()
    assert stdout.decode("utf-8") == expected.decode("utf-8"), (
        "%s differs from tests/fixtures/expected/%s; if the change is intended, run "
        "python -m tests.regenerate_golden and review the diff" % (fmt, GOLDEN[fmt]))
