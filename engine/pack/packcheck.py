"""What a rule needs beyond its schema and condition before any run may use it: both languages,
titled references, message placeholders the rule can fill, a validity window that is not empty.

`idm rules lint` reports these; `idm check`, `idm rules test` and every other command refuse a
pack that has any of them (one line per problem, exit 2), so a rule that lint rejects never runs.
"""
from __future__ import annotations

from typing import Any, Dict, List, Set

from ..errors import InputError, Problem
from ..i18n import Text, said
from ..inputs.loader import Document
from ..messages import placeholders
from ..model import LANGS
from .language import Definitions, Parser, Scope, decision_type

TEXT_FIELDS = ("title", "message", "rationale", "remediation")


def fillable(spec: Any) -> Set[str]:
    """The placeholder names the engine fills for this rule besides document and item fields."""
    names = {"value", "missing"} | set(spec.params) | set(spec.message_params)
    if any(mode == "entries" for mode, _ in spec.for_each):
        names.add("key")
    if spec.pairs is not None:
        names.add("others")
    if spec.groups is not None:
        names.add("count")
    if spec.aggregate is not None:
        names = set(spec.params) | set(spec.message_params) | {n for n, _ in spec.aggregate.sums}
        if spec.aggregate.count:
            names.add(spec.aggregate.count)
    return names


def rule_problems(doc: Document, ypath: str, raw: Dict[str, Any], spec: Any,
                  defs: Definitions) -> List[Problem]:
    """Every problem of one rule of `doc` at `ypath` (spec: the loaded rule, None if unloadable)."""
    out: List[Problem] = []

    def add(path: str, message: Text) -> None:
        line, col = doc.position(path)
        out.append(Problem.of(doc.file, message, line, col, path))

    for name in TEXT_FIELDS:
        value = raw.get(name)
        if value is None:
            continue        # an absent rationale or remediation is a lint warning only
        if not isinstance(value, dict):
            continue        # the schema already refuses it
        # English is what every language falls back to; a missing translation is a lint warning
        text = value.get("en")
        if not isinstance(text, str) or not text.strip():
            add("%s.%s" % (ypath, name), said("pack.no_english", field=name))
    for i, ref in enumerate(raw.get("references") or []):
        # An absent or empty title is a schema error already; a blank one is not.
        title = ref.get("title") if isinstance(ref, dict) else None
        if isinstance(title, str) and title and not title.strip():
            add("%s.references[%d].title" % (ypath, i), said("pack.reference_title"))
    start, end = raw.get("valid_from"), raw.get("valid_until")
    if start is not None and end is not None and str(start) > str(end):
        add(ypath + ".valid_until", said("pack.never_in_force", end=end, start=start))
    if spec is not None:
        message = raw.get("message") if isinstance(raw.get("message"), dict) else {}
        for lang in LANGS:
            text = message.get(lang)
            if isinstance(text, str):
                out.extend(_placeholder_problems(doc, "%s.message.%s" % (ypath, lang), text,
                                                 spec, defs))
    return out


def _placeholder_problems(doc: Document, ypath: str, text: str, spec: Any,
                          defs: Definitions) -> List[Problem]:
    names = placeholders(text)
    if all(n in ("value", "missing") for n in names):
        return []                   # the common case: nothing to resolve
    allowed = fillable(spec)
    root = decision_type() if getattr(spec, "subject", "") == "decision" else defs.root()
    parser = Parser(defs, doc.file, doc.position, root=root)
    fields = set(root.prop_names()) | set(spec.bound)
    where = said("pack.placeholder_where_item" if "item" in spec.bound
                 else "pack.placeholder_where_document")
    line, col = doc.position(ypath)
    out = []
    for name in names:
        if name in allowed:
            continue
        first = name.split(".")[0]
        if spec.aggregate is not None or first in allowed or first not in fields:
            can: Text = ", ".join(sorted(allowed))
            if spec.aggregate is None:
                can = said("pack.placeholder_or_field", names=can, where=where)
            out.append(Problem.of(doc.file, said("pack.placeholder_unfillable", name=name, can=can),
                                  line, col, ypath))
            continue
        try:
            parser.path(name, ypath, Scope(dict(spec.bound)))
        except InputError as e:
            problem = e.problem.said or e.problem.message
            out.append(Problem.of(doc.file, said("pack.placeholder", name=name, problem=problem),
                                  line, col, ypath))
    return out
