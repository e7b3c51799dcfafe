"""ArchiMate work packages to initiative descriptions (the table in docs/archimate.md).

A work package is opted in by its property `idm:id`, by the folder it is in, or by
--all-work-packages.  Its initiative holds the elements related to it (and to its
deliverables); the work package's own `idm:` properties set fields by path.  Every value
keeps the line and column of the XML element or property it came from, so that a finding or
a validation error points into the model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from ...errors import InputError, Problem
from ...i18n import said
from ..loader import Document, Positions
from .reader import Concept, Model, Position

WORK_PACKAGE = "WorkPackage"
FIELD = "idm:"               # properties that set fields of the initiative
RESULT = "idm-result:"       # properties the export writes: never read back as fields
API_VERSION = "idm/v1.1"

# Element type -> (list it joins, the key its name fills; None: a list of names).
LISTS: Dict[str, Tuple[str, Optional[str]]] = {
    "Goal": ("direction.goals", "description"),
    "Outcome": ("results.outcomes", "description"),
    "Deliverable": ("results.outputs", "description"),
    "Stakeholder": ("stakeholders", "name"),
    "BusinessActor": ("stakeholders", "name"),
    "BusinessFunction": ("operations.business_functions", None),
    "BusinessProcess": ("operations.processes", None),
    "BusinessObject": ("operations.information_objects", None),
    "ApplicationComponent": ("operations.applications", "name"),
    "DataObject": ("operations.data", "name"),
    "Principle": ("principles.standards", None),
    "Constraint": ("principles.legislation", None),
    "Assessment": ("principles.exceptions", "justification"),
}
# `idm:as` on a principle or constraint moves it to the other list.
AS_LISTS = {"standards": "principles.standards", "legislation": "principles.legislation"}

# The order of the top-level fields in an imported file (the format's own order).
ORDER = ["apiVersion", "kind", "id", "title", "owner", "organisation", "phase", "chain",
         "budget", "legacy", "results", "stakeholders", "direction", "design", "operations",
         "ai_systems", "principles", "cadence", "maturity"]

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")
_INT = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+\Z")


@dataclass(frozen=True)
class Selection:
    """Which work packages become initiatives (docs/archimate.md, "Opting in")."""

    folder: Optional[str] = None       # those in this organizations folder (and below)
    all_work_packages: bool = False


@dataclass
class Mapped:
    """The initiatives of one model, what of it was not mapped, and its problems."""

    documents: List[Document] = field(default_factory=list)
    packages: List[Concept] = field(default_factory=list)      # the work package of each
    unmapped: Dict[str, int] = field(default_factory=dict)      # element type -> count
    problems: List[Problem] = field(default_factory=list)


def is_result(c: Concept) -> bool:
    """An element the export wrote (an assessment of a finding)."""
    return c.prop(RESULT + "rule") is not None


def initiative_id(wp: Concept) -> str:
    """The id a work package's initiative has: its idm:id, else its identifier."""
    p = wp.prop(FIELD + "id")
    return p.value.strip() if p is not None and p.value.strip() else wp.identifier


def selected(model: Model, selection: Selection) -> List[Concept]:
    """The opted-in work packages, in document order."""
    out = []
    for c in model.elements.values():
        if c.type != WORK_PACKAGE or is_result(c):
            continue
        if selection.all_work_packages or c.prop(FIELD + "id") is not None:
            out.append(c)
        elif selection.folder is not None:
            folder = model.folders.get(c.identifier, "")
            wanted = selection.folder.strip("/")
            if folder == wanted or folder.startswith(wanted + "/"):
                out.append(c)
    return out


def scalar(text: str) -> Any:
    """A property value as the field takes it: whole and decimal numbers and true/false as such,
    everything else as the string it is."""
    t = text.strip()
    if t in ("true", "false"):
        return t == "true"
    if _INT.match(t):
        return int(t)
    if _FLOAT.match(t):
        return float(t)
    return t


