"""`idm rules list` and `idm rules docs`: the rule catalogue, rendered from the rules themselves.

Output is deterministic (rules sorted by id, categories in the model's order), so the committed
catalogue under docs/rules/ can be compared byte for byte with a fresh one (a unit test does).
"""
from __future__ import annotations

import json
from typing import Dict, List, Optional, Sequence, Tuple

from ..i18n import CATALOGUE_DATA_HEADINGS as DATA_HEADINGS
from ..i18n import CATALOGUE_HEADINGS as HEADINGS
from ..i18n import CATALOGUE_TITLES as TITLES
from ..i18n import EXPLAIN as LABELS
from ..model import CATEGORIES
from ..pack.rulepack import RuleSet, RuleSpec
from ..report.labels import heading_anchor
from .explain import flow_yaml, localised, target_text
from .render import condition_lines, sentence

LIST_FORMATS = ("text", "json", "markdown")


def select(ruleset: RuleSet, category: Optional[str] = None, domain: Optional[str] = None
           ) -> List[RuleSpec]:
    # The comply-or-explain rules added to another pack belong to the default pack's catalogue.
    return [s for s in sorted(ruleset.specs, key=lambda s: s.id) if not s.implicit
            and (category is None or s.rule.category == category)
            and (domain is None or s.rule.domain == domain)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_list(specs: Sequence[RuleSpec], fmt: str = "text", lang: str = "en") -> str:
    """The catalogue as an aligned text table, a JSON array or a Markdown table."""
    rows = [(s.id, s.rule.severity.name, s.rule.category, s.rule.domain,
             localised(s.rule.title, lang)) for s in specs]
    if fmt == "json":
        keys = HEADINGS["en"]
        return json.dumps([dict(zip(keys, r)) for r in rows], ensure_ascii=False, indent=2) + "\n"
    head = HEADINGS[lang]
    return _table(head, rows, fmt)


def render_data(ruleset: RuleSet, fmt: str = "text", lang: str = "en") -> str:
    """The reference data sets of the loaded packs, by name, with their snapshot dates."""
    sets = [ruleset.defs.data[n] for n in sorted(ruleset.defs.data)]
    rows = [(d.name, d.snapshot, str(len(d.items)), d.source, localised(d.title, lang))
            for d in sets]
    if fmt == "json":
        return json.dumps([{"name": d.name, "snapshot": d.snapshot, "source": d.source,
                            "title": localised(d.title, lang), "file": d.file,
                            "items": [{"name": i.name, "status": i.status,
                                       "aliases": list(i.aliases)} for i in d.items]}
                           for d in sets], ensure_ascii=False, indent=2) + "\n"
    head = DATA_HEADINGS[lang]
    return _table(head, rows, fmt)


def _rule_section(ruleset: RuleSet, spec: RuleSpec, lang: str) -> List[str]:
    L = LABELS[lang]
    r = spec.rule
    pats = ruleset.defs.patterns
    out = ["## %s %s" % (r.id, localised(r.title, lang)), ""]
    facts = ["**%s:** %s" % (L["severity"], r.severity.name),
             "**%s:** %s" % (L["domain"], r.domain),
             "**%s:** %s" % (L["waivable"], L["yes"] if r.waivable else L["no"])]
    if spec.valid_from or spec.valid_until:
        facts.append("**%s:** %s .. %s" % (L["valid"], spec.valid_from or "",
                                           spec.valid_until or ""))
    out += [" · ".join(facts), ""]
    out += ["**%s:** %s" % (L["message"], localised(r.message, lang)), ""]
    if r.rationale:
        out += ["**%s:** %s" % (L["rationale"], localised(r.rationale, lang)), ""]
    out += ["**%s:**" % L["condition"], "", "```text"]
    out += condition_lines(spec, lang, pats)
    out += ["```", ""]
    if spec.aggregate is None:
        out += ["**%s:** `%s`" % (L["at"], target_text(spec)), ""]
    if spec.reading:
        out += ["**%s:** %s" % (LABELS[lang]["reading"], localised(spec.reading, lang)), ""]
    if r.remediation:
        out += ["**%s:** %s" % (L["remediation"], localised(r.remediation, lang)), ""]
    if r.references:
        out += ["**%s:**" % L["references"], ""]
        out += ["- [%s](%s)" % (ref.title, ref.url) if ref.url else "- %s" % ref.title
                for ref in r.references]
        out.append("")
    if spec.examples:
        out += ["**%s:**" % L["examples"], "", "```yaml"]
        for kind, label in (("fail", L["fires"]), ("pass", L["passes"])):
            for ex in spec.examples.get(kind) or []:
                out.append("# %s" % label)
                out.append(flow_yaml(ex))
        out += ["```", ""]
    return out




def render_docs(ruleset: RuleSet, lang: str = "en") -> Dict[str, str]:
    """File name -> Markdown: README.md (the index) and one page per category."""
    title, note, word = TITLES[lang]
    by_cat: Dict[str, List[RuleSpec]] = {}
    for s in sorted((s for s in ruleset.specs if not s.implicit), key=lambda s: s.id):
        by_cat.setdefault(s.rule.category, []).append(s)
    order = [c for c in CATEGORIES if c in by_cat] + sorted(set(by_cat) - set(CATEGORIES))
    pages: Dict[str, str] = {}
    index = ["# %s" % title, "", note, ""]
    for cat in order:
        specs = by_cat[cat]
        index += ["## [%s](%s.md)" % (cat.capitalize(), cat), "",
                  "| %s |" % " | ".join(HEADINGS[lang][:2] + HEADINGS[lang][3:]),
                  "|---|---|---|---|"]
        index += ["| [%s](%s.md#%s) | %s | %s | %s |" % (
            s.id, cat, _anchor(s, lang), s.rule.severity.name, s.rule.domain,
            _cell(localised(s.rule.title, lang))) for s in specs]
        index.append("")
        body = ["# %s: %s" % (title, cat), "", note, "", "%d %s." % (len(specs), word), ""]
        for s in specs:
            body += _rule_section(ruleset, s, lang)
        pages["%s.md" % cat] = "\n".join(body).rstrip("\n") + "\n"
    pages["README.md"] = "\n".join(index).rstrip("\n") + "\n"
    return pages


def _anchor(spec: RuleSpec, lang: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    return heading_anchor("%s %s" % (spec.id, localised(spec.rule.title, lang)))


def _table(head: Sequence[str], rows: List[Tuple[str, ...]], fmt: str) -> str:
    """Rows as a Markdown table, or as aligned text columns with the last one left free."""
    if fmt == "markdown":
        lines = ["| %s |" % " | ".join(head), "|%s" % ("---|" * len(head))]
        lines += ["| %s |" % " | ".join(_cell(c) for c in r) for r in rows]
        return "\n".join(lines) + "\n"
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head[:-1])]
    lines = []
    for r in [tuple(h.upper() for h in head)] + rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    return "\n".join(lines) + "\n"
