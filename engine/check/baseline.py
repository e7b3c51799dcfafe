"""Baselines (issue 5, gate behaviour): a previous JSON report whose findings no longer fail the gate.

A gate can then be introduced on a portfolio that already has findings: known findings are still
reported, marked `baselined`, and only new ones count for the exit code.  A finding matches on
(rule, initiative id, field path) and never on its line, so editing lines above it keeps the match.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any, FrozenSet, List, Tuple

from ..errors import InputError
from ..model import Finding, RunResult

Key = Tuple[str, str, str]

_NOT_A_REPORT = ("not an idm JSON report (expected the output of `idm check --format json` or "
                 "`idm baseline create`: tool.name 'idm', initiatives and portfolio_findings lists)")


def load_baseline(path: str, display: str = "") -> FrozenSet[Key]:
    """The finding keys of the JSON report at `path`; InputError when it cannot be one."""
    name = display or path
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise InputError.at(name, "baseline: no such file")
    except OSError as e:
        raise InputError.at(name, "baseline: cannot read: %s" % (e.strerror or e))
    try:
        report = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise InputError.at(name, "baseline: not JSON: %s" % e)
    return frozenset(_keys(report, name))


def _keys(report: Any, name: str) -> List[Key]:
    tool = report.get("tool") if isinstance(report, dict) else None
    if (not isinstance(tool, dict) or tool.get("name") != "idm"
            or not isinstance(report.get("initiatives"), list)
            or not isinstance(report.get("portfolio_findings", []), list)):
        raise InputError.at(name, "baseline: " + _NOT_A_REPORT)
    findings = [(f, None) for f in report.get("portfolio_findings", [])]
    for initiative in report["initiatives"]:
        if not isinstance(initiative, dict) or not isinstance(initiative.get("findings"), list):
            raise InputError.at(name, "baseline: " + _NOT_A_REPORT)
        findings += [(f, initiative.get("id")) for f in initiative["findings"]]
    out = []
    for f, owner in findings:
        if not isinstance(f, dict) or not isinstance(f.get("rule"), str):
            raise InputError.at(name, "baseline: " + _NOT_A_REPORT)
        out.append((f["rule"], str(f.get("initiative") or owner or ""), str(f.get("path") or "")))
    return out


def apply_baseline(result: RunResult, keys: FrozenSet[Key]) -> RunResult:
    """Mark the findings of `result` whose key is in `keys` as baselined (in place; returned)."""

    def mark(findings: List[Finding]) -> List[Finding]:
        return [dataclasses.replace(f, baselined=f.baseline_key() in keys) for f in findings]

    initiatives = list(result.initiatives)
    for r in initiatives:
        r.findings = mark(r.findings)
    result.initiatives = initiatives
    result.portfolio_findings = mark(result.portfolio_findings)
    result.baseline_used = True
    result.tally = None
    return result
