"""Write engine/packaged_rules.json: the default rule pack as parsed, for a fast start-up.

    python tools/freeze_rules.py

Run it after changing a file under rules/ (tests/unit/test_frozen_pack.py fails until you do;
idm itself falls back to parsing any file whose SHA-256 no longer matches).
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from idm.engine.pack.rulepack import PARSED_PACK, freeze_pack  # noqa: E402

if __name__ == "__main__":
    target = os.path.join(ROOT, "engine", PARSED_PACK)
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(freeze_pack())
    print("wrote", os.path.relpath(target, ROOT))
