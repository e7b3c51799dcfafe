"""`idm rules list` and `idm rules docs`: the rule catalogue, rendered from the rules themselves.

Output is deterministic (rules sorted by id, categories in the model's order), so the committed
catalogue under docs/rules/ can be compared byte for byte with a fresh one (a unit test does).
"""
from __future__ import annotations

import json
import re
from typing import Dict, List, Optional, Sequence, Tuple

from ..errors import escape_controls
from ..i18n import catalogue
from ..model import CATEGORIES
from ..pack.refdata import snapshot_text
from ..pack.rulepack import RuleSet, RuleSpec
from ..report.labels import heading_anchor
from ..report.mdtext import inline
from .explain import flow_yaml, localised, target_text
from ..pack.params import in_force
from .render import condition_lines, literal

LIST_FORMATS = ("text", "json", "markdown")
COLUMNS = ("id", "severity", "category", "domain", "title")
DATA_COLUMNS = ("name", "snapshot", "items", "source", "title")


def _headings(columns: Sequence[str], lang: str, area: str = "column") -> List[str]:
    words = catalogue(lang)
    return [words("catalogue.%s.%s" % (area, c)) for c in columns]


def select(ruleset: RuleSet, category: Optional[str] = None, domain: Optional[str] = None
           ) -> List[RuleSpec]:
    # The comply-or-explain rules added to another pack belong to the default pack's catalogue.
    return [s for s in sorted(ruleset.specs, key=lambda s: s.id) if not s.implicit
            and (category is None or s.rule.category == category)
            and (domain is None or s.rule.domain == domain)]


def _cell(text: str) -> str:
    """A rule pack's text in a table cell: inert Markdown on one line (mdtext.inline)."""
    return inline(text, " ")


def render_list(specs: Sequence[RuleSpec], fmt: str = "text", lang: str = "en") -> str:
    """The catalogue as an aligned text table, a JSON array or a Markdown table."""
    rows = [(s.id, s.rule.severity.name, s.rule.category, s.rule.domain,
             localised(s.rule.title, lang)) for s in specs]
    if fmt == "json":
        keys = COLUMNS
        return json.dumps([dict(zip(keys, r)) for r in rows], ensure_ascii=False, indent=2) + "\n"
    return _table(_headings(COLUMNS, lang), rows, fmt)


def render_data(ruleset: RuleSet, fmt: str = "text", lang: str = "en") -> str:
    """The reference data sets of the loaded packs, by name, with their snapshot dates (and the
    date of the snapshot a newer one replaced)."""
    sets = [ruleset.defs.data[n] for n in sorted(ruleset.defs.data)]
    rows = [(d.name, snapshot_text(d, lang), str(len(d.items)), d.source,
             localised(d.title, lang)) for d in sets]
    if fmt == "json":
        return json.dumps([{"name": d.name, "snapshot": d.snapshot, "source": d.source,
                            "title": localised(d.title, lang), "file": d.file,
                            "match": list(d.modes),
                            "replaces": None if d.replaces is None else
                            {"snapshot": d.replaces[0], "file": d.replaces[1]},
                            "items": [{"name": i.name, "status": i.status,
                                       "aliases": list(i.aliases),
                                       "attributes": dict(i.attributes)} for i in d.items]}
                           for d in sets], ensure_ascii=False, indent=2) + "\n"
    return _table(_headings(DATA_COLUMNS, lang, "data_column"), rows, fmt)


PARAM_COLUMNS = ("name", "type", "value", "default", "source", "description")


def render_params(ruleset: RuleSet, fmt: str = "text", lang: str = "en") -> str:
    """The parameters of the loaded packs with the values in force (docs/rule-language.md,
    "Parameters"): the default, or the project's value from .idm.yaml."""
    rows = in_force(ruleset)
    if fmt == "json":
        return json.dumps([{"name": p.key, "type": p.type, "value": p.value,
                            "default": p.default, "source": p.source,
                            "description": localised(p.description, lang) if p.description
                            else ""} for p in rows], ensure_ascii=False, indent=2) + "\n"
    words = catalogue(lang)
    cells = [(p.key, p.type, _param_value(p.value, words), _param_value(p.default, words),
              words("catalogue.param_source." + p.source),
              localised(p.description, lang) if p.description else "") for p in rows]
    table = _table(_headings(PARAM_COLUMNS, lang, "param_column"), cells, fmt)
    return "\n".join(line.rstrip() for line in table.split("\n"))   # an empty description


