"""The JSON report: the shape documented in the README, stable key order, no timestamps."""
from __future__ import annotations

import io
import json
from typing import Any, Callable, Dict, Optional, TextIO, Tuple

from ..model import Finding, InitiativeResult, RunResult, Severity, Waiver
from .options import ReportOptions
from .parts import jobs_for, reused, write_parts
from .states import states_of


def finding_dict(f: Finding, lang: str, defaults: Optional[Dict[str, Severity]] = None
                 ) -> Dict[str, Any]:
    out: Dict[str, Any] = {
        "rule": f.rule, "severity": f.severity.name, "category": f.category, "domain": f.domain,
        "message": _message(f, lang), "path": f.path,
        "file": f.file or None, "line": f.line, "column": f.column, "waived": f.waived,
        "baselined": f.baselined,
    }
    if f.initiative is not None:
        out["initiative"] = f.initiative
    if f.waiver is not None:
        out["waiver"] = _waiver_dict(f.waiver)
    default = defaults.get(f.rule) if defaults else None
    if default is not None and default != f.severity:   # an override in .idm.yaml changed it
        out["severity_default"] = default.name
    return out


def _waiver_dict(w: Waiver) -> Dict[str, Any]:
    return {"justification": w.justification, "approved_by": w.approved_by,
            "expires": w.expires, "exception": "principles.exceptions[%d]" % w.index}


class _Text(str):
    """A value's JSON text, made already: `_dumps` writes it as it is."""


def _finding_text(f: Finding, lang: str, encode: Callable[[Any], str],
                  heads: Dict[tuple, str], defaults: Optional[Dict[str, Severity]] = None
                  ) -> _Text:
    """encode(finding_dict(f, lang, defaults)), the same text made faster: a portfolio's report
    holds a hundred thousand findings, and the start of each line depends only on its rule."""
    key = (f.rule, f.severity, f.category, f.domain)
    head = heads.get(key)
    if head is None:
        head = heads[key] = '{"rule": %s, "severity": %s, "category": %s, "domain": %s, ' \
            '"message": ' % (encode(f.rule), encode(f.severity.name), encode(f.category),
                             encode(f.domain))
    parts = [head, encode(_message(f, lang)), ', "path": ', encode(f.path), ', "file": ',
             encode(f.file) if f.file else "null", ', "line": ', _plain(f.line, encode),
             ', "column": ', _plain(f.column, encode), ', "waived": ',
             _plain(f.waived, encode), ', "baselined": ', _plain(f.baselined, encode)]
    if f.initiative is not None:
        parts += [', "initiative": ', encode(f.initiative)]
    if f.waiver is not None:
        parts += [', "waiver": ', encode(_waiver_dict(f.waiver))]
    default = defaults.get(f.rule) if defaults else None
    if default is not None and default != f.severity:
        parts += [', "severity_default": ', encode(default.name)]
    parts.append("}")
    return _Text("".join(parts))


def _plain(value: Any, encode: Callable[[Any], str]) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value) if type(value) is int else encode(value)


def _message(f: Finding, lang: str) -> str:
    # Rendered once: `get(lang, get("en"))` would render the English text for every finding too.
    text = f.message.get(lang)
    return text if text is not None else f.message.get("en", "")


def initiative_dict(r: InitiativeResult, lang: str = "en",
                    finding: Optional[Callable[[Finding], Any]] = None,
                    defaults: Optional[Dict[str, Severity]] = None) -> Dict[str, Any]:
    """The initiative's part of the report; `finding(f)`, when given, makes each finding's
    value instead of finding_dict."""
    states = states_of(r, r.coverage)
    return {
        "id": r.id, "title": r.title, "file": r.file, "phase": r.phase,
        "coverage": {d: {"covered": c.covered, "required": c.required,
                         "missing": list(c.missing), "state": states[d]}
                     for d, c in r.coverage.items()},
        "findings": [finding_dict(f, lang, defaults) for f in r.findings] if finding is None
        else [finding(f) for f in r.findings],
    }


def to_dict(result: RunResult, lang: str = "en") -> Dict[str, Any]:
    return {
        "tool": {"name": "idm", "version": result.tool_version},
        "date": result.date,
        "initiatives": [initiative_dict(r, lang, defaults=result.severity_defaults())
                        for r in result.initiatives],
        **_tail(result, lang),
    }


