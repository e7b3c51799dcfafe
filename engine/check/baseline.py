"""Baselines: a previous JSON report whose findings no longer fail the gate.

A gate can then be introduced on a portfolio that already has findings: known findings are still
reported, marked `baselined`, and only new ones count for the exit code.  A finding matches on
(rule, initiative id, field path) and never on its line, so editing lines above it keeps the match.
This module reads a baseline and is the one place findings are marked against it.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any, FrozenSet, List, Optional, Sequence, Tuple

from ..errors import InputError
from ..i18n import Said, Text, said
from ..inputs.loader import read_bytes
from ..model import Finding

Key = Tuple[str, str, str]        # (rule, initiative id, field path)
Baseline = FrozenSet[Key]         # the keys of the findings a baseline report holds

_NOT_A_REPORT = said("baseline.not_a_report")


# The JSON report of the examples takes 2.8 KB per initiative (30,479 bytes for 11): this is room
# for 100,000 such initiatives with some to spare.  Parsing needs about 14 times the file's size
# in memory (a 123 MB report: 1.7 GB), so the limit is also a bound on memory.
BASELINE_LIMIT = 512 * 1024 * 1024


def load_baseline(path: str, display: str = "", max_bytes: int = BASELINE_LIMIT) -> Baseline:
    """The finding keys of the JSON report at `path`; InputError when it cannot be one."""
    name = display or path
    try:
        raw = read_bytes(path, name, max_bytes)
    except InputError as e:
        raise InputError.at(name, said("baseline.problem", problem=_unreadable(e)))
    if len(raw) > max_bytes:
        raise InputError.at(name, said("baseline.problem", problem=said(
            "baseline.larger", limit=max_bytes)))
    try:
        report = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise InputError.at(name, said("baseline.problem", problem=said(
            "baseline.not_json", error=str(e))))
    except RecursionError:
        raise InputError.at(name, said("baseline.too_deep", not_a_report=_NOT_A_REPORT))
    return frozenset(_keys(report, name))


# Reading the file failed: the loader's words, but the baseline's size option and "no such file".
_BASELINE_WORDS = {"input.no_such_file_or_directory": "baseline.no_such_file",
                   "input.too_large": "baseline.file_too_large",
                   "input.over_limit": "baseline.over_limit"}


def _unreadable(error: InputError) -> Text:
    found = error.problem.said
    if found is None:
        return error.problem.message
    if found.key in _BASELINE_WORDS:
        return Said(_BASELINE_WORDS[found.key], found.values, found.count)
    return found


def _keys(report: Any, name: str) -> List[Key]:
    tool = report.get("tool") if isinstance(report, dict) else None
    if (not isinstance(tool, dict) or tool.get("name") != "idm"
            or not isinstance(report.get("initiatives"), list)
            or not isinstance(report.get("portfolio_findings", []), list)):
        raise InputError.at(name, _NOT_A_REPORT)
    findings = [(f, None) for f in report.get("portfolio_findings", [])]
    for initiative in report["initiatives"]:
        if not isinstance(initiative, dict) or not isinstance(initiative.get("findings"), list):
            raise InputError.at(name, _NOT_A_REPORT)
        findings += [(f, initiative.get("id")) for f in initiative["findings"]]
    out = []
    for f, owner in findings:
        if not isinstance(f, dict) or not isinstance(f.get("rule"), str):
            raise InputError.at(name, _NOT_A_REPORT)
        out.append((f["rule"], str(f.get("initiative") or owner or ""), str(f.get("path") or "")))
    return out


def known(baseline: Optional[Baseline], key: Key) -> bool:
    """Whether a finding with this key is in the baseline (never, without one)."""
    return baseline is not None and key in baseline


def mark(findings: Sequence[Finding], baseline: Optional[Baseline]) -> List[Finding]:
    """The findings, each marked baselined when the baseline holds its key."""
    if baseline is None:
        return list(findings)
    return [dataclasses.replace(f, baselined=f.baseline_key() in baseline) for f in findings]
