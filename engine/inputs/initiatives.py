"""One input file to a validated initiative: load, check its shape against the schema."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

from ..errors import InputError, Problem
from ..textnorm import nfc_strip
from . import validate
from .discovery import STDIN, display_name, read_stdin_if_named, select_inputs
from .loader import DEFAULT_LIMITS, Document, Limits, load_file, parse_yaml, read_text

OTHER_KINDS = ("RulePack", "CoverageProfiles", "RuleTests")


@dataclass(frozen=True)
class Loaded:
    """A validated initiative, ready to evaluate."""

    doc: Document
    id: str
    from_directory: bool = False


def validated(doc: Document, from_dir: bool = False) -> Tuple[Optional[Loaded], List[Problem]]:
    """The initiative in a parsed document, or the problems that keep it from being checked;
    (None, []) for a rule pack, profile or test file found beside initiatives in a directory."""
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    if from_dir and kind in OTHER_KINDS:
        return None, []   # rule packs and profiles beside the initiatives are not initiatives
    if not isinstance(doc.data, dict):
        return None, [Problem(doc.file, "expected a mapping with apiVersion, kind, id and title; "
                              "found %s" % validate.describe(doc.data), 1, 1)]
    found = validate.problems(doc, "initiative")
    if found:
        return None, found
    return Loaded(doc, nfc_strip(str(doc.data["id"])), from_dir), []


def load_one(path: str, from_dir: bool, limits: Limits = DEFAULT_LIMITS,
             stdin: Optional[bytes] = None) -> Tuple[Optional[Loaded], List[Problem]]:
    """Load and validate one input file: (initiative or None, its problems)."""
    name = display_name(path)
    try:
        if path == STDIN:
            doc = parse_yaml(name, read_text(name, stdin or b"", limits), limits)
        else:
            doc = load_file(path, limits, display=name)
    except InputError as e:
        return None, [e.problem]
    return validated(doc, from_dir)


def load_initiatives(paths: Sequence[str], limits: Limits = DEFAULT_LIMITS,
                     read_stdin: Optional[Callable[[], bytes]] = None,
                     select: Optional[Callable[[str], bool]] = None
                     ) -> Tuple[List[Loaded], List[Problem]]:
    """Load and validate the initiatives among `paths`; `select(path)` False skips a file."""
    files, problems = select_inputs(paths, select)
    files, stdin = read_stdin_if_named(files, read_stdin, problems)
    loaded: List[Loaded] = []
    for path, from_dir in files:
        one, found = load_one(path, from_dir, limits, stdin)
        problems.extend(found)
        if one is not None:
            loaded.append(one)
    return loaded, problems
