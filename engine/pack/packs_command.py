"""`idm packs lock | fetch | update [NAME] | list` (docs/packs.md, docs/design/packs.md §6):
resolve the project's pack sources, pin them in `idm.lock`, fill the cache, show what an update
changes at rule level.  Each function returns the lines to print; a problem is PacksError with
one line (exit 2)."""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from ..errors import InputError, Problem
from ..i18n import Said, catalogue, said
from ..inputs.config import BUNDLED_PACK, ProjectConfig
from ..inputs.discovery import display_name
from ..inputs.loader import load_file
from . import cache
from .digest import digest
from .lock import LockEntry, lock_path, read_lock, render_lock
from .manifest import Manifest, has_manifest, load_manifest
from .project import PackRequest, local_folder, locked_entry, requests
from .source_spec import Source, SourceError
from .sources import fetch as fetch_source


class PacksError(Exception):
    """One line for stderr; the command exits 2.  str() is the line in English, `text(lang)`
    in the user's language."""

    def __init__(self, message: Union[str, Said, Problem], within: Optional[str] = None) -> None:
        self.message = message
        self.within = within      # the pack the message is about, shown before it
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        if isinstance(self.message, Problem):
            shown = self.message.shown(lang)
        else:
            shown = self.message.text(lang) if isinstance(self.message, Said) else self.message
        return shown if self.within is None else "%s: %s" % (self.within, shown)


@dataclass
class Resolved:
    entry: LockEntry
    folder: str
    manifest: Manifest
    local: bool = False


@dataclass
class Outcome:
    """What to print; for lock and update also the new idm.lock, which the caller writes
    (through the application's one writer of files) before printing `done`."""
    lines: List[str] = field(default_factory=list)
    lock_file: Optional[str] = None
    lock_text: str = ""
    done: List[str] = field(default_factory=list)


def _words(lang: str) -> Dict[str, str]:
    return catalogue(lang).section("packs")


def _current_lock(config: ProjectConfig) -> List[LockEntry]:
    path = lock_path(os.path.join(config.folder, ".idm.yaml"))
    if not os.path.isfile(path):
        return []
    try:
        return read_lock(path)
    except InputError as e:
        raise PacksError(e.problem)


def _manifest_of(folder: str, shown: str) -> Manifest:
    if not has_manifest(folder):
        raise PacksError(said("packs.error.no_manifest", pack=shown))
    try:
        return load_manifest(folder)
    except InputError as e:
        problem = e.problem
        # A cached pack's file paths mean nothing to the user: only the message is shown.
        raise PacksError(problem.said or problem.message if folder.startswith(
            cache.cache_root()) else problem, within=shown)


def _fetch_into_cache(source: Source, config: ProjectConfig, root: Optional[str]
                      ) -> Tuple[str, Optional[str]]:
    """(digest, commit) of `source` fetched and stored in the cache."""
    work = cache.work_folder(root)
    try:
        fetched = fetch_source(source, config.folder, work)
        found = cache.store(fetched.folder, root)
        return found, fetched.commit
    except SourceError as e:
        raise PacksError(said("packs.error.source", error=e.message))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _resolve(config: ProjectConfig, request: PackRequest, old: Sequence[LockEntry],
             renew: bool, root: Optional[str]) -> Optional[Resolved]:
    source = request.source
    if source is None:
        return None
    if not source.remote:
        folder = local_folder(config, source)
        if not os.path.isdir(folder):
            raise PacksError(said("packs.error.no_folder", file=config.file, source=source.raw))
        if not has_manifest(folder):   # a v1 folder of the project: read as it is, not locked
            return None
        manifest = _manifest_of(folder, folder)
        return Resolved(LockEntry(manifest.name, manifest.version, source.shown, digest(folder),
                                  source.ref), folder, manifest, local=True)
    entry = locked_entry(old, source)
    if entry is not None and not renew:
        if cache.verified(entry.digest, root) != entry.digest:
            _fetch_locked(entry, source, config, root)
        folder = cache.entry_folder(entry.digest, root)
        return Resolved(entry, folder, _manifest_of(folder, source.shown))
    found, commit = _fetch_into_cache(source, config, root)
    folder = cache.entry_folder(found, root)
    manifest = _manifest_of(folder, source.shown)
    return Resolved(LockEntry(manifest.name, manifest.version, source.shown, found, source.ref,
                              commit), folder, manifest)


def _fetch_locked(entry: LockEntry, source: Source, config: ProjectConfig,
                  root: Optional[str]) -> None:
    """Fill the cache with exactly the locked content: git at the locked commit, anything else
    as the source gives it now, which must still have the locked digest."""
    pinned = Source(source.raw, entry.commit or source.ref)
    found, _ = _fetch_into_cache(pinned, config, root)
    if found != entry.digest:
        raise PacksError(said("packs.error.digest_changed", name=entry.name, source=entry.source,
                              found=found, locked=entry.digest))


