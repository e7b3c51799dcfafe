"""How grave a finding is, for the order of the board pages' attention list and rule summary.

Severity first; within one severity, the category of the rule: a legal obligation (a prohibited
AI practice, personal data outside the EU) before information and technology risks, those before
business and portfolio concerns, and a coverage gap (a domain not yet described) last, because
it says what is unknown rather than what is wrong.  The rule id breaks ties, so the order is
the same on every run.
"""
from __future__ import annotations

from typing import Tuple

from ..model import Severity

CATEGORY_GRAVITY = ("legislation", "information", "technology", "business", "portfolio",
                    "coverage")
_RANK = {c: i for i, c in enumerate(CATEGORY_GRAVITY)}


def gravity(severity: Severity, category: str, rule: str) -> Tuple[int, int, str]:
    """A sort key: the gravest first."""
    return (-int(severity), _RANK.get(category, len(CATEGORY_GRAVITY)), rule)
