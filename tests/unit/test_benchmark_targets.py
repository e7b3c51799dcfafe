"""benchmarks/run.py says of each target of the portfolio-scale issue whether a run met it."""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
import run  # noqa: E402


def _run(wall: float, rss: float = 40.0) -> dict:
    return {"wall": wall, "rss": rss, "cpu": wall, "sha256": "", "code": 0}


def test_each_target_is_met_or_missed_with_its_figure():
    rows = [("generated", 1000, 1.0, {"json": _run(3.0)}, None),
            ("generated", 10000, 16.0, {"json": _run(30.4), "html": _run(80.0, 67.0)}, None),
            ("realistic", 1000, 2.0, {"json": _run(4.0)}, None),
            ("realistic", 10000, 19.0, {"json": _run(29.9), "markdown": _run(45.0, 505.0)}, None)]
    lines = run.target_lines(rows, {"wall": 75.0}, 10000)
    assert lines == [
        "target MISSED: generated 10000 at most 1.5x the parse floor: 1.90x",
        "target met: generated 10000 peak RSS under 150 MB in every format: largest 67 MB (html)",
        "target met: realistic 10000 at most 2.0x the parse floor: 1.57x",
        "target MISSED: realistic 10000 peak RSS under 150 MB in every format: largest 505 MB "
        "(markdown)",
        "target met: generated 1000 -> 10000 at most x11 the time: x10.1 wall",
        "target met: realistic 1000 -> 10000 at most x11 the time: x7.5 wall",
        "target MISSED: one business function shared by all 10000 under a minute: 75.0 s",
    ]