def _sources_of(config: ProjectConfig) -> Dict[Tuple[str, Optional[str]], Source]:
    """The project's sources by (shown source, ref): credentials come from .idm.yaml only."""
    return {(r.source.shown, r.source.ref): r.source for r in requests(config)
            if r.source is not None}


def _resolve_all(config: ProjectConfig, renew: Optional[Sequence[str]], root: Optional[str]
                 ) -> Tuple[List[Resolved], List[LockEntry]]:
    if not config.get("packs"):
        raise PacksError(said("packs.error.no_packs", file=config.file))
    old = _current_lock(config)
    out: List[Resolved] = []
    for r in requests(config):
        again = renew is not None and (not renew or _name_of(r, old) in renew)
        resolved = _resolve(config, r, old, again, root)
        if resolved is not None:
            out.append(resolved)
    names: Dict[str, str] = {}
    for res in out:
        if res.entry.name in names and names[res.entry.name] != res.entry.source:
            raise PacksError(said("packs.error.two_named", file=config.file, name=res.entry.name,
                                  first=names[res.entry.name], second=res.entry.source))
        names[res.entry.name] = res.entry.source
    for res in out:
        for e in res.manifest.extends:
            if e.pack != BUNDLED_PACK and e.pack not in names:
                raise PacksError(said("packs.error.extends_unlisted", pack=res.entry.name,
                                      base=e.pack, file=config.file))
    return out, old


def _name_of(request: PackRequest, old: Sequence[LockEntry]) -> Optional[str]:
    if request.source is None:
        return BUNDLED_PACK
    entry = locked_entry(old, request.source)
    return entry.name if entry is not None else None


def _entry_line(e: LockEntry) -> str:
    parts = [e.name, e.version, e.source]
    if e.ref:
        parts.append("@ " + e.ref)
    if e.commit:
        parts.append("commit " + e.commit[:12])
    parts.append(e.digest[:19])
    return "  ".join(parts)


def lock(config: ProjectConfig, root: Optional[str] = None, lang: str = "en") -> Outcome:
    """Resolve every pack (a locked remote pack stays as locked) and write idm.lock."""
    resolved, _ = _resolve_all(config, None, root)
    return _write(config, resolved, lang)


def _write(config: ProjectConfig, resolved: List[Resolved], lang: str) -> Outcome:
    w = _words(lang)
    path = lock_path(os.path.join(config.folder, ".idm.yaml"))
    entries = [r.entry for r in resolved]
    lines = ["%s %s" % (w["locked"], _entry_line(e)) for e in entries]
    return Outcome(lines, path, render_lock(entries),
                   [w["wrote_lock"] % (display_name(path), len(entries))])


def fetch(config: ProjectConfig, root: Optional[str] = None, lang: str = "en") -> Outcome:
    """Fill the cache from the lock, without changing the lock."""
    w = _words(lang)
    entries = _current_lock(config)
    path = lock_path(os.path.join(config.folder, ".idm.yaml"))
    if not entries and not os.path.isfile(path):
        raise PacksError(said("packs.error.lock_missing", file=display_name(path)))
    sources = _sources_of(config)
    lines = []
    for e in entries:
        source = Source(e.source, e.ref)
        if not source.remote:
            lines.append("%s %s" % (w["local"], _entry_line(e)))
            continue
        if cache.verified(e.digest, root) == e.digest:
            lines.append("%s %s" % (w["cached"], _entry_line(e)))
            continue
        _fetch_locked(e, sources.get((e.source, e.ref), source), config, root)
        lines.append("%s %s" % (w["fetched"], _entry_line(e)))
    return Outcome(lines)


def update(config: ProjectConfig, name: Optional[str], root: Optional[str] = None,
           lang: str = "en") -> Outcome:
    """Resolve one pack (or all) again, print the rule-level changes and rewrite the lock."""
    w = _words(lang)
    old = _current_lock(config)
    if name is not None and name not in {e.name for e in old}:
        raise PacksError(said("packs.error.not_locked", name=name,
                              names=", ".join(sorted(e.name for e in old)) or w["error.none"]))
    resolved, old = _resolve_all(config, [name] if name else [], root)
    before = {e.name: e for e in old}
    lines: List[str] = []
    for r in resolved:
        prev = before.get(r.entry.name)
        if prev is None:
            lines.append("%s %s: %s" % (r.entry.name, r.entry.version, w["pack_new"]))
            continue
        if prev.digest == r.entry.digest:
            lines.append("%s %s: %s" % (r.entry.name, r.entry.version, w["pack_unchanged"]))
            continue
        lines.append("%s %s -> %s%s" % (r.entry.name, prev.version, r.entry.version,
                                         " (%s -> %s)" % (prev.commit[:12], r.entry.commit[:12])
                                         if prev.commit and r.entry.commit else ""))
        old_folder = _old_folder(prev, r, root)
        lines += ["  " + ln for ln in rule_diff(old_folder, r.folder, lang)] if old_folder \
            else ["  " + w["no_previous"]]
    written = _write(config, resolved, lang)
    written.lines = lines + written.lines
    return written


