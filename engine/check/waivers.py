"""Comply-or-explain exceptions: which rule each valid exception of an initiative waives.

Whether an exception is valid (named rule, justification, approver, expiry on the evaluation
date) is decided by durable_rules through the engine's built-in `exception_valid` condition;
this module only reads the firings.  It is the one place a finding gets its waiver.
"""
from __future__ import annotations

from typing import Dict, List, Mapping, Optional

from ..compile.compiler import HitKind
from ..durable.evaluator import Firing
from ..inputs.loader import Document
from ..model import Waiver
from ..pack.rulepack import RuleSpec
from ..textnorm import nfc_strip

Waivers = Mapping[str, Waiver]   # rule id -> the exception that waives its findings


def waivers(doc: Document, hits: List[Firing]) -> Dict[str, Waiver]:
    """Rule id -> the first valid exception that waives it."""
    out: Dict[str, Waiver] = {}
    valid = sorted(f.item for f in hits if f.hit.kind is HitKind.WAIVER)
    items = doc.data.get("principles", {}) or {}
    items = items.get("exceptions") or []
    for i in valid:
        e = items[i]
        rule = nfc_strip(str(e["rule"]))
        out.setdefault(rule, Waiver(str(e["justification"]).strip(),
                                    str(e["approved_by"]).strip(), str(e["expires"]), i))
    return out


def waiver_for(spec: RuleSpec, found: Waivers) -> Optional[Waiver]:
    """The waiver of this rule's findings on the initiative; none for a rule that is not
    waivable."""
    return found.get(spec.id) if spec.rule.waivable else None
