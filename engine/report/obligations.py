"""What the HTML reports show of the format v1.1 fields: AI systems and records under design
(Inrichten), channels and procurements under operations (Verrichten), and the dashboard's AI
register and channels views.

Plain functions of an initiative's data and a language, so the page builders only place their
output; values of the file are shown as written, enum values with their label.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Tuple

from ..i18n import catalogue, money


def get_path(data: Any, *path: str) -> Any:
    """The value at `path` in nested mappings, or None where a step is missing or not a mapping."""
    for p in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(p)
    return data


def _items(value: Any) -> List[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return str(value).strip() if value is not None and not isinstance(value, (dict, list)) \
        else ""


def _enum(kind: str, value: Any, lang: str) -> str:
    text = _text(value)
    return (catalogue(lang).get("report.%s.%s" % (kind, text)) or text) if text else ""


def _line(label: str, name: str, detail: str) -> str:
    return "%s: %s%s" % (label, name, " (%s)" % detail if detail else "")


def placed(data: Mapping[str, Any], lang: str) -> Dict[str, List[str]]:
    """Short lines per domain: AI systems and records under design, channels and procurements
    under operations (for the seven W's and the ring); a domain with none is left out."""
    L = catalogue(lang).section("report")  # noqa: N806
    design = [_line(L["ai_system"], _text(a.get("name")) or "?",
                    _enum("risk_class", a.get("risk_class"), lang))
              for a in _items(data.get("ai_systems"))]
    records = get_path(data, "design", "records")
    if isinstance(records, Mapping):
        if _text(records.get("selectielijst")):
            design.append(_line(L["records"], _text(records["selectielijst"]), ""))
        for r in _items(records.get("retention")):
            detail = " ".join(x for x in (_text(r.get("term")),
                                          _enum("records_action", r.get("action"), lang)) if x)
            design.append(_line(L["records"], _text(r.get("object")) or "?", detail))
    operations = [_line(L["channel"], _text(c.get("name")) or "?",
                        _enum("channel_type", c.get("type"), lang))
                  for c in _items(get_path(data, "operations", "channels"))]
    operations += [_line(L["procurement"], _text(p.get("name")) or "?",
                         money(p.get("value_eur"), lang))
                   for p in _items(get_path(data, "operations", "procurements"))]
    out = {}
    if design:
        out["design"] = design
    if operations:
        out["operations"] = operations
    return out


Initiative = Tuple[str, str, Mapping[str, Any]]     # (id, anchor, data)


def ai_register(initiatives: Iterable[Initiative], lang: str) -> List[Dict[str, str]]:
    """Every AI system of the portfolio: risk class, oversight, FRIA and register status."""
    L = catalogue(lang).section("report")  # noqa: N806
    rows = []
    for ident, anchor, data in initiatives:
        for a in _items(data.get("ai_systems")):
            fria = a.get("fria") if isinstance(a.get("fria"), Mapping) else {}
            reg = a.get("register") if isinstance(a.get("register"), Mapping) else {}
            registered = [n for n, k in (("Algoritmeregister", "algoritmeregister"),
                                         ("EU", "eu_database")) if _text(reg.get(k))]
            rows.append({
                "initiative": ident, "anchor": anchor, "name": _text(a.get("name")) or "?",
                "risk_key": _text(a.get("risk_class")) or "none",
                "risk": _enum("risk_class", a.get("risk_class"), lang) or L["not_stated"],
                "role": _enum("ai_role", a.get("role"), lang) or L["not_stated"],
                "oversight": L["yes"] if _text(a.get("human_oversight")) else L["no"],
                "fria": " ".join(x for x in (_enum("fria", fria.get("status"), lang),
                                             _text(fria.get("date"))) if x) or L["not_stated"],
                "register": ", ".join(registered) or L["no"]})
    return rows


def channels(initiatives: Iterable[Initiative], lang: str) -> List[Dict[str, str]]:
    """Every channel of the portfolio: HTTPS/HSTS and accessibility status."""
    L = catalogue(lang).section("report")  # noqa: N806
    rows = []
    for ident, anchor, data in initiatives:
        for c in _items(get_path(data, "operations", "channels")):
            acc = c.get("accessibility") if isinstance(c.get("accessibility"), Mapping) else {}
            secure = c.get("https") is True and c.get("hsts") is True
            status = _text(acc.get("status"))
            statement = L["yes"] if _text(acc.get("statement_url")) else L["no"]
            rows.append({
                "initiative": ident, "anchor": anchor, "name": _text(c.get("name")) or "?",
                "type": _enum("channel_type", c.get("type"), lang) or L["not_stated"],
                "url": _text(c.get("url")),
                "secure_key": "yes" if secure else "no",
                "secure": L["yes"] if secure else L["no"],
                "accessibility": "%s: %s, %s: %s" % (L["statement"], statement, L["status"],
                                                      status or L["not_stated"]),
                "accessibility_key": status or "none"})
    return rows