def _param_value(value: object, words: object) -> str:
    if value is None:
        return words("message.not_given")   # type: ignore[operator]
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(_param_value(v, words) for v in value)
    return literal(value) if not isinstance(value, str) else value


def _rule_section(ruleset: RuleSet, spec: RuleSpec, lang: str) -> List[str]:
    L = catalogue(lang).section("explain")  # noqa: N806
    r = spec.rule
    pats = ruleset.defs.patterns
    out = ["## %s %s" % (_cell(r.id), _cell(localised(r.title, lang))), ""]
    facts = ["**%s:** %s" % (L["severity"], r.severity.name),
             "**%s:** %s" % (L["domain"], _cell(r.domain)),
             "**%s:** %s" % (L["waivable"], L["yes"] if r.waivable else L["no"])]
    if spec.valid_from or spec.valid_until:
        facts.append("**%s:** %s .. %s" % (L["valid"], spec.valid_from or "",
                                           spec.valid_until or ""))
    out += [" · ".join(facts), ""]
    out += ["**%s:** %s" % (L["message"], _cell(localised(r.message, lang))), ""]
    if r.rationale:
        out += ["**%s:** %s" % (L["rationale"], _cell(localised(r.rationale, lang))), ""]
    out += ["**%s:**" % L["condition"], ""]
    out += _fenced("text", condition_lines(spec, lang, pats))
    if spec.aggregate is None:
        out += ["**%s:** `%s`" % (L["at"], target_text(spec, lang)), ""]
    if spec.reading:
        out += ["**%s:** %s" % (L["reading"], _cell(localised(spec.reading, lang))), ""]
    if r.remediation:
        out += ["**%s:** %s" % (L["remediation"], _cell(localised(r.remediation, lang))), ""]
    if r.references:
        out += ["**%s:**" % L["references"], ""]
        out += ["- [%s](%s)" % (_cell(ref.title), _url(ref.url)) if ref.url
                else "- %s" % _cell(ref.title) for ref in r.references]
        out.append("")
    if spec.examples:
        out += ["**%s:**" % L["examples"], ""]
        lines = []
        for kind, label in (("fail", L["fires"]), ("pass", L["passes"])):
            for ex in spec.examples.get(kind) or []:
                lines.append("# %s" % label)
                lines.append(flow_yaml(ex))
        out += _fenced("yaml", lines)
    return out


def _fenced(info: str, lines: List[str]) -> List[str]:
    """A fenced code block longer than any run of backticks in `lines`, so a pack's text
    cannot close it early; control characters shown as escapes."""
    body = [escape_controls(line) for line in lines]
    longest = max((len(run) for line in body for run in re.findall("`{3,}", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info] + body + [fence, ""]


def _url(url: str) -> str:
    """A link target from a pack: only http(s) and mailto are links (anything else links
    nowhere); one with spaces, brackets or backslashes goes in angle brackets with those
    percent-encoded, so it cannot leave its link."""
    if not re.match(r"(?i)(https?:|mailto:)", url):
        return "#"
    if not re.search(r"[\s()<>\\]", url):
        return url
    return "<%s>" % re.sub(r"[<>\s\\]", lambda m: "%%%02X" % ord(m.group()), url)




def render_docs(ruleset: RuleSet, lang: str = "en") -> Dict[str, str]:
    """File name -> Markdown: README.md (the index) and one page per category."""
    words = catalogue(lang)
    title, note = words("catalogue.title"), words("catalogue.note")
    head = _headings(COLUMNS, lang)
    by_cat: Dict[str, List[RuleSpec]] = {}
    for s in sorted((s for s in ruleset.specs if not s.implicit), key=lambda s: s.id):
        by_cat.setdefault(s.rule.category, []).append(s)
    order = [c for c in CATEGORIES if c in by_cat] + sorted(set(by_cat) - set(CATEGORIES))
    pages: Dict[str, str] = {}
    index = ["# %s" % title, "", note, ""]
    for cat in order:
        specs = by_cat[cat]
        index += ["## [%s](%s.md)" % (cat.capitalize(), cat), "",
                  "| %s |" % " | ".join(head[:2] + head[3:]),
                  "|---|---|---|---|"]
        index += ["| [%s](%s.md#%s) | %s | %s | %s |" % (
            s.id, cat, _anchor(s, lang), s.rule.severity.name, s.rule.domain,
            _cell(localised(s.rule.title, lang))) for s in specs]
        index.append("")
        body = ["# %s: %s" % (title, cat), "", note, "", words.plural("catalogue.rule_count", len(specs)) % len(specs), ""]
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
