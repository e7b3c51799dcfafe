"""The fields packs declare, with one initiative's values, grouped under each pack's title: what
the dossier and the HTML report show (docs/rule-language.md, "Fields declared by packs")."""
from __future__ import annotations

from typing import Any, Dict, List

from ..inputs.fields import DeclaredFields, values


def text(value: Any) -> str:
    """A value on one line: a mapping as `key: value, ...`, a list joined by commas."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return ", ".join("%s: %s" % (k, text(v)) for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(text(v) for v in value if v is not None)
    return str(value)


def sections(fields: Any, data: Any, lang: str, not_given: str) -> List[Dict[str, Any]]:
    """[{title, pack, fields: [{title, path, given: [{where, text}]}]}], one per pack that
    declares fields; empty when none does (so reports of other runs keep their bytes)."""
    if not isinstance(fields, DeclaredFields) or not fields:
        return []
    out = []
    for pack, title, declared in fields.by_pack():
        rows = []
        for f in declared:
            found = values(data, f)
            shown = [{"where": path if "[" in path else "", "text": text(v)} for path, v in found]
            rows.append({"title": f.title.get(lang) or f.title.get("en") or f.name,
                         "path": f.path, "given": shown or [{"where": "", "text": not_given}]})
        out.append({"pack": pack, "title": title.get(lang) or title.get("en") or pack,
                    "fields": rows})
    return out
