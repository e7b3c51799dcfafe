"""Rewrite the field-test table of docs/rule-language.md from the operator registry
(engine/pack/operators); tests/unit/test_operators.py fails while the two differ.

    python -m tests.regenerate_operator_docs
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from idm.engine.pack.operators import TABLE_BEGIN, TABLE_END, reference_table

DOC = Path(__file__).resolve().parent.parent / "docs" / "rule-language.md"


def with_table(text: str) -> str:
    """`text` with the generated block between its markers replaced by the current table."""
    begin = text.index(TABLE_BEGIN)
    end = text.index(TABLE_END) + len(TABLE_END)
    return text[:begin] + reference_table() + text[end:]


def main() -> None:
    text = with_table(DOC.read_text(encoding="utf-8"))
    fd, tmp = tempfile.mkstemp(dir=str(DOC.parent), suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    os.replace(tmp, DOC)


if __name__ == "__main__":
    main()
