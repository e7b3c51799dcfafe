"""The JSON report: the shape documented in the README, stable key order, no timestamps."""
from __future__ import annotations

import json
from typing import Any, Dict

from ..model import Finding, RunResult


def finding_dict(f: Finding, lang: str) -> Dict[str, Any]:
    out: Dict[str, Any] = {
        "rule": f.rule, "severity": f.severity.name, "category": f.category, "domain": f.domain,
        "message": f.message.get(lang, f.message.get("en", "")), "path": f.path,
        "file": f.file or None, "line": f.line, "column": f.column, "waived": f.waived,
        "baselined": f.baselined,
    }
    if f.initiative is not None:
        out["initiative"] = f.initiative
    if f.waiver is not None:
        out["waiver"] = {"justification": f.waiver.justification,
                         "approved_by": f.waiver.approved_by, "expires": f.waiver.expires,
                         "exception": "principles.exceptions[%d]" % f.waiver.index}
    return out


def to_dict(result: RunResult, lang: str = "en") -> Dict[str, Any]:
    return {
        "tool": {"name": "idm", "version": result.tool_version},
        "date": result.date,
        "initiatives": [{
            "id": r.id, "title": r.title, "file": r.file, "phase": r.phase,
            "coverage": {d: {"covered": c.covered, "required": c.required,
                             "missing": list(c.missing)} for d, c in r.coverage.items()},
            "findings": [finding_dict(f, lang) for f in r.findings],
        } for r in result.initiatives],
        "portfolio_findings": [finding_dict(f, lang) for f in result.portfolio_findings],
        "errors": [p.to_dict() for p in result.errors],
        "summary": result.summary(),
        "exit_code": result.exit_code(),
    }


def render(result: RunResult, lang: str = "en") -> str:
    return json.dumps(to_dict(result, lang), indent=2, ensure_ascii=False) + "\n"
