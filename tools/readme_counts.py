"""The counts the README states about the default rule pack, generated from the pack, so they
cannot drift (a README once said 45 rules when the pack had 61).

    python tools/readme_counts.py          # rewrite the sentence in README.md
    python tools/readme_counts.py --check  # exit 1 when README.md is out of date

The sentence stands between `<!-- rule-counts -->` and `<!-- /rule-counts -->`;
tests/unit/test_readme_counts.py fails while it differs from what the pack gives.
"""
from __future__ import annotations

import os
import re
import sys
from collections import Counter
from typing import List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
MARKED = re.compile(r"(<!-- rule-counts -->)(.*?)(<!-- /rule-counts -->)", re.S)
# Rule id prefixes in the order the README names them, with the words it uses.
PREFIXES = (("LEG", "legislation"), ("BUS", "business"), ("INF", "information"),
            ("TEC", "technology"), ("COV", "coverage"), ("EXC", "comply-or-explain"),
            ("ALG", "Algoritmeregister publication checks"),
            ("POR", "portfolio rules across the initiatives of one run"))


def sentence() -> str:
    """'The default pack has N rules: legislation (`LEG`, 19), ...' from the bundled pack."""
    from idm.engine.pack.rulepack import load_ruleset_collecting
    ruleset, problems = load_ruleset_collecting(None)
    if problems:
        raise SystemExit("the default pack does not load: %s" % problems[0])
    ids = [s.rule.id for s in ruleset.specs]
    per = Counter(i.split("-")[0] for i in ids)
    unknown = sorted(set(per) - {p for p, _ in PREFIXES})
    if unknown:
        raise SystemExit("name the rule prefixes %s in tools/readme_counts.py" % unknown)
    parts = ["%s (`%s`, %d)" % (words, prefix, per[prefix]) for prefix, words in PREFIXES
             if per[prefix]]
    return "The default pack has %d rules: %s and %s." % (len(ids), ", ".join(parts[:-1]),
                                                          parts[-1])


def updated(text: str) -> str:
    if not MARKED.search(text):
        raise SystemExit("README.md has no <!-- rule-counts --> marker")
    return MARKED.sub(lambda m: m.group(1) + sentence() + m.group(3), text)


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with open(README, encoding="utf-8") as fh:
        text = fh.read()
    new = updated(text)
    if "--check" in argv:
        return 0 if new == text else 1
    if new != text:
        with open(README, "w", encoding="utf-8") as fh:   # a maintainer's tool, not idm
            fh.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
