"""What the fuzzers call: bytes in, either a result or an InputError out; anything else is a bug.

Shared by the atheris fuzzers (fuzz_loader.py, fuzz_rulepack.py), the hypothesis fallback and the
replay of tests/fixtures/fuzz-regressions/ (tests/unit/test_fuzz.py).
"""
from __future__ import annotations

import os
import tempfile

from idm.engine.inputs import validate
from idm.engine.errors import InputError
from idm.engine.inputs.loader import Limits, parse_yaml, read_text

# Small limits keep every input cheap, so the fuzzer spends its time on the code, not on size.
LIMITS = Limits(max_bytes=64 * 1024, max_nodes=5000, max_depth=32)


def load_initiative(data: bytes) -> None:
    """engine.inputs.loader.read_text + parse_yaml + schema validation of one initiative file."""
    try:
        doc = parse_yaml("fuzz.yaml", read_text("fuzz.yaml", data, LIMITS), LIMITS)
    except InputError:
        return
    if isinstance(doc.data, dict):
        for p in validate.problems(doc, "initiative"):
            str(p)   # every problem must render as its one line


_FOLDER = None


def load_rulepack(data: bytes) -> None:
    """The rule-pack loader (engine.pack.rulepack.load_ruleset_collecting) on one file."""
    global _FOLDER
    from idm.engine.pack.rulepack import load_ruleset_collecting
    if _FOLDER is None:
        _FOLDER = tempfile.mkdtemp(prefix="idm-fuzz-")
    path = os.path.join(_FOLDER, "pack.yaml")
    with open(path, "wb") as fh:
        fh.write(data)
    _, problems = load_ruleset_collecting([path], LIMITS)
    for p in problems:
        str(p)


TARGETS = {"loader": load_initiative, "rulepack": load_rulepack}
