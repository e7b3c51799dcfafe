"""What one run records, taken from its RunResult and its inputs: plain rows, no database here."""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from .. import __version__
from ..model import RunResult

Row = Dict[str, Any]


@dataclass
class Snapshot:
    """The rows of one run, ready to insert in one transaction."""

    run: Row
    rule_packs: List[Row] = field(default_factory=list)
    inputs: List[Row] = field(default_factory=list)
    initiatives: List[Row] = field(default_factory=list)
    coverage: List[Row] = field(default_factory=list)
    findings: List[Row] = field(default_factory=list)
    exceptions: List[Row] = field(default_factory=list)
    input_errors: List[Row] = field(default_factory=list)
    packs: List[Row] = field(default_factory=list)        # named packs (pack.yaml, idm-default)
    overrides: List[Row] = field(default_factory=list)    # the project's overrides
    params: List[Row] = field(default_factory=list)       # the parameters in force
    reference_data: List[Row] = field(default_factory=list)   # the data snapshots in force
    decisions: List[Row] = field(default_factory=list)    # the decisions in force, per condition


def digest_file(path: str) -> Optional[str]:
    """SHA-256 of a file's bytes; None when it cannot be read (the run reports why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 16), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def digest_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def inputs_root(paths: Sequence[str]) -> str:
    """The folder the inputs share, as the user sees it (relative to the working directory
    when inside it): what tells one portfolio's runs from another's in a shared store."""
    real = [os.path.abspath(p) for p in paths if p != "-"]
    if not real:
        return "<stdin>"
    common = os.path.commonpath(real)
    if len(real) == 1 and not os.path.isdir(common):
        common = os.path.dirname(common)
    rel = os.path.relpath(common)
    return common if rel.startswith("..") else rel


def repository(paths: Sequence[str]) -> str:
    """Which repository the inputs belong to: the real path of the git top-level folder above
    their common folder (the first with `.git`), else of that folder itself.  Two checkouts
    that both keep `initiatives/` share a root but not a repository."""
    real = [os.path.abspath(p) for p in paths if p != "-"]
    start = os.path.commonpath(real) if real else os.getcwd()
    if real and not os.path.isdir(start):
        start = os.path.dirname(start)
    start = os.path.realpath(start)
    here = start
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        up = os.path.dirname(here)
        if up == here:
            return start
        here = up


def stored(row: Row) -> Row:
    """`row` as both backends store it: a NUL character (which PostgreSQL text cannot hold) as
    the escape `\\x00` that idm's text output shows for it."""
    return {k: v.replace("\0", "\\x00") if isinstance(v, str) else v for k, v in row.items()}


def pack_rows(files: Iterable[str], names: Mapping[str, str], bundled: Iterable[str]) -> List[Row]:
    """One row per rule-pack file: its name, a version (idm's own for the bundled pack, which
    ships with it) and the digest of its content."""
    bundled = set(bundled)
    out = []
    for f in files:
        out.append({"file": f, "name": names.get(f),
                    "version": __version__ if f in bundled else None,
                    "sha256": digest_file(f) or ""})
    return out


def gate(result: RunResult, exit_code: Optional[int] = None) -> str:
    code = result.exit_code() if exit_code is None else exit_code
    if code == 2:
        return "empty" if not result.initiatives and not result.errors else "error"
    return "failed" if code == 1 else "passed"


def decision_rows(result: RunResult) -> List[Row]:
    """The decisions the run judged, one row per condition with the state the decision rules
    gave it (the register's rows, engine/report/decision_register.py)."""
    from ..report.decision_register import rows_of
    out = []
    for judged in result.decisions:
        digest = digest_file(judged.decision.doc.file)
        for r in rows_of(judged):
            out.append(stored({"decision": r.decision, "initiative": r.initiative,
                               "date": r.date, "body": r.body, "outcome": r.outcome,
                               "file": r.file, "sha256": digest, "condition": r.condition,
                               "due": r.due or None, "state": r.state}))
    return out


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def take(result: RunResult, command: str, root: str, packs: List[Row],
         input_digests: Mapping[str, Optional[str]], recorded_at: Optional[str] = None,
         exit_code: Optional[int] = None, repo: Optional[str] = None,
         partial: bool = False, named_packs: Sequence[Row] = (),
         params: Sequence[Row] = (), reference_data: Sequence[Row] = ()) -> Snapshot:
    """The rows that record `result` (its initiatives are read once, so a spooled run stays
    on disk); `exit_code` is the command's when it differs from the findings' (a report that
    could not be written); `repo`: see repository(); `partial`: a --changed-only run."""
    code = result.exit_code() if exit_code is None else exit_code
    snap = Snapshot(run=stored({
        "recorded_at": recorded_at or now(), "evaluation_date": result.date,
        "idm_version": result.tool_version, "command": command, "root": root,
        "fail_on": result.fail_on.name if result.fail_on is not None else None,
        "gate": gate(result, code), "exit_code": code, "repository": repo,
        "partial": partial}))
    snap.rule_packs = [stored(p) for p in packs]
    snap.packs = [stored(p) for p in named_packs]
    snap.overrides = [stored(o.to_dict()) for o in result.overrides]
    snap.params = [stored(p) for p in params]
    snap.reference_data = [stored(d) for d in reference_data]
    snap.decisions = decision_rows(result)
    snap.inputs = [stored({"file": f, "sha256": d}) for f, d in sorted(input_digests.items())]
    for r in result.initiatives:
        owner = r.data.get("owner") if isinstance(r.data, dict) else None
        name = owner.get("name") if isinstance(owner, dict) else None
        snap.initiatives.append(stored({
            "initiative": r.id, "title": r.title, "file": r.file, "phase": r.phase,
            "owner": str(name) if name is not None else None}))
        for d, c in sorted(r.coverage.items()):
            snap.coverage.append(stored({"initiative": r.id, "domain": d,
                                         "required": c.required, "covered": c.covered,
                                         "missing": ",".join(c.missing)}))
        snap.findings.extend(finding_row(f, r.id) for f in r.findings)
        snap.exceptions.extend(exception_rows(r.id, r.data))
    snap.findings.extend(finding_row(f, "") for f in result.portfolio_findings)
    snap.input_errors = [stored({"file": p.file, "line": p.line, "column": p.column,
                                 "message": (p.path + ": " if p.path else "") + p.message})
                         for p in result.errors]
    return snap


def finding_row(f: Any, initiative: str) -> Row:
    w = f.waiver
    return stored({"initiative": f.initiative or initiative, "rule": f.rule,
            "severity": f.severity.name, "category": f.category, "domain": f.domain,
            "path": f.path, "file": f.file, "line": f.line,
            "message_en": f.message.get("en", ""), "message_nl": f.message.get("nl", ""),
            "waived": w is not None, "approved_by": w.approved_by if w else None,
            "expires": str(w.expires) if w else None, "baselined": f.baselined})


def exception_rows(initiative: str, data: Any) -> List[Row]:
    """The comply-or-explain exceptions the initiative declares (principles.exceptions)."""
    principles = data.get("principles") if isinstance(data, dict) else None
    listed = principles.get("exceptions") if isinstance(principles, dict) else None
    out = []
    for e in listed if isinstance(listed, list) else ():
        if isinstance(e, dict) and e.get("rule"):
            out.append(stored({"initiative": initiative, "rule": str(e["rule"]),
                               "justification": str(e.get("justification") or ""),
                               "approved_by": str(e.get("approved_by") or ""),
                               "expires": str(e.get("expires") or "")}))
    return out
