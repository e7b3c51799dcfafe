"""Run one target under atheris (libFuzzer); seed corpus: the examples and the default pack."""
from __future__ import annotations

import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main(target: str) -> None:
    import atheris
    with atheris.instrument_imports(include=["engine", "yaml", "jsonschema"]):
        from fuzz.targets import TARGETS
    seeds = [a for a in sys.argv[1:] if not a.startswith("-")]
    if not seeds:   # a corpus folder in /tmp, seeded with real files, unless one is given
        import shutil
        import tempfile
        corpus = tempfile.mkdtemp(prefix="idm-corpus-%s-" % target)
        pattern = "examples/**/*.yaml" if target == "loader" else "rules/*.yaml"
        for f in glob.glob(os.path.join(ROOT, pattern), recursive=True):
            shutil.copy(f, corpus)
        sys.argv.append(corpus)
    fn = TARGETS[target]
    atheris.Setup(sys.argv, fn)
    atheris.Fuzz()
