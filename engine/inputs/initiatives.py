"""One input file to a validated initiative: load, check its shape against the schema."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

from ..errors import InputError, Problem
from ..i18n import said
from ..textnorm import nfc_strip
from . import validate
from .decisions import KIND as DECISION, decision_problems
from .fields import NONE, DeclaredFields
from .discovery import STDIN, display_name, read_stdin_if_named, select_inputs
from .loader import DEFAULT_LIMITS, Document, Limits, load_file, parse_yaml, read_text

# Documents of a rule pack that may sit in a directory of initiatives (a project keeping its
# own pack beside them): left out of a directory check when well-formed.
OTHER_KINDS = ("RulePack", "CoverageProfiles", "RuleTests", "Pack", "ReferenceData")


@dataclass(frozen=True)
class Loaded:
    """A validated initiative, ready to evaluate."""

    doc: Document
    id: str
    from_directory: bool = False


def validated(doc: Document, from_dir: bool = False, fields: DeclaredFields = NONE
              ) -> Tuple[Optional[Loaded], List[Problem]]:
    """The initiative in a parsed document, or the problems that keep it from being checked;
    (None, []) for a well-formed rule pack, profile or test file found beside initiatives in a
    directory.  `fields`: the fields the packs in scope declare (`RuleSet.fields`)."""
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    if kind == DECISION:   # a board decision beside the initiatives: checked, never evaluated
        return None, decision_problems(doc)
    if from_dir and kind in OTHER_KINDS:
        # Not initiatives, but only well-formed ones are passed over: an initiative whose kind
        # was changed must not slip through the gate.
        return None, _other_kind_problems(doc, kind)
    if not isinstance(doc.data, dict):
        return None, [Problem.of(doc.file, said("input.not_an_initiative",
                                                found=validate.describe(doc.data)), 1, 1)]
    found = validate.problems(doc, "initiative", fields)
    if found:
        return None, found
    return Loaded(rule_view(doc), nfc_strip(str(doc.data["id"])), from_dir), []


def rule_view(doc: Document) -> Document:
    """The document as rules and reports read it: a legislation item written as {title, url}
    (format v1.2) reads as its title, so every condition on principles.legislation works with
    both forms.  The file's own data is left as it is (the export reads the URLs)."""
    principles = doc.data.get("principles")
    items = principles.get("legislation") if isinstance(principles, dict) else None
    if not isinstance(items, list) or not any(isinstance(i, dict) for i in items):
        return doc
    titled = [i.get("title") if isinstance(i, dict) else i for i in items]
    data = dict(doc.data, principles=dict(principles, legislation=titled))
    return Document(doc.file, data, doc.positions)


_RULE_TESTS_KEYS = {"apiVersion", "kind", "name", "description", "date", "cases"}


def _other_kind_problems(doc: Document, kind: str) -> List[Problem]:
    """Why a file found in a directory is not the rule pack, profiles or rule tests document its
    `kind` says (empty: it is one, and is left out of the check)."""
    if kind == "RulePack":
        # A RulePack file of a pack with a manifest takes its name from the manifest.
        named = doc if doc.data.get("name") else dataclasses.replace(
            doc, data=dict(doc.data, name="unnamed"))
        return validate.problems(named, "rulepack")
    if kind == "Pack":
        return validate.problems(doc, "pack")
    if kind == "ReferenceData":
        return validate.problems(doc, "referencedata")
    if kind == "CoverageProfiles":
        return validate.problems(doc, "profiles")
    extra = sorted(set(map(str, doc.data)) - _RULE_TESTS_KEYS)
    if extra:
        line, col = doc.position(extra[0])
        return [Problem.of(doc.file, said("input.rule_tests_field", key=repr(extra[0]),
                                          allowed=", ".join(sorted(_RULE_TESTS_KEYS))),
                           line, col, extra[0])]
    cases = doc.data.get("cases")
    if not isinstance(cases, list) or not cases:
        line, col = doc.position("cases")
        return [Problem.of(doc.file, said("input.rule_tests_cases"), line, col, "cases")]
    return []


def load_one(path: str, from_dir: bool, limits: Limits = DEFAULT_LIMITS,
             stdin: Optional[bytes] = None, fields: DeclaredFields = NONE,
             raw: Optional[bytes] = None) -> Tuple[Optional[Loaded], List[Problem]]:
    """Load and validate one input file: (initiative or None, its problems); `raw`: the
    file's bytes when they were read already (the result cache digests them)."""
    name = display_name(path)
    try:
        if path == STDIN or raw is not None:
            data = (stdin or b"") if path == STDIN else raw
            doc = parse_yaml(name, read_text(name, data, limits), limits)
        else:
            doc = load_file(path, limits, display=name)
    except InputError as e:
        return None, [e.problem]
    return validated(doc, from_dir, fields)


def load_initiatives(paths: Sequence[str], limits: Limits = DEFAULT_LIMITS,
                     read_stdin: Optional[Callable[[], bytes]] = None,
                     select: Optional[Callable[[str], bool]] = None,
                     fields: DeclaredFields = NONE) -> Tuple[List[Loaded], List[Problem]]:
    """Load and validate the initiatives among `paths`; `select(path)` False skips a file;
    `fields`: the fields the packs in scope declare."""
    files, problems = select_inputs(paths, select)
    files, stdin = read_stdin_if_named(files, read_stdin, problems)
    loaded: List[Loaded] = []
    for path, from_dir in files:
        one, found = load_one(path, from_dir, limits, stdin, fields)
        problems.extend(found)
        if one is not None:
            loaded.append(one)
    return loaded, problems