def _tail(result: RunResult, lang: str) -> Dict[str, Any]:
    defaults = result.severity_defaults()
    # Only a run with overrides has the key: the reports of other runs keep their bytes.
    head: Dict[str, Any] = {}
    if result.packs:   # only a run with a pack.yaml pack: other reports keep their bytes
        head["packs"] = list(result.packs)
    if result.overrides:
        head["overrides"] = [o.to_dict() for o in result.overrides]
    return {
        **head,
        "portfolio_findings": [finding_dict(f, lang, defaults)
                               for f in result.portfolio_findings],
        "errors": [p.to_dict(lang) for p in result.errors],
        "summary": result.summary(),
        "exit_code": result.exit_code(),
    }


def render(result: RunResult, lang: str = "en",
           options: Optional[ReportOptions] = None) -> str:
    out = io.StringIO()
    write(result, out, lang)
    return out.getvalue()


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """The report, written one initiative at a time: the text of `dumps(to_dict(...))` without
    ever holding all of a large portfolio's report (or results) in memory."""
    encode = _encoder()
    keys: Dict[Tuple[str, str], str] = {}
    out.write('{\n  "tool": %s,\n  "date": %s,\n  "initiatives": ' % (
        _dumps({"name": "idm", "version": result.tool_version}, 3, "  ", encode, keys),
        encode(result.date)))
    initiatives = result.initiatives
    heads: Dict[tuple, str] = {}
    defaults = result.severity_defaults()

    def finding(f: Finding) -> _Text:
        return _finding_text(f, lang, encode, heads, defaults)

    section = reused(result, "json", lang, options)

    def piece(k: int) -> str:
        return _dumps(initiative_dict(initiatives[k], lang, finding), 2, "    ", encode, keys)

    write_parts(len(initiatives), jobs_for(section, options), piece,
                lambda k: "[\n    " if k == 0 else ",\n    ", out, section)
    out.write("\n  ]" if len(initiatives) else "[]")
    for k, v in _tail(result, lang).items():
        out.write(",\n  %s: %s" % (encode(k), _dumps(v, 3, "  ", encode, keys)))
    out.write("\n}\n")


def dumps(value: Any, depth: int = 4) -> str:
    """JSON indented by two spaces down to `depth` levels, each deeper value on one line.

    One finding or coverage entry per line reads well and diffs well, and it lets the C
    encoder write the leaves: json.dumps(indent=...) falls back to the pure-Python encoder,
    which took longer than checking the initiatives of a large portfolio.
    """
    keys: Dict[Tuple[str, str], str] = {}
    return _dumps(value, depth, "", _encoder(), keys)


def _encoder() -> Callable[[Any], str]:
    """json.dumps(value, ensure_ascii=False) for one value, with the C encoder made once:
    JSONEncoder.encode makes a new one per call, and a report encodes a few values per finding."""
    from json.encoder import c_make_encoder, encode_basestring   # type: ignore[attr-defined]
    if c_make_encoder is None:   # pragma: no cover - CPython always has it
        return json.JSONEncoder(ensure_ascii=False).encode
    # No circularity check (markers None): report values are trees built just before.
    make = c_make_encoder(None, _unserialisable, encode_basestring, None, ": ", ", ", False,
                          False, True)

    def encode(value: Any) -> str:
        if isinstance(value, str):
            return encode_basestring(value)
        return "".join(make(value, 0))
    return encode


def _unserialisable(value: Any) -> Any:
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _dumps(value: Any, depth: int, pad: str, encode: Any, keys: Dict[Tuple[str, str], str]) -> str:
    if type(value) is _Text:
        return value
    if depth <= 0 or not isinstance(value, (dict, list)) or not value:
        return encode(value)
    inner = pad + "  "
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            key = keys.get((inner, k))
            if key is None:   # the same few keys at each depth: encode each once
                key = keys[(inner, k)] = "%s%s: " % (inner, encode(k))
            items.append(key + _dumps(v, depth - 1, inner, encode, keys))
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [inner + _dumps(v, depth - 1, inner, encode, keys) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"
