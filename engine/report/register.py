"""`idm exceptions DIR`: the comply-or-explain register of a portfolio, one row per exception.

Each row's status comes from the findings of a normal check (durable_rules decides EXC-001 ..
EXC-005 and which exception waives which finding) through exception_status, the one function
that the HTML report and the dossier use too; this module only tabulates them.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, TextIO

from ..compile.projection import present_items
from ..errors import BIDI_CONTROLS, escape_bidi, escape_controls
from ..i18n import catalogue
from ..model import RunResult
from .exception_status import STATUS_BY_RULE, flagged, register_status
from ..textnorm import spreadsheet_safe
COLUMNS = ("initiative", "file", "index", "rule", "justification", "approved_by", "expires",
           "status", "waives")


@dataclass(frozen=True)
class Entry:
    initiative: str
    file: str
    index: int
    rule: str
    justification: str
    approved_by: str
    expires: str
    status: str     # active | incomplete | expired | unknown-rule | not-waivable | too-long | stale
    waives: int                 # how many findings of this initiative it waives


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def register(result: RunResult) -> List[Entry]:
    """Every present exception of every checked initiative, in report order."""
    out: List[Entry] = []
    for ini in result.initiatives:
        items = ((ini.data.get("principles") or {}) if isinstance(ini.data, dict) else {})
        items = items.get("exceptions") if isinstance(items, dict) else None
        flags = flagged(ini)
        waives: Dict[int, int] = {}
        for f in ini.findings:
            if f.waiver is not None:
                waives[f.waiver.index] = waives.get(f.waiver.index, 0) + 1
        for i, item in present_items(items):
            item = item if isinstance(item, dict) else {}
            status = register_status(item.get("expires"), result.date, flags.get(i))
            out.append(Entry(ini.id, ini.file, i, _text(item.get("rule")),
                             _text(item.get("justification")), _text(item.get("approved_by")),
                             _text(item.get("expires")), status, waives.get(i, 0)))
    return out


def _row(e: Entry, lang: str) -> Dict[str, Any]:
    row = asdict(e)
    row["status"] = catalogue(lang)("register." + e.status)
    return row


def write(entries: List[Entry], fmt: str, out: TextIO, lang: str = "en") -> None:
    """The register as text (a table), json (a list of objects) or csv (a header row first)."""
    words = catalogue(lang)
    L = words.section("register")  # noqa: N806
    if fmt == "json":
        rows = [dict(asdict(e), status_label=L[e.status]) for e in entries]
        # Bidirectional controls as JSON escapes: the same values, but no raw U+202E that
        # reorders what a reader of the file sees.
        out.write(BIDI_CONTROLS.sub(lambda m: "\\u%04x" % ord(m.group()),
                            json.dumps({"exceptions": rows}, ensure_ascii=False, indent=2)) + "\n")
        return
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([L[c] for c in COLUMNS])
        for e in entries:
            row = _row(e, lang)
            w.writerow([spreadsheet_safe(escape_bidi(str(row[c]))) for c in COLUMNS])
        out.write(buf.getvalue())
        return
    if not entries:
        out.write(L["none"] + "\n")
        return
    shown = ("initiative", "index", "rule", "status", "expires", "approved_by", "waives",
             "justification")
    rows = [[L[c] for c in shown]] + [[escape_controls(str(_row(e, lang)[c])) for c in shown]
                                      for e in entries]
    widths = [max(len(r[k]) for r in rows) for k in range(len(shown) - 1)]
    for r in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths)) + "  " + r[-1] + "\n")
    counts: Dict[str, int] = {}
    for e in entries:
        counts[e.status] = counts.get(e.status, 0) + 1
    order = ["active"] + [s for _, s in STATUS_BY_RULE]
    initiatives = len({e.initiative for e in entries})
    out.write("\n" + L["summary"] % {
        "exceptions": words.plural("register.count.exceptions", len(entries)) % len(entries),
        "initiatives": words.plural("register.count.initiatives", initiatives) % initiatives,
        "statuses": ", ".join("%d %s" % (counts[s], L[s]) for s in order if s in counts)} + "\n")