def _old_folder(prev: LockEntry, now: Resolved, root: Optional[str]) -> Optional[str]:
    if Source(prev.source).remote:
        folder = cache.entry_folder(prev.digest, root)
        return folder if os.path.isdir(folder) else None
    return None   # a local folder has no previous copy


def rules_of(folder: str) -> Tuple[Dict[str, Dict[str, Any]], Dict[str, str]]:
    """The rules (id -> severity, condition, message, title) and reference data snapshots
    (name -> date) of a pack folder, read without compiling."""
    from .rulepack import rule_files
    rules: Dict[str, Dict[str, Any]] = {}
    data: Dict[str, str] = {}
    for f in rule_files([folder]):
        try:
            doc = load_file(f)
        except InputError:
            continue
        d = doc.data if isinstance(doc.data, dict) else {}
        if d.get("kind") == "ReferenceData":
            data[str(d.get("name"))] = str(d.get("snapshot"))
        elif d.get("kind") == "RulePack":
            for raw in d.get("rules") or []:
                if isinstance(raw, dict) and "id" in raw:
                    cond = {k: raw.get(k) for k in ("when", "for_each", "portfolio", "once",
                                                    "at", "params", "replaces")}
                    rules[str(raw["id"])] = {
                        "severity": raw.get("severity"),
                        "condition": json.dumps(cond, sort_keys=True, default=str),
                        "message": json.dumps(raw.get("message"), sort_keys=True),
                        "title": (raw.get("title") or {}).get("en", "")}
    return rules, data


def rule_diff(old: str, new: str, lang: str = "en") -> List[str]:
    """What changes between two versions of a pack, rule by rule."""
    w = _words(lang)
    a, da = rules_of(old)
    b, db = rules_of(new)
    out = []
    for rid in sorted(set(a) | set(b)):
        if rid not in a:
            out.append("+ %s (%s) %s" % (rid, b[rid]["severity"], b[rid]["title"]))
        elif rid not in b:
            out.append("- %s (%s) %s" % (rid, a[rid]["severity"], a[rid]["title"]))
        else:
            what = []
            if a[rid]["severity"] != b[rid]["severity"]:
                what.append(w["severity_changed"] % (a[rid]["severity"], b[rid]["severity"]))
            if a[rid]["condition"] != b[rid]["condition"]:
                what.append(w["condition_changed"])
            if a[rid]["message"] != b[rid]["message"]:
                what.append(w["message_changed"])
            if what:
                out.append("~ %s: %s" % (rid, "; ".join(what)))
    for name in sorted(set(da) | set(db)):
        if da.get(name) != db.get(name):
            out.append(w["snapshot_changed"] % (name, da.get(name, "-"), db.get(name, "-")))
    return out or [w["no_rule_changed"]]


def list_packs(config: Optional[ProjectConfig], root: Optional[str] = None,
               lang: str = "en") -> Outcome:
    """The project's packs as resolved: name, version, source, digest, number of rules."""
    from .. import __version__
    from .rulepack import default_pack_dir
    w = _words(lang)
    rows = [tuple(w["list_headings"].split("|"))]
    wanted = requests(config) if config is not None and config.get("packs") else \
        [PackRequest(None, "")]
    entries = _current_lock(config) if config is not None else []
    for r in wanted:
        if r.source is None:
            folder = default_pack_dir()
            rows.append((BUNDLED_PACK, __version__, w["bundled"], digest(folder)[:19],
                         str(len(rules_of(folder)[0]))))
            continue
        if not r.source.remote:
            folder = local_folder(config, r.source)
            manifest = _manifest_of(folder, folder) if has_manifest(folder) else None
            rows.append((manifest.name if manifest else w["no_manifest"],
                         manifest.version if manifest else "-", r.source.shown,
                         digest(folder)[:19], str(len(rules_of(folder)[0]))))
            continue
        e = locked_entry(entries, r.source)
        if e is None:
            raise PacksError(said("packs.error.no_entry", name=r.source.shown))
        folder = cache.entry_folder(e.digest, root)
        count = str(len(rules_of(folder)[0])) if cache.verified(e.digest, root) == e.digest \
            else w["not_in_cache"]
        rows.append((e.name, e.version, e.source + (" @ " + e.ref if e.ref else ""),
                     e.digest[:19], count))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return Outcome(["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4]
                    for row in rows])
