"""Board decisions (`kind: Decision`, docs/decisions.md): found among the inputs or named in
`.idm.yaml`, loaded and checked against their schema with every problem at FILE:LINE:COL.

A decision is no initiative: it is evaluated after the initiatives of a run, by the decision
rules of the packs (engine.check.decisions).
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..errors import InputError, Problem
from ..i18n import said
from ..textnorm import nfc_strip
from . import validate
from .loader import DEFAULT_LIMITS, Document, Limits, load_file

KIND = "Decision"
TESTS = ("rule", "path", "manual")   # what makes a condition met: exactly one of them
SNIFF_BYTES = 256 * 1024             # a decision is small; larger files are not looked into
_KIND_LINE = re.compile(rb"(?m)^kind:[ \t]*[\"']?Decision[\"']?[ \t]*(#.*)?\r?$")


@dataclass(frozen=True)
class Decision:
    """A valid decision document; `doc.data` is as written (after the schema check)."""

    doc: Document

    @property
    def id(self) -> str:
        return nfc_strip(str(self.doc.data["id"]))

    @property
    def initiative(self) -> str:
        return nfc_strip(str(self.doc.data["initiative"]))

    @property
    def date(self) -> str:
        return str(self.doc.data["date"])

    @property
    def outcome(self) -> str:
        return str(self.doc.data["outcome"])

    @property
    def conditions(self) -> List[Dict[str, Any]]:
        return list(self.doc.data.get("conditions") or [])


def looks_like_decision(path: str) -> bool:
    """Whether an input file says `kind: Decision` at its top level: such a file is read as a
    decision, not as an initiative (the schema check then tells whether it is one)."""
    try:
        st = os.stat(path)
        # Only a regular file is looked into: opening a FIFO would wait for a writer.
        if not stat.S_ISREG(st.st_mode) or st.st_size > SNIFF_BYTES:
            return False
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
        # The search for the word first: a regular expression over every line is slower.
        return b"Decision" in head and _KIND_LINE.search(head) is not None
    except OSError:
        return False   # the loader reports why it cannot be read


def is_decision(data: Any) -> bool:
    return isinstance(data, dict) and data.get("kind") == KIND


def decision_problems(doc: Document) -> List[Problem]:
    """Every problem of a parsed decision document: its schema, then what the schema cannot
    say (one test per condition, unique condition ids)."""
    found = validate.problems(doc, "decision")
    if found:
        return found
    seen: Dict[str, int] = {}
    for k, cond in enumerate(doc.data.get("conditions") or []):
        yp = "conditions[%d]" % k
        tests = [t for t in TESTS if t in cond]
        if len(tests) != 1:
            line, col = doc.position(yp)
            found.append(Problem.of(doc.file, said("decision.one_test",
                                                   found=", ".join(tests) or "-"),
                                    line, col, yp))
        elif "met" in cond and tests[0] != "manual":
            line, col = doc.position(yp + ".met")
            found.append(Problem.of(doc.file, said("decision.met_not_manual"), line, col,
                                    yp + ".met"))
        elif tests[0] == "path" and not set(cond) - {"id", "text", "owner", "due", "path",
                                                        "note", "default", "normalised",
                                                        "scale"}:
            line, col = doc.position(yp + ".path")
            found.append(Problem.of(doc.file, said("decision.path_without_test"), line, col,
                                    yp + ".path"))
        cid = nfc_strip(str(cond["id"]))
        if cid in seen:
            line, col = doc.position(yp + ".id")
            found.append(Problem.of(doc.file, said("decision.duplicate_condition", id=repr(cid)),
                                    line, col, yp + ".id"))
        seen[cid] = k
    return found


def load_decision(path: str, limits: Limits = DEFAULT_LIMITS, display: Optional[str] = None
                  ) -> Tuple[Optional[Decision], List[Problem]]:
    """One decision file: (decision, []) or (None, its problems)."""
    try:
        doc = load_file(path, limits, display=display or path)
    except InputError as e:
        return None, [e.problem]
    return decision_of(doc)


def decision_of(doc: Document) -> Tuple[Optional[Decision], List[Problem]]:
    if not isinstance(doc.data, dict):
        return None, [Problem.of(doc.file, said("decision.not_a_decision",
                                                found=validate.describe(doc.data)), 1, 1)]
    found = decision_problems(doc)
    return (None, found) if found else (Decision(doc), [])


def load_decisions(paths: Sequence[str], limits: Limits = DEFAULT_LIMITS
                   ) -> Tuple[List[Decision], List[Problem]]:
    """The decision files and folders given (a folder: its .yaml/.yml files that say
    `kind: Decision`), with the problems of those that are not valid decisions; two decisions
    with the same id are a problem of the second."""
    from .discovery import display_name, expand_inputs
    files, problems = expand_inputs(paths)
    out: List[Decision] = []
    for path, from_dir in files:
        if from_dir and not looks_like_decision(path):
            continue
        decision, found = load_decision(path, limits, display_name(path))
        problems.extend(found)
        if decision is not None:
            out.append(decision)
    return unique(out, problems), problems


def unique(decisions: List[Decision], problems: List[Problem]) -> List[Decision]:
    """The decisions in a stable order (file, then id), a repeated id reported and left out."""
    seen: Dict[str, Decision] = {}
    for d in sorted(decisions, key=lambda d: (d.doc.file, d.id)):
        if d.id in seen:
            line, col = d.doc.position("id")
            problems.append(Problem.of(d.doc.file, said("decision.duplicate_id", id=repr(d.id),
                                                        other=seen[d.id].doc.file),
                                       line, col, "id"))
            continue
        seen[d.id] = d
    return list(seen.values())
