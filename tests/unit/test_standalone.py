"""The repository stands on its own: nothing cites a document that is not in it."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# Written so that this file does not match itself ("[-]", "[/]").
OUTSIDE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|starter[-]rules|guides[/]|/work[/]shared|"
                     r"\bseed \d{3}\b", re.IGNORECASE)


def test_no_file_cites_a_document_outside_the_repository():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    files = listed.stdout.split() if listed.returncode == 0 else \
        [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".git" not in p.parts]
    found = []
    for name in files:
        if name == "tests/unit/test_standalone.py" or name.startswith(".venv"):
            continue
        try:
            text = (ROOT / name).read_text("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        found += ["%s: %s" % (name, m.group(0)) for m in OUTSIDE.finditer(text)]
    assert found == []
