"""A project's packs, overrides and params (`.idm.yaml`, docs/design/packs.md §5), resolved for
a run without the network: local folders as they are, everything else from `idm.lock` and the
cache, each cache entry checked against its locked digest."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..errors import InputError, Problem
from ..i18n import said
from ..inputs.config import BUNDLED_PACK, ProjectConfig
from ..inputs.loader import DEFAULT_LIMITS, Limits
from ..model import Finding, Override, Severity
from . import cache
from .lock import LOCK_NAME, LockEntry, lock_path, read_lock
from .source_spec import Source


@dataclass(frozen=True)
class PackRequest:
    """One entry of `packs:`: the bundled pack, or a source (a folder, an archive, git)."""

    source: Optional[Source]     # None: the bundled pack
    ypath: str

    @property
    def bundled(self) -> bool:
        return self.source is None


def requests(config: ProjectConfig) -> List[PackRequest]:
    out = []
    for i, raw in enumerate(config.get("packs") or []):
        ypath = "packs[%d]" % i
        if raw == BUNDLED_PACK:
            out.append(PackRequest(None, ypath))
        elif isinstance(raw, str):
            out.append(PackRequest(Source(raw), ypath))
        else:
            out.append(PackRequest(Source(raw["source"], raw.get("ref")), ypath))
    return out


def problem_at(config: ProjectConfig, message: str, ypath: str = "") -> Problem:
    line, col = config.doc.position(ypath) if config.doc is not None and ypath else (None, None)
    return Problem(config.file, message, line, col, ypath)


def local_folder(config: ProjectConfig, source: Source) -> str:
    """A folder source as a path from the working directory."""
    from ..inputs.discovery import display_name
    path = source.raw if os.path.isabs(source.raw) else os.path.join(config.folder, source.raw)
    return display_name(os.path.normpath(path))


def locked_entry(entries: Sequence[LockEntry], source: Source) -> Optional[LockEntry]:
    for e in entries:
        if e.matches(source.shown, source.ref):
            return e
    return None


def resolve_offline(config: ProjectConfig, cache_root: Optional[str] = None
                    ) -> Tuple[List[str], Dict[str, str], Dict[str, LockEntry]]:
    """(pack paths for the loader, pack name -> folder of every locked pack, pack name -> its
    lock entry) of the project's `packs:`; InputError with one line naming the fixing command when the lock or the cache
    does not serve them.  Never touches the network."""
    wanted = requests(config)
    remote = [r for r in wanted if r.source is not None and r.source.remote]
    path = lock_path(config.folder + os.sep + ".idm.yaml")
    shown_lock = os.path.join(os.path.dirname(config.file), LOCK_NAME)
    entries: List[LockEntry] = []
    if remote:
        if not os.path.isfile(path):
            raise InputError(problem_at(config, "%s is missing: the packs from %s are not "
                                        "pinned; run `idm packs lock`" % (
                                            shown_lock, remote[0].source.shown), "packs"))
        entries = read_lock(path)
    elif os.path.isfile(path):
        entries = read_lock(path)
    paths: List[str] = []
    known: Dict[str, str] = {}
    for r in wanted:
        if r.source is None:
            paths.append(BUNDLED_PACK)
        elif not r.source.remote:
            paths.append(local_folder(config, r.source))
        else:
            entry = locked_entry(entries, r.source)
            if entry is None:
                raise InputError(problem_at(config, "%s is out of date: it has no entry for %s%s;"
                                            " run `idm packs lock`" % (
                                                shown_lock, r.source.shown,
                                                " at %s" % r.source.ref if r.source.ref else ""),
                                            r.ypath))
            paths.append(cached_folder(entry, cache_root, shown_lock))
    for e in entries:
        if not Source(e.source).remote:
            continue
        if e.name not in known:
            try:
                known[e.name] = cached_folder(e, cache_root, shown_lock)
            except InputError:
                if any(locked_entry([e], r.source) for r in remote):
                    raise
    return paths, known, {e.name: e for e in entries if e.name in known}


def cached_folder(entry: LockEntry, root: Optional[str] = None, shown: str = LOCK_NAME
                  ) -> str:
    """The cache folder of a locked pack, its content checked against the locked digest
    (`shown`: the lock file as the user sees it)."""
    try:
        found = cache.verified(entry.digest, root)
        folder = cache.entry_folder(entry.digest, root)
    except ValueError:
        raise InputError(Problem.of(shown, said("pack.lock_not_a_digest", name=entry.name,
                                                digest=repr(entry.digest)), entry.line))
    if found is None:
        raise InputError(Problem.of(shown, said("pack.not_in_cache", name=entry.name,
                                                version=entry.version, digest=entry.digest,
                                                cache=os.path.dirname(folder)), entry.line))
    if found != entry.digest:
        raise InputError(Problem.of(shown, said("pack.cache_changed", name=entry.name,
                                                found=found, locked=entry.digest), entry.line))
    return folder


def named_packs(ruleset: Any) -> List[Dict[str, Any]]:
    """The run's named packs: name, version, and where a lock pinned it, its source, ref,
    commit and digest (credentials were never stored)."""
    out = []
    for name, planned in sorted(ruleset.packs.items()):
        origin = ruleset.origins.get(name)
        if origin is None and planned.manifest is not None:   # a folder of the project
            from .digest import digest
            out.append({"name": name, "version": planned.version, "source": planned.folder,
                        "ref": None, "commit": None, "digest": digest(planned.folder)})
            continue
        out.append({"name": name, "version": planned.version,
                    "source": origin.source if origin else None,
                    "ref": origin.ref if origin else None,
                    "commit": origin.commit if origin else None,
                    "digest": origin.digest if origin else None})
    return out


# ---- overrides

def apply_overrides(ruleset: Any, config: ProjectConfig, date: str) -> List[Problem]:
    """Apply the project's overrides to a loaded rule set on the evaluation date: a disabled
    rule is removed, a severity replaced; a lapsed override becomes a warning finding of the
    run.  The problems (unknown rule, nothing to override, a rule that is not waivable) make
    the run unusable."""
    raw = config.get("overrides") or {}
    if not raw:
        return []
    by_id = ruleset.by_id()
    problems: List[Problem] = []
    applied: List[Override] = []
    removed = set()
    for rid in sorted(raw):
        o = raw[rid]
        ypath = "overrides.%s" % rid
        spec = by_id.get(rid)
        if spec is None:
            problems.append(problem_at(config, "override of rule %r, which no loaded pack "
                                       "defines" % rid, ypath))
            continue
        if "severity" not in o and "enabled" not in o:
            problems.append(problem_at(config, "an override sets severity: or enabled:", ypath))
            continue
        rule = spec.rule
        enabled = o.get("enabled", True)
        severity = Severity.parse(o["severity"]) if "severity" in o else rule.severity
        lowered = not enabled or severity < rule.severity
        if lowered and not rule.waivable:
            problems.append(problem_at(config, "rule %s is marked waivable: false; it cannot be "
                                       "switched off or lowered" % rid, ypath))
            continue
        until = str(o["until"]) if o.get("until") is not None else None
        lapsed = until is not None and until < date
        applied.append(Override(rid, rule.severity, severity if enabled else None, enabled,
                                o["reason"], o["approved_by"], until, lapsed))
        if lapsed:
            ruleset.notices.append(_lapsed_finding(config, rule, until, ypath))
        elif not enabled:
            removed.add(rid)
        elif severity != rule.severity:
            spec.rule = dataclasses.replace(rule, severity=severity)
    if problems:
        return problems
    ruleset.specs[:] = [s for s in ruleset.specs if s.id not in removed]
    ruleset.overrides = tuple(applied)
    return []


def _lapsed_finding(config: ProjectConfig, rule: Any, until: str, ypath: str) -> Finding:
    from ..i18n import catalogue
    line, col = config.doc.position(ypath) if config.doc is not None else (None, None)
    message = {lang: catalogue(lang)("packs.override_lapsed") % {"rule": rule.id, "until": until}
               for lang in ("en", "nl")}
    return Finding(rule.id, Severity.warning, rule.category, rule.domain, message, ypath,
                   config.file, line, col)


def _kind(v: Any) -> str:
    return "true or false" if isinstance(v, bool) else "a number" \
        if isinstance(v, (int, float)) else "text"


def same_kind(declared: Any, value: Any) -> bool:
    """A parameter's value fits its declaration: a number for a number, text for text, true or
    false for a boolean."""
    return _kind(declared) == _kind(value)


def check_params(ruleset: Any, config: ProjectConfig) -> List[Problem]:
    """`params: {PACK.NAME: value}`: PACK a loaded pack and NAME a parameter one of its rules
    declares, of the same type (typed pack parameters: docs/design/packs.md §9)."""
    from .params import KIND_WORDS, fits
    out = []
    typed = getattr(ruleset.defs, "params", {})
    for key, value in sorted((config.get("params") or {}).items()):
        pack, _, name = key.partition(".")
        # A parameter of the bundled pack is set as idm-default.NAME (params.project_keys).
        own = name if key not in typed and pack == BUNDLED_PACK and name in typed else key
        if own in typed:
            if not fits(typed[own].type, value):
                out.append(problem_at(config, "parameter %s is %s, found %r" % (
                    key, KIND_WORDS[typed[own].type], value), "params.%s" % key))
            continue
        # A value of another type was not applied (rulepack._with_params): the declared one shows.
        declared = [s.params[name] for s in ruleset.specs
                    if s.rule.pack == pack and name in s.params]
        if not declared:
            out.append(problem_at(config, "no loaded pack %r declares parameter %r" % (pack, name)
                                  + _known_params(typed, pack), "params.%s" % key))
        elif not same_kind(declared[0], value):
            out.append(problem_at(config, "parameter %s takes %s, found %r" % (
                key, _kind(declared[0]), value), "params.%s" % key))
    return out


def _known_params(typed: Any, pack: str) -> str:
    names = sorted(k.partition(".")[2] for k in typed if k.startswith(pack + "."))
    return " (it declares %s)" % ", ".join(names) if names else ""


def project_ruleset(rules: Sequence[str], rules_given: bool, config: Optional[ProjectConfig],
                    date: str, limits: Limits = DEFAULT_LIMITS
                    ) -> Tuple[Any, List[Problem]]:
    """The rule set of a run: the command line's `--rules` when given, else the project's
    `packs:` (from the lock and the cache) and `rules:`; then the project's overrides.
    (None, problems) when it cannot be used."""
    from .rulepack import load_ruleset_collecting, pack_path
    paths = list(rules)
    known: Dict[str, str] = {}
    origins: Dict[str, LockEntry] = {}
    if config is not None and config.get("packs") and not rules_given:
        try:
            packs, known, origins = resolve_offline(config)
        except InputError as e:
            return None, [e.problem]
        paths = packs + paths
    missing = [Problem.of(r, said("input.no_such_file_or_directory")) for r in paths
               if not os.path.exists(pack_path(r))]
    if missing:
        return None, missing
    params = dict(config.get("params") or {}) if config is not None else {}
    ruleset, problems = load_ruleset_collecting(paths or None, limits, known, params)
    ruleset.origins.update(origins)
    if problems or config is None:
        return ruleset, problems
    problems = check_params(ruleset, config) + apply_overrides(ruleset, config, date)
    return ruleset, problems
