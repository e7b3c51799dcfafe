"""A pack's manifest, `pack.yaml` (docs/design/packs.md §3): its name, version, what idm it
needs, and the packs it extends with the rules it takes from them."""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from ..errors import InputError, Problem
from ..i18n import Text, said
from ..inputs import validate
from ..inputs.config import BUNDLED_PACK
from ..inputs.discovery import display_name
from ..inputs.loader import DEFAULT_LIMITS, Document, Limits, load_file

MANIFEST = "pack.yaml"


@dataclass(frozen=True)
class Selection:
    """Which rules of an extended pack are taken: ids and globs to include, or to exclude."""

    include: Tuple[str, ...] = ()
    exclude: Tuple[str, ...] = ()

    def takes(self, rule_id: str) -> bool:
        if self.include:
            return any(fnmatch.fnmatchcase(rule_id, p) for p in self.include)
        return not any(fnmatch.fnmatchcase(rule_id, p) for p in self.exclude)


@dataclass(frozen=True)
class Extends:
    pack: str
    selection: Selection
    ypath: str          # where in pack.yaml (for errors)


@dataclass
class Manifest:
    name: str
    version: str
    folder: str
    file: str                                   # pack.yaml as shown to the user
    requires: Optional[str] = None
    title: Dict[str, str] = field(default_factory=dict)
    description: Dict[str, str] = field(default_factory=dict)
    homepage: Optional[str] = None
    license: Optional[str] = None
    extends: Tuple[Extends, ...] = ()
    params: Dict[str, Any] = field(default_factory=dict)    # issue 29 (G) reads these
    fields: List[Any] = field(default_factory=list)         # issue 29 (D) reads these
    doc: Optional[Document] = None

    def position(self, ypath: str) -> Tuple[Optional[int], Optional[int]]:
        return self.doc.position(ypath) if self.doc is not None else (None, None)

    def problem(self, message: Text, ypath: str) -> Problem:
        line, col = self.position(ypath)
        return Problem.of(self.file, message, line, col, ypath)


_KIND_PACK = re.compile(rb"^kind:[ \t]*[\"']?Pack[\"']?[ \t]*(#.*)?$", re.MULTILINE)


def has_manifest(folder: str) -> bool:
    """A `pack.yaml` of `kind: Pack` (a v1 folder may hold a RulePack of that file name, which
    keeps loading as a rule file)."""
    path = os.path.join(folder, MANIFEST)
    if not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as fh:
            return _KIND_PACK.search(fh.read(1 << 20)) is not None
    except OSError:
        return True   # load_manifest reports why it cannot be read


def pack_text(value: Any) -> Dict[str, str]:
    """A pack's text by language: a plain string stands for every language."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value, "nl": value}
    return dict(value)


def load_manifest(folder: str, limits: Limits = DEFAULT_LIMITS,
                  idm_version: Optional[str] = None) -> Manifest:
    """The manifest of the pack in `folder`; InputError (one positioned problem) when it is
    unusable or asks for another idm version."""
    path = os.path.join(folder, MANIFEST)
    shown = display_name(path)
    doc = load_file(path, limits, display=shown)
    if not isinstance(doc.data, dict):
        raise InputError(Problem.of(shown, said("manifest.not_a_mapping"), 1, 1))
    problems = validate.problems(doc, "pack")
    if problems:
        raise InputError(problems[0])
    data = doc.data
    extends = []
    for i, raw in enumerate(data.get("extends") or []):
        ypath = "extends[%d]" % i
        if "include" in raw and "exclude" in raw:
            line, col = doc.position(ypath + ".exclude")
            raise InputError(Problem.of(shown, said("manifest.include_exclude"), line, col,
                                        ypath + ".exclude"))
        extends.append(Extends(str(raw["pack"]), Selection(tuple(raw.get("include") or ()),
                                                           tuple(raw.get("exclude") or ())),
                               ypath))
    manifest = Manifest(
        name=data["name"], version=str(data["version"]), folder=folder, file=shown,
        requires=(data.get("requires") or {}).get("idm"), title=pack_text(data.get("title")),
        description=pack_text(data.get("description")), homepage=data.get("homepage"),
        license=data.get("license"), extends=tuple(extends), params=dict(data.get("params") or {}),
        fields=list(data.get("fields") or []), doc=doc)
    if manifest.name == BUNDLED_PACK:
        raise InputError(manifest.problem(said("manifest.bundled_name", name=repr(BUNDLED_PACK)),
                                          "name"))
    for i, e in enumerate(manifest.extends):
        if e.pack == manifest.name:
            raise InputError(manifest.problem(said("manifest.extends_itself"),
                                              e.ypath + ".pack"))
    check_requires(manifest, idm_version)
    return manifest


def check_requires(manifest: Manifest, idm_version: Optional[str] = None) -> None:
    """`requires: {idm: SPEC}`: a PEP 440 specifier that idm's version must meet."""
    if manifest.requires is None:
        return
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import Version
    if idm_version is None:
        from .. import __version__ as idm_version
    try:
        spec = SpecifierSet(manifest.requires)
    except InvalidSpecifier:
        raise InputError(manifest.problem(said("manifest.bad_specifier",
                                               spec=repr(manifest.requires)), "requires.idm"))
    if not spec.contains(Version(idm_version), prereleases=True):
        raise InputError(manifest.problem(
            said("manifest.requires", name=manifest.name, version=manifest.version,
                 requires=manifest.requires, idm=idm_version), "requires.idm"))