class _Initiative:
    """One initiative being built: its data and the position of every field path."""

    def __init__(self, file: str, wp: Concept):
        self.file = file
        self.data: Dict[str, Any] = {}
        self.positions: Positions = {"": wp.position}

    def put(self, path: str, value: Any, where: Position, key: str) -> None:
        """Set the field at `path` ("a.b[0].c") to `value`; `key` names the property."""
        steps = self._steps(path, where, key)
        node: Any = self.data
        walked = ""
        for i, (step, last) in enumerate(zip(steps, [False] * (len(steps) - 1) + [True])):
            if isinstance(step, str):
                walked = walked + "." + step if walked else step
            else:
                walked = "%s[%d]" % (walked, step)
            if isinstance(step, str):
                if not isinstance(node, dict):
                    raise self._conflict(where, key, walked)
                if last:
                    node[step] = value
                else:
                    node = node.setdefault(step, [] if isinstance(steps[i + 1], int) else {})
            else:
                if not isinstance(node, list) or step > len(node):
                    raise self._conflict(where, key, walked)
                if step == len(node):
                    node.append(value if last else [] if isinstance(steps[i + 1], int) else {})
                elif last:
                    node[step] = value
                if not last:
                    node = node[step]
        # Only the field itself: a section missing something is then shown at the work package.
        self.positions[walked] = where

    def append(self, path: str, value: Any, where: Position) -> str:
        """Append `value` to the list at `path`; the item's own path."""
        node: Any = self.data
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        items = node.setdefault(parts[-1], [])
        if not isinstance(items, list):
            raise InputError.at(self.file, said("archimate.path_conflict", property=path,
                                                path=path), where[0], where[1])
        items.append(value)
        item = "%s[%d]" % (path, len(items) - 1)
        self.positions[item] = where
        return item

    def _steps(self, path: str, where: Position, key: str) -> List[Any]:
        steps: List[Any] = []
        for part in path.split("."):
            m = _STEP.fullmatch(part)
            if m is None:
                raise InputError.at(self.file, said("archimate.bad_path", property=key),
                                    where[0], where[1])
            steps.append(m.group(1))
            steps.extend(int(n) for n in _INDEX.findall(m.group(2)))
        return steps

    def _conflict(self, where: Position, key: str, path: str) -> InputError:
        return InputError.at(self.file, said("archimate.path_conflict", property=key, path=path),
                             where[0], where[1])

    def document(self) -> Document:
        rank = {k: i for i, k in enumerate(ORDER)}
        keys = sorted(self.data, key=lambda k: (rank.get(k, len(ORDER)), list(self.data).index(k)))
        return Document(self.file, {k: self.data[k] for k in keys}, self.positions)


def _links(model: Model) -> Dict[str, Set[str]]:
    """Element id -> the ids it has a relationship with, either way."""
    links: Dict[str, Set[str]] = {}
    for r in model.relationships:
        links.setdefault(r.source, set()).add(r.target)
        links.setdefault(r.target, set()).add(r.source)
    return links


def _related(model: Model, wp: Concept, skip: Set[str], links: Dict[str, Set[str]],
             order: Dict[str, int]) -> List[Concept]:
    """The elements related to `wp`, and to the deliverables related to it, in document order."""
    near = set(links.get(wp.identifier, ()))
    for ident in list(near):
        c = model.elements.get(ident)
        if c is not None and c.type == "Deliverable":
            near |= links.get(ident, set())
    near.discard(wp.identifier)
    found = [model.elements[i] for i in near if i in model.elements and i not in skip]
    return sorted((c for c in found if not is_result(c)), key=lambda c: order[c.identifier])


def _item_properties(ini: _Initiative, item: str, c: Concept, skip: Iterable[str] = ()) -> None:
    for p in c.properties:
        if p.key.startswith(FIELD) and p.key[len(FIELD):] not in skip:
            ini.put(item + "." + p.key[len(FIELD):], scalar(p.value), p.position, p.key)


def _map_element(ini: _Initiative, c: Concept) -> bool:
    """Add element `c` to its list; False when no list takes it."""
    target = LISTS.get(c.type)
    if target is None:
        return False
    path, key = target
    if c.type in ("Principle", "Constraint"):
        moved = c.prop(FIELD + "as")
        if moved is not None and moved.value.strip() in AS_LISTS:
            path = AS_LISTS[moved.value.strip()]
    if c.type == "Assessment":
        rule = c.prop(FIELD + "rule")
        if rule is None:
            return False
        item = ini.append(path, {}, c.position)
        _item_properties(ini, item, c)
        if "justification" not in ini.data["principles"]["exceptions"][-1]:
            text = c.documentation or c.name
            ini.put(item + ".justification", text, c.documentation_position or c.name_position,
                    "documentation")
        return True
    if key is None:
        ini.positions[ini.append(path, c.name, c.name_position)] = c.name_position
        return True
    item = ini.append(path, {}, c.position)
    ini.put(item + "." + key, c.name, c.name_position, "name")
    _item_properties(ini, item, c, (key,))
    return True


def map_model(model: Model, selection: Selection = Selection()) -> Mapped:
    """The initiatives of the opted-in work packages of `model`."""
    out = Mapped()
    packages = selected(model, selection)
    chosen = {wp.identifier for wp in packages}
    used: Set[str] = set()
    links = _links(model)
    order = {ident: i for i, ident in enumerate(model.elements)}
    for wp in packages:
        ini = _Initiative(model.file, wp)
        try:
            ini.put("apiVersion", API_VERSION, wp.position, "apiVersion")
            ini.put("kind", "Initiative", wp.position, "kind")
            idp = wp.prop(FIELD + "id")
            ini.put("id", initiative_id(wp), idp.position if idp else wp.position, "id")
            ini.put("title", wp.name, wp.name_position, "name")
            if wp.documentation:
                ini.put("legacy.impact", wp.documentation, wp.documentation_position or
                        wp.position, "documentation")
            for c in _related(model, wp, chosen, links, order):
                if _map_element(ini, c):
                    used.add(c.identifier)
            for p in wp.properties:
                if p.key.startswith(FIELD) and p.key != FIELD + "id":
                    ini.put(p.key[len(FIELD):], scalar(p.value), p.position, p.key)
        except InputError as e:
            out.problems.append(e.problem)
            continue
        out.documents.append(ini.document())
        out.packages.append(wp)
    for c in model.elements.values():
        if c.identifier not in used and c.identifier not in chosen and not is_result(c):
            out.unmapped[c.type] = out.unmapped.get(c.type, 0) + 1
    return out

