"""Which folders a run loads and which of their rules it keeps (docs/design/packs.md §4): packs
with a manifest, the packs they extend (transitively, by name), include/exclude and replaces."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from ..errors import InputError, Problem
from ..i18n import said
from ..inputs.config import BUNDLED_PACK
from ..inputs.loader import DEFAULT_LIMITS, Limits
from .manifest import Manifest, Selection, has_manifest, load_manifest


@dataclass
class PlannedPack:
    """A named pack of the run: a manifest pack or the bundled one."""

    name: str
    version: str
    folder: str
    manifest: Optional[Manifest] = None
    given: bool = False                       # named by the run itself, so every rule is taken
    selections: List[Selection] = field(default_factory=list)   # from the packs extending it

    def takes(self, rule_id: str) -> bool:
        return self.given or any(s.takes(rule_id) for s in self.selections)


@dataclass
class LoadPlan:
    paths: List[str]                          # folders and files to load, extended packs first
    packs: Dict[str, PlannedPack] = field(default_factory=dict)
    _roots: List[Tuple[str, str]] = field(default_factory=list)   # (real folder + sep, name)

    def pack_of(self, file: str) -> Optional[PlannedPack]:
        real = os.path.realpath(file)
        for root, name in self._roots:
            if real.startswith(root):
                return self.packs[name]
        return None

    def extended(self, name: str) -> Tuple[str, ...]:
        """The packs `name` extends, directly or through others, nearest first."""
        out: List[str] = []
        todo = [name]
        while todo:
            p = self.packs.get(todo.pop(0))
            for e in (p.manifest.extends if p and p.manifest else ()):
                if e.pack not in out:
                    out.append(e.pack)
                    todo.append(e.pack)
        return tuple(out)


def plan(paths: Sequence[str], known: Mapping[str, str] = {}, limits: Limits = DEFAULT_LIMITS,
         bundled: str = "", idm_version: Optional[str] = None
         ) -> Tuple[LoadPlan, List[Problem]]:
    """The load plan of `paths` (already mapped from pack names to folders; `bundled` is the
    bundled pack's folder).  `known`: pack name -> folder of the packs a lock resolved, for
    `extends` by name."""
    from .. import __version__
    version = idm_version or __version__
    out = LoadPlan([])
    problems: List[Problem] = []
    bundled_real = os.path.realpath(bundled) if bundled else ""

    def add(name: str, folder: str, manifest: Optional[Manifest], given: bool,
            where: Optional[Problem]) -> Optional[PlannedPack]:
        real = os.path.realpath(folder)
        have = out.packs.get(name)
        if have is not None:
            if os.path.realpath(have.folder) != real:
                problems.append(where or Problem.of(folder, said(
                    "composition.loaded_twice", name=repr(name), folder=have.folder)))
                return None
            have.given = have.given or given
            return have
        planned = PlannedPack(name, version if manifest is None else manifest.version, folder,
                              manifest, given)
        out.packs[name] = planned
        out._roots.append((real + os.sep, name))
        return planned

    def visit(folder: str, manifest: Manifest, given: bool, stack: Tuple[str, ...]) -> None:
        where = Problem.of(manifest.file, said(
            "composition.loaded_twice", name=repr(manifest.name),
            folder=out.packs[manifest.name].folder if manifest.name in out.packs else ""),
            *manifest.position("name"), "name")
        first = manifest.name not in out.packs
        planned = add(manifest.name, folder, manifest, given, where)
        if planned is None or not first:
            return
        for e in manifest.extends:
            if e.pack in stack or e.pack == manifest.name:
                problems.append(manifest.problem(said(
                    "composition.cycle", pack=repr(e.pack),
                    chain=" -> ".join(stack + (manifest.name, e.pack))), e.ypath + ".pack"))
                continue
            target = _extended(e.pack, out, known, bundled, manifest, e.ypath, problems, limits,
                               version)
            if target is None:
                continue
            folder_e, manifest_e = target
            if manifest_e is None:
                base = add(BUNDLED_PACK, folder_e, None, False, None)
                if base is not None and base.folder not in out.paths:
                    out.paths.append(base.folder)
            else:
                visit(folder_e, manifest_e, False, stack + (manifest.name,))
                base = out.packs.get(e.pack)
            if base is not None:
                base.selections.append(e.selection)
        out.paths.append(folder)

    for p in paths:
        if bundled and os.path.isdir(p) and os.path.realpath(p) == bundled_real:
            add(BUNDLED_PACK, p, None, True, None)
            out.paths.append(p)
        elif os.path.isdir(p) and has_manifest(p):
            try:
                manifest = load_manifest(p, limits, version)
            except InputError as e:
                problems.append(e.problem)
                continue
            visit(p, manifest, True, ())
        else:
            out.paths.append(p)
    seen: Set[str] = set()
    out.paths = [p for p in out.paths if not (os.path.realpath(p) in seen
                                              or seen.add(os.path.realpath(p)))]
    return out, problems


def _extended(name: str, out: LoadPlan, known: Mapping[str, str], bundled: str,
              manifest: Manifest, ypath: str, problems: List[Problem], limits: Limits,
              version: str) -> Optional[Tuple[str, Optional[Manifest]]]:
    """The folder (and manifest) of an extended pack by name, or None with a problem."""
    if name == BUNDLED_PACK:
        return bundled, None
    have = out.packs.get(name)
    if have is not None:
        return have.folder, have.manifest
    folder = known.get(name)
    if folder is None:
        problems.append(manifest.problem(
            said("composition.not_loaded", name=repr(manifest.name), pack=repr(name)),
            ypath + ".pack"))
        return None
    try:
        found = load_manifest(folder, limits, version)
    except InputError as e:
        problems.append(e.problem)
        return None
    if found.name != name:
        problems.append(manifest.problem(said("composition.other_pack", name=repr(name),
                                              folder=folder, found=repr(found.name)),
                                         ypath + ".pack"))
        return None
    return folder, found


def dropped_rules(plan_: LoadPlan, rules: Iterable[Tuple[str, str, Optional[str], str, str]]
                  ) -> Tuple[Set[Tuple[str, str]], List[Tuple[str, str, str, str]]]:
    """From (file, rule id, replaces, ypath, pack name) of every rule: the (file, id) pairs not
    to load, and the `replaces:` that name no rule of an extended pack as
    (file, ypath, replaced id, pack)."""
    rules = list(rules)
    by_pack: Dict[str, Dict[str, str]] = {}
    for file, rid, _, _, pack in rules:
        by_pack.setdefault(pack, {}).setdefault(rid, file)
    dropped: Set[Tuple[str, str]] = set()
    for file, rid, _, _, pack in rules:
        planned = plan_.packs.get(pack)
        if planned is not None and not planned.takes(rid):
            dropped.add((file, rid))
    bad = []
    for file, rid, replaces, ypath, pack in rules:
        if not replaces:
            continue
        hit = False
        for base in (plan_.extended(pack) if pack in plan_.packs else ()):
            old = by_pack.get(base, {}).get(replaces)
            if old is not None:
                dropped.add((old, replaces))
                hit = True
        if not hit:
            bad.append((file, ypath, replaces, pack))
    return dropped, bad
