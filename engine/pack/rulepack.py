"""Load rule packs and coverage profiles into a RuleSet: every rule's metadata and its checked
condition tree.  Nothing is compiled here (compiler.py) and nothing is evaluated."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from ..errors import InputError, Problem
from ..i18n import said
from ..inputs import validate
from ..messages import placeholders
from ..inputs.config import BUNDLED_PACK
from ..inputs.discovery import display_name
from ..inputs.fields import NONE, DeclaredFields
from ..inputs.loader import DEFAULT_LIMITS, Document, Limits, is_unsaved, join_path, load_file
from ..model import Reference, Rule, Severity
from . import language, refdata
from . import fields as fields_mod
from . import params as params_mod
from .language import (Definitions, FieldType, Node, Parser, Path, Scope, Test, Uncovered,
                       decision_type, initiative_type)
from . import composition
from .manifest import MANIFEST, pack_text
from .packcheck import rule_problems

RULE_FILE_SUFFIXES = (".yaml", ".yml")
EXCEPTION_RULE_PREFIX = "EXC-"   # the rules about the exception register; no exception names one


@dataclass(frozen=True)
class Target:
    """Where a finding points: a path, or the first missing of several, or a path listing them."""

    path: Optional[Path]
    candidates: Tuple[Path, ...] = ()
    first_missing: bool = False


@dataclass(frozen=True)
class Pairs:
    for_each: Optional[Path]
    item_type: FieldType
    where: Optional[Node]
    same: Path
    same_normalised: bool
    differ: Optional[Path] = None
    differ_normalised: bool = False
    share_list: Optional[Path] = None
    share_path: Optional[Path] = None
    share_normalised: bool = False
    # The field types of `same` and `differ` ("duration", "string", ...): values compare as
    # values, so P10Y and P120M are the same duration.
    same_kind: str = ""
    differ_kind: str = ""
    # A group rule (`portfolio.groups`) is this join counted per group: `same` is its key `by`,
    # `count` what it counts ("initiatives" or "items"); empty for a pair rule.
    count: str = ""


@dataclass(frozen=True)
class Aggregate:
    select: Node
    count: Optional[str]
    sums: Tuple[Tuple[str, Path], ...]


@dataclass(frozen=True)
class Once:
    """The document-level part of a per-item rule: reported at most once per initiative."""

    when: Node
    target: Target
    message: Optional[Dict[str, str]] = None     # its own message; else the rule's


@dataclass
class RuleSpec:
    rule: Rule
    when: Optional[Node]
    target: Target
    for_each: Tuple[Tuple[str, Path], ...] = ()     # ("list" | "entries", path)
    params: Mapping[str, Any] = field(default_factory=dict)
    valid_from: Optional[str] = None
    valid_until: Optional[str] = None
    pairs: Optional[Pairs] = None
    aggregate: Optional[Aggregate] = None
    examples: Mapping[str, List[Any]] = field(default_factory=dict)
    positions: Any = None
    bound: Mapping[str, Tuple[str, FieldType]] = field(default_factory=dict)   # item, ...
    implicit: bool = False      # loaded although not asked for (the comply-or-explain rules)
    waives_nothing: bool = False   # report an exception only when it waives no finding
    subject: str = "initiative"    # or "decision": read the decision facts (docs/decisions.md)
    once: Optional[Once] = None
    reading: Dict[str, str] = field(default_factory=dict)   # how an ambiguous source is read
    param_defaults: Mapping[str, Any] = field(default_factory=dict)   # `params:` as written
    # `{param.NAME}` placeholders of the messages -> the pack parameter's value in force
    message_params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def groups(self) -> Optional[Pairs]:
        """The join of a group rule (its `when` tests the group's count), else None."""
        return self.pairs if self.pairs is not None and self.pairs.count else None

    def active_on(self, date: str) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and \
               (self.valid_until is None or date <= self.valid_until)


@dataclass(frozen=True)
class Coverage:
    """One domain's coverage, parsed: a `missing` test per field it lists (in order) and the test
    that the initiative's effective phase requires the domain (None: no phase does)."""

    missing: Tuple[Test, ...]
    required: Optional[Test]


@dataclass
class Profiles:
    fields: Dict[str, Tuple[str, ...]]
    phases: Dict[str, Tuple[str, ...]]
    file: str = ""
    # domain -> its coverage conditions, parsed with the profiles' positions (_check_profiles)
    coverage: Dict[str, Coverage] = field(default_factory=dict)

    def phases_requiring(self, domain: str) -> Tuple[str, ...]:
        return tuple(p for p, ds in self.phases.items() if domain in ds)


@dataclass
class RuleSet:
    specs: List[RuleSpec]
    defs: Definitions
    profiles: Optional[Profiles]
    builtin: Dict[str, Node]
    files: List[str] = field(default_factory=list)
    names: Dict[str, str] = field(default_factory=dict)   # file -> its pack's name (history)
    packs: Dict[str, Any] = field(default_factory=dict)   # name -> PlannedPack (named packs)
    overrides: Tuple[Any, ...] = ()     # the AppliedOverride of each project override in force
    notices: List[Any] = field(default_factory=list)    # findings of the run (lapsed overrides)
    origins: Dict[str, Any] = field(default_factory=dict)   # name -> its LockEntry (idm.lock)
    fields: DeclaredFields = NONE       # the fields the packs add to the initiative format
    # The rule ids an exception may name (`names_known_rule`), sorted: every rule but the
    # exception rules themselves, whose ids start with EXCEPTION_RULE_PREFIX; and those of them
    # an exception can waive.
    nameable: Tuple[str, ...] = field(init=False)
    nameable_waivable: Tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.nameable = tuple(sorted(s.id for s in self.specs
                                     if not s.id.startswith(EXCEPTION_RULE_PREFIX)))
        waivable = {s.id for s in self.specs if s.rule.waivable}
        self.nameable_waivable = tuple(k for k in self.nameable if k in waivable)

    def by_id(self) -> Dict[str, RuleSpec]:
        return {s.id: s for s in self.specs}


def default_pack_dir() -> str:
    return str(resources.files("idm.rules"))


def pack_path(path: str) -> str:
    """A pack as given (`--rules`, `.idm.yaml`): the bundled pack's name stands for the folder
    pip installed it in, which nobody should need to know; anything else is a path (a local
    folder of that name is `./idm-default`)."""
    return default_pack_dir() if path == BUNDLED_PACK else path


def rule_files(paths: Iterable[str]) -> List[str]:
    """Expand files and directories (recursively) to rule-pack files, sorted, tests left out."""
    out: List[str] = []
    for p in map(pack_path, paths):
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
                for f in sorted(files):
                    if f.endswith(RULE_FILE_SUFFIXES) and not _is_test_file(f):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    seen = set()
    return [f for f in out if not (os.path.realpath(f) in seen or seen.add(os.path.realpath(f)))]


def _is_test_file(name: str) -> bool:
    stem = name.rsplit(".", 1)[0]
    return stem.endswith("_test")


def load_documents(paths: Iterable[str], limits: Limits = DEFAULT_LIMITS
                   ) -> Tuple[List[Document], List[Problem]]:
    docs, problems = [], []
    pack_dir = os.path.realpath(default_pack_dir())
    parsed: Optional[Dict[str, Any]] = None
    for f in rule_files(paths):
        real = os.path.realpath(f)
        try:
            if real.startswith(pack_dir + os.sep) and not is_unsaved(real):
                if parsed is None:
                    parsed = _parsed_pack()
                doc = _from_parsed(parsed, os.path.relpath(real, pack_dir), real, display_name(f))
                docs.append(doc or load_file(f, limits, display=display_name(f), packaged=True))
            else:
                docs.append(load_file(f, limits, display=display_name(f)))
        except InputError as e:
            problems.append(e.problem)
    return docs, problems


PARSED_PACK = "packaged_rules.json"


def _parsed_pack() -> Dict[str, Any]:
    """The default pack's files as parsed when idm was built (tools/freeze_rules.py): parsing
    them again is a third of a one-initiative check's start-up time.  Each entry carries the
    SHA-256 of its file and is used only while the file is unchanged."""
    try:
        text = resources.files("idm.engine").joinpath(PARSED_PACK).read_text("utf-8")
        return json.loads(text)
    except (OSError, ValueError):
        return {}


def _from_parsed(parsed: Dict[str, Any], name: str, path: str, display: str
                 ) -> Optional[Document]:
    entry = parsed.get(name.replace(os.sep, "/"))
    if entry is None:
        return None
    try:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None
    if digest != entry["sha256"]:
        return None
    return Document(display, entry["data"], {k: tuple(v) for k, v in entry["positions"].items()})


def freeze_pack() -> str:
    """The text of engine/packaged_rules.json for the current default pack."""
    pack_dir = os.path.realpath(default_pack_dir())
    out = {}
    for f in rule_files([pack_dir]):
        with open(f, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        doc = load_file(f)
        out[os.path.relpath(f, pack_dir).replace(os.sep, "/")] = {
            "sha256": digest, "data": doc.data, "positions": doc.positions}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n"


def _builtin_document() -> Document:
    from ..inputs.loader import parse_yaml
    text = resources.files("idm.engine").joinpath("builtin.yaml").read_text("utf-8")
    return parse_yaml("<builtin>", text)


def load_ruleset(paths: Optional[Iterable[str]] = None, limits: Limits = DEFAULT_LIMITS,
                 known: Mapping[str, str] = {}, params: Mapping[str, Any] = {}) -> RuleSet:
    """Load rule packs and profiles; raise InputError (the first problem) if any is unusable.

    Without paths the packaged default pack is loaded.
    """
    ruleset, problems = load_ruleset_collecting(paths, limits, known, params)
    if problems:
        raise InputError(problems[0])
    return ruleset


def _non_finite(doc: Document) -> List[Problem]:
    """NaN and infinities anywhere in a pack: `gt: .nan` could never fire and `lt: .inf` made
    durable_rules fail (error 202), so both are load errors at their position."""
    out: List[Problem] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, float) and not math.isfinite(value):
            line, col = doc.position(path)
            out.append(Problem.of(doc.file, said("validate.non_finite"), line, col, path))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, join_path(path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, join_path(path, i))

    walk(doc.data, "")
    return out


def load_ruleset_collecting(paths: Optional[Iterable[str]] = None,
                            limits: Limits = DEFAULT_LIMITS, known: Mapping[str, str] = {},
                            params: Mapping[str, Any] = {}) -> Tuple[RuleSet, List[Problem]]:
    """Load what can be loaded and list every problem (for `idm rules lint`).

    `known`: pack name -> folder of the packs a lock resolved, for `extends` by name
    (docs/design/packs.md §4); `params`: `PACK.NAME` -> a project's value of a rule parameter
    (§5), in place of the value the rules of PACK declare."""
    paths = [pack_path(p) for p in paths] if paths else [default_pack_dir()]
    plan, problems = composition.plan(paths, known, limits, default_pack_dir())
    docs, found = load_documents(plan.paths, limits)
    problems += found
    # The comply-or-explain rules are always evaluated, whatever packs are given.
    always = os.path.join(default_pack_dir(), EXCEPTION_RULES)
    if not any(os.path.realpath(d.file) == os.path.realpath(always) for d in docs):
        extra, found = load_documents([always], limits)
        docs += extra
        problems += found
        added = {d.file for d in extra}
    else:
        added = set()
    packs: List[Document] = []
    profiles: Optional[Profiles] = None
    profiles_doc: Optional[Document] = None
    data: Dict[str, refdata.DataSet] = {}
    for doc in docs:
        kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
        if kind == "Pack":
            problems.extend(_manifest_elsewhere(doc, plan))
            continue
        if kind in ("RulePack", "CoverageProfiles"):
            problems.extend(_belongs(doc, plan))
        if kind == "CoverageProfiles":
            found = validate.problems(doc, "profiles")
            if found:
                problems.extend(found)
                continue
            if profiles is not None:
                line, col = doc.position("kind")
                problems.append(Problem.of(doc.file, said("pack.second_profiles",
                                                          first=profiles.file), line, col, "kind"))
                continue
            profiles = _profiles(doc)
            profiles_doc = doc      # its fields are checked once the declared fields are known
        elif kind == "RuleTests":
            continue
        elif kind == "ReferenceData":
            found = validate.problems(doc, "referencedata")
            if found:
                problems.extend(found)
                continue
            found = refdata.problems(doc)
            if found:
                problems.extend(found)
                continue
            problems.extend(_add_data(data, refdata.from_document(doc, _data_pack(doc, plan)),
                                      doc))
        elif not isinstance(doc.data, dict) or "kind" not in doc.data:
            problems.append(Problem.of(doc.file, said("pack.not_a_pack"), 1, 1))
        elif kind != "RulePack" and isinstance(kind, str):
            line, col = doc.position("kind")
            problems.append(Problem.of(doc.file, said("pack.wrong_kind", kind=repr(kind)),
                                       line, col, "kind"))
        else:
            found = validate.problems(doc, "rulepack") or _non_finite(doc)
            if found:
                problems.extend(found)
                continue
            packs.append(doc)
    defs = Definitions(domains=tuple(profiles.fields) if profiles else (), data=data)
    defs.bases.update(_bases(plan))
    builtin_doc = _builtin_document()
    origin: Dict[Tuple[str, str], str] = {}
    namespaces = {doc.file: namespace(doc) for doc in packs}
    problems.extend(_declare_params(defs, plan, packs, namespaces, params))
    defs.fields, found = _declare_fields(plan, packs)
    problems.extend(found)
    if profiles is not None and profiles_doc is not None:
        problems.extend(_check_profiles(profiles_doc, profiles, defs.fields))
    for doc in [builtin_doc] + packs:
        ns = namespaces.get(doc.file, "")
        for section in ("patterns", "scales", "predicates"):
            for name, value in (doc.data.get(section) or {}).items():
                ypath = "%s.%s" % (section, name)
                key = name if section == "scales" else Definitions.key(ns, name)
                if (section, key) in origin or \
                        (section == "predicates" and name in BUILTIN_PREDICATES and ns):
                    line, col = doc.position(ypath)
                    problems.append(Problem.of(doc.file, said(
                        "pack.defined", what=section[:-1], name=repr(name),
                        file=origin.get((section, key), builtin_doc.file)), line, col, ypath))
                    continue
                origin[(section, key)] = doc.file
                if section == "patterns":
                    parser = Parser(defs, doc.file, doc.position, ns)
                    try:
                        defs.patterns[key] = parser.regex(value, ypath)
                    except InputError as e:
                        problems.append(e.problem)
                elif section == "scales":
                    defs.scales[name] = tuple(value)
                else:
                    defs.predicates[key] = value
                    defs.predicate_where[key] = (doc.file, doc.position, ns)
    problems.extend(_check_predicates(defs, packs))
    builtin = {}
    for name in ("exception_complete", "exception_expired", "exception_too_long",
                 "exception_valid"):
        scope = Scope({"item": ("principles.exceptions", _exception_type())})
        builtin[name] = Parser(defs, builtin_doc.file, builtin_doc.position).condition(
            {"predicate": name}, "predicates." + name, scope)
    specs: List[RuleSpec] = []
    seen: Dict[str, str] = {}
    dropped = _dropped(plan, packs, problems)
    # The always-evaluated file comes last: a given pack's own EXC rule of the same id wins.
    for doc in sorted(packs, key=lambda d: d.file in added):
        for i, raw in enumerate(doc.data.get("rules") or []):
            ypath = "rules[%d]" % i
            rid = raw["id"]
            if (doc.file, rid) in dropped:
                continue
            if rid in seen:
                if doc.file in added:
                    continue
                line, col = doc.position(ypath + ".id")
                problems.append(Problem.of(doc.file, said("pack.duplicate_rule", rule=repr(rid),
                                                          file=seen[rid]), line, col, ypath + ".id"))
                continue
            seen[rid] = doc.file
            spec = None
            written = dict(raw.get("params") or {})
            raw = _with_params(raw, str(doc.data.get("name") or ""), params)
            collected: List[Problem] = []      # every error of the rule's conditions
            try:
                spec = _rule_spec(doc, raw, ypath, defs, profiles, namespaces[doc.file],
                                  collected)
                spec.implicit = doc.file in added
                spec.param_defaults = written
                specs.append(spec)
            except InputError as e:
                problems.extend([e.problem] + [p for p in collected if p != e.problem])
            problems.extend(rule_problems(doc, ypath, raw, spec, defs))
    specs.sort(key=lambda s: s.id)
    names = {d.file: str(d.data["name"]) for d in docs
             if isinstance(d.data, dict) and d.data.get("name")}
    return RuleSet(specs, defs, profiles, builtin, [d.file for d in docs], names,
                   dict(plan.packs), fields=defs.fields), problems


def _declare_fields(plan: "composition.LoadPlan", packs: List[Document]
                    ) -> Tuple[DeclaredFields, List[Problem]]:
    """The fields the run's packs declare (manifests first, then RulePack files), checked
    against the format and against each other (engine/pack/fields.py)."""
    problems: List[Problem] = []
    found: List[fields_mod.Found] = []
    for name, planned in sorted(plan.packs.items()):
        m = planned.manifest
        if m is not None and m.fields:
            decls, bad = fields_mod.declared(m.fields, name, m.title, m.file, m.position)
            problems += bad
            found += decls
    for doc in packs:
        if not doc.data.get("fields"):
            continue
        planned = plan.pack_of(doc.file)
        title = planned.manifest.title if planned is not None and planned.manifest else {}
        decls, bad = fields_mod.declared(doc.data["fields"], str(doc.data.get("name") or ""),
                                         title, doc.file, doc.position)
        problems += bad
        found += decls
    if not found:
        return NONE, problems
    declared, bad = fields_mod.resolve(found)
    return declared, problems + bad


def _data_pack(doc: Document, plan: "composition.LoadPlan") -> str:
    """The pack a data set belongs to: its named pack, else the folder it lies in."""
    planned = plan.pack_of(doc.file)
    return planned.name if planned is not None else os.path.dirname(os.path.realpath(doc.file))


def _add_data(data: Dict[str, refdata.DataSet], ds: refdata.DataSet, doc: Document
              ) -> List[Problem]:
    """Add a data set; one of the same name from another pack loaded earlier is replaced by a
    later snapshot, and an older (or as old) snapshot is refused naming both."""
    have = data.get(ds.name)
    if have is None:
        data[ds.name] = ds
        return []
    how = refdata.replacement(have, ds)
    if how == "replace":
        data[ds.name] = dataclasses.replace(ds, replaces=(have.snapshot, have.file))
        return []
    ypath = "name" if how is None else "snapshot"
    line, col = doc.position(ypath)
    message = said("pack.data_defined", name=repr(ds.name), file=have.file) if how is None \
        else said("pack.data_older", name=repr(ds.name), snapshot=ds.snapshot,
                  loaded=have.snapshot, file=have.file)
    return [Problem.of(doc.file, message, line, col, ypath)]


def _declare_params(defs: Definitions, plan: "composition.LoadPlan", packs: List[Document],
                    namespaces: Mapping[str, str], values: Mapping[str, Any]) -> List[Problem]:
    """The typed parameters of the run's packs (manifests first, then RulePack files), with the
    project's values, into `defs.params`; a name declared twice in one pack is an error."""
    problems: List[Problem] = []
    found: List[Tuple[params_mod.Param, str, Any]] = []
    for name, planned in sorted(plan.packs.items()):
        m = planned.manifest
        if m is not None and m.params:
            decls, bad = params_mod.declared(m.params, name, m.file, m.position)
            problems += bad
            found += [(p, m.file, m.position) for p in decls]
    for doc in packs:
        decls, bad = params_mod.declared(doc.data.get("params"), namespaces[doc.file], doc.file,
                                         doc.position)
        problems += bad
        found += [(p, doc.file, doc.position) for p in decls]
    for p, file, where in found:
        if p.key in defs.params:
            ypath = "params.%s" % p.name
            line, col = where(ypath)
            problems.append(Problem.of(file, said("pack.defined", what="parameter",
                                                  name=repr(p.name), file=defs.params[p.key].file),
                                       line, col, ypath))
            continue
        defs.params[p.key] = params_mod.with_project(p, values)
    return problems


def _with_params(raw: Dict[str, Any], pack: str, params: Mapping[str, Any]) -> Dict[str, Any]:
    """The rule with the project's values of its parameters (`params:` in .idm.yaml)."""
    own = raw.get("params")
    if not params or not own or not pack:
        return raw
    from .project import same_kind
    values = {k: params["%s.%s" % (pack, k)] for k in own
              if "%s.%s" % (pack, k) in params and same_kind(own[k], params["%s.%s" % (pack, k)])}
    return dict(raw, params=dict(own, **values)) if values else raw


def _manifest_elsewhere(doc: Document, plan: "composition.LoadPlan") -> List[Problem]:
    """A `kind: Pack` document is read as its folder's manifest, never as a rule file."""
    planned = plan.pack_of(doc.file)
    if planned is not None and planned.manifest is not None and \
            os.path.basename(doc.file) == MANIFEST:
        return []
    line, col = doc.position("kind")
    return [Problem.of(doc.file, said("pack.manifest_elsewhere", file=MANIFEST), line, col,
                       "kind")]


def _belongs(doc: Document, plan: "composition.LoadPlan") -> List[Problem]:
    """A rule or profiles file in a pack with a manifest carries the pack's name (or none)."""
    planned = plan.pack_of(doc.file)
    if planned is None or planned.manifest is None or not isinstance(doc.data, dict):
        return []
    name = doc.data.get("name")
    if name is None:
        doc.data["name"] = planned.name
        return []
    if name != planned.name:
        line, col = doc.position("name")
        return [Problem.of(doc.file, said("pack.other_name", name=repr(name),
                                           pack=repr(planned.name),
                                           manifest=planned.manifest.file),
                           line, col, "name")]
    return []


def _bases(plan: "composition.LoadPlan") -> Dict[str, Tuple[str, ...]]:
    """Namespace -> the namespaces of the packs it extends (the bundled pack's is "" and
    visible to all): what a rule may name unqualified."""
    return {name: tuple(n for n in plan.extended(name) if n != BUNDLED_PACK)
            for name, p in plan.packs.items() if p.manifest is not None}


def _dropped(plan: "composition.LoadPlan", packs: List[Document], problems: List[Problem]
             ) -> set:
    """(file, rule id) of the rules an extending pack leaves out (include/exclude) or replaces;
    a `replaces:` that names no rule of an extended pack is a problem at it."""
    rules = []
    for doc in packs:
        planned = plan.pack_of(doc.file)
        pack = planned.name if planned is not None else ""
        for i, raw in enumerate(doc.data.get("rules") or []):
            rules.append((doc.file, raw["id"], raw.get("replaces"), "rules[%d]" % i, pack))
    dropped, bad = composition.dropped_rules(plan, rules)
    for file, ypath, replaced, pack in bad:
        doc = next(d for d in packs if d.file == file)
        line, col = doc.position(ypath + ".replaces")
        problems.append(Problem.of(file, said(
            "pack.replaces_nothing", rule=repr(replaced),
            what=said("pack.replaces_pack", pack=repr(pack)) if pack
            else said("pack.replaces_file")), line, col, ypath + ".replaces"))
    return dropped


EXCEPTION_RULES = "exceptions.yaml"     # the default pack's comply-or-explain rules
EXCEPTIONS_PATH = ("principles", "exceptions")
BUILTIN_PREDICATES = ("exception_complete", "exception_expired", "exception_valid")


def namespace(doc: Document) -> str:
    """The namespace of a pack file's patterns and predicates: "" for the default pack (and the
    built-in predicates), which every pack sees unqualified; otherwise the file's `name:`."""
    if doc.file == "<builtin>":
        return ""
    real = os.path.realpath(doc.file)
    if real.startswith(os.path.realpath(default_pack_dir()) + os.sep):
        return ""
    return str(doc.data.get("name") or "")


def _check_predicates(defs: Definitions, packs: List[Document]) -> List[Problem]:
    """Every predicate a pack defines, checked whether a rule uses it or not.  Its `item` is
    whatever a rule binds, so only what does not depend on the item's type is checked here; a
    rule that uses the predicate checks the rest."""
    out = []
    files = {d.file for d in packs}
    for key, raw in sorted(defs.predicates.items()):
        file, where, pack = defs.predicate_where[key]
        if file not in files:
            continue
        parser = Parser(defs, file, where, pack)
        short = key[len(pack) + 1:] if pack else key
        try:
            parser.condition(raw, "predicates.%s" % short,
                             Scope({"item": ("", language.UNKNOWN)}))
        except InputError as e:
            out.append(e.problem)
    return out


def _exception_type() -> FieldType:
    principles = initiative_type().prop("principles")
    return principles.prop("exceptions").item


def _profiles(doc: Document) -> Profiles:
    return Profiles({d: tuple(f) for d, f in doc.data["fields"].items()},
                    {p: tuple(ds) for p, ds in doc.data["phases"].items()}, doc.file)


def _check_profiles(doc: Document, profiles: Profiles, fields: DeclaredFields = NONE
                    ) -> List[Problem]:
    """The problems of the profiles; parses each domain's coverage conditions into
    `profiles.coverage` (a field path with a problem is left out)."""
    out = []
    parser = Parser(Definitions(fields=fields), doc.file, doc.position)
    phase = parser.path("phase", "phases", Scope())[0]      # the initiative's own field
    for domain, fields in profiles.fields.items():
        missing = []
        for i, f in enumerate(fields):
            try:
                path = parser.path(f, "fields.%s[%d]" % (domain, i), Scope())[0]
            except InputError as e:
                out.append(e.problem)
                continue
            missing.append(Test(path, FieldType("any"), "missing"))
        phases = profiles.phases_requiring(domain)
        required = Test(phase, FieldType("string"), "in", phases, "initiation") if phases else None
        profiles.coverage[domain] = Coverage(tuple(missing), required)
    for phase_name, domains in profiles.phases.items():
        for i, d in enumerate(domains):
            if d not in profiles.fields:
                line, col = doc.position("phases.%s[%d]" % (phase_name, i))
                out.append(Problem.of(doc.file, said("pack.domain_without_fields", domain=repr(d)),
                                      line, col, "phases.%s[%d]" % (phase_name, i)))
    return out


def _rule_spec(doc: Document, raw: Dict[str, Any], ypath: str, defs: Definitions,
               profiles: Optional[Profiles], ns: str = "",
               collect: Optional[List[Problem]] = None) -> RuleSpec:
    where = lambda p: doc.position(p)  # noqa: E731 - positions of this pack file
    subject = raw.get("subject", "initiative")
    parser = Parser(defs, doc.file, where, ns, collect,
                    root=decision_type() if subject == "decision" else None)
    params = dict(raw.get("params") or {})
    line, _ = doc.position(ypath)
    waivable = raw.get("waivable", True)
    portfolio = raw.get("portfolio") or {}
    rule = Rule(
        id=raw["id"], title=pack_text(raw["title"]), message=pack_text(raw["message"]),
        category=raw["category"], domain=raw["domain"], severity=Severity.parse(raw["severity"]),
        rationale=pack_text(raw.get("rationale")), remediation=pack_text(raw.get("remediation")),
        references=tuple(Reference(r["title"], r.get("url"), r.get("lang"))
                         for r in raw.get("references") or ()),
        pack=doc.data.get("name", ""), file=doc.file, line=line, waivable=waivable,
        portfolio_level="aggregate" in portfolio)
    scope = Scope(params=params)
    for_each: List[Tuple[str, Path]] = []
    fe = raw.get("for_each")
    other_items: List[Tuple[str, FieldType]] = []
    if fe is not None:
        if isinstance(fe, dict):
            path, ftype = parser.path(fe["entries"], ypath + ".for_each.entries", Scope())
            if ftype.kind != "object" or ftype.free_keys is None:
                raise parser.fail(ypath + ".for_each.entries", said("rulelang.entries"))
            for_each.append(("entries", path))
            scope.vars["item"] = ("{entries}" + str(path), ftype.free_keys)
        else:
            for i, p in enumerate([fe] if isinstance(fe, str) else fe):
                yp = ypath + ".for_each" + ("" if isinstance(fe, str) else "[%d]" % i)
                path, ftype, nested = parser.list_path(p, yp)
                if ftype.kind != "array":
                    raise parser.fail(yp, said("rulelang.for_each_not_list", path=str(p)))
                for_each.append(("nested" if nested else "list", path))
                if "item" not in scope.vars:
                    scope.vars["item"] = (str(path), ftype.item)
                else:
                    other_items.append((str(path), ftype.item))
    when: Optional[Node] = None
    failed: Optional[InputError] = None
    pairs = aggregate = None
    forms = [f for f in ("pairs", "aggregate", "groups") if f in portfolio]
    if len(forms) > 1:
        raise parser.fail(ypath + ".portfolio", said("rulelang.portfolio_forms",
                                                     forms=", ".join(forms)))
    if "aggregate" in portfolio:
        aggregate = _aggregate(parser, portfolio["aggregate"], ypath + ".portfolio.aggregate")
        names = ([aggregate.count] if aggregate.count else []) + [n for n, _ in aggregate.sums]
        when = _parse_aggregate_when(parser, raw.get("when"), ypath + ".when", names, params)
    elif "pairs" in portfolio:
        pairs = _pairs(parser, portfolio["pairs"], ypath + ".portfolio.pairs", params)
        if "when" in raw:
            raise parser.fail(ypath + ".when", said("rulelang.pairs_when"))
        if pairs.for_each is not None:
            scope.vars["item"] = (str(pairs.for_each), pairs.item_type)
    elif "groups" in portfolio:
        pairs = _groups(parser, portfolio["groups"], ypath + ".portfolio.groups", params)
        when = _parse_group_when(parser, raw.get("when"), ypath + ".when", params)
        if pairs.for_each is not None:
            scope.vars["item"] = (str(pairs.for_each), pairs.item_type)
    else:
        if "when" not in raw:
            raise parser.fail(ypath, said("rulelang.no_when", rule=rule.id))
        try:
            when = parser.condition(raw["when"], ypath + ".when", scope)
            for list_path, item_type in other_items:   # every listed list must fit the condition
                parser.condition(raw["when"], ypath + ".when",
                                 Scope(dict(scope.vars, item=(list_path, item_type)), params))
        except InputError as e:     # collecting (lint): the rule's `at:` is checked too
            parser.note(e)
            failed = e
    waives_nothing = bool(raw.get("waives_nothing", False))
    if waives_nothing and [p.parts for _, p in for_each] != [EXCEPTIONS_PATH]:
        raise parser.fail(ypath + ".waives_nothing", said("rulelang.waives_nothing"))
    target = _target(parser, raw.get("at"), ypath + ".at", scope, when, profiles, rule,
                     bool(for_each) or (pairs is not None and pairs.for_each is not None),
                     aggregate is not None)
    if failed is not None:
        raise failed
    once = None
    if "once" in raw:
        once = _once(parser, raw["once"], ypath + ".once", params, bool(for_each))
    return RuleSpec(rule, when, target, tuple(for_each), params, raw.get("valid_from"),
                    raw.get("valid_until"), pairs, aggregate, dict(raw.get("examples") or {}),
                    positions=doc.positions, bound=dict(scope.vars),
                    waives_nothing=waives_nothing, once=once, subject=subject,
                    reading=pack_text(raw.get("reading")),
                    message_params=_message_params(parser, raw, ypath, Scope(params=params)))


def _message_params(parser: Parser, raw: Dict[str, Any], ypath: str,
                    scope: Scope) -> Dict[str, Any]:
    """The values of the `{param.NAME}` placeholders of the rule's messages (and of its `once:`
    message), resolved as `{param: NAME}` is in a condition, so that a message states the
    threshold in force instead of repeating a literal."""
    texts = [("message", raw.get("message"))]
    if isinstance(raw.get("once"), dict):
        texts.append(("once.message", raw["once"].get("message")))
    out: Dict[str, Any] = {}
    for where, message in texts:
        for lang, text in (message.items() if isinstance(message, dict) else ()):
            for name in placeholders(text) if isinstance(text, str) else ():
                if name.startswith("param.") and name not in out:
                    out[name] = parser.param_value(name[len("param."):],
                                                   "%s.%s.%s" % (ypath, where, lang), scope)
    return out


def _once(parser: Parser, raw: Any, ypath: str, params: Mapping[str, Any],
          per_item: bool) -> Once:
    """`once: {when: C, at: P}` beside `for_each`: a second, document-level condition of the
    same rule ("per item ..., and once per initiative ..."), reported at P."""
    if not per_item:
        raise parser.fail(ypath, said("rulelang.once"))
    scope = Scope(params=params)
    when = parser.condition(raw["when"], ypath + ".when", scope)
    return Once(when, Target(parser.path(raw["at"], ypath + ".at", scope)[0]),
                pack_text(raw["message"]) if raw.get("message") else None)


def _target(parser: Parser, at: Any, ypath: str, scope: Scope, when: Optional[Node],
            profiles: Optional[Profiles], rule: Rule, per_item: bool, aggregate: bool) -> Target:
    if aggregate:
        return Target(None)
    if at is None:
        if isinstance(when, Uncovered) and profiles is not None:
            fields = profiles.fields[when.domain]
            paths = tuple(parser.path(f, ypath, Scope())[0] for f in fields)
            return Target(None, paths, first_missing=True)
        if per_item:
            return Target(parser.path("item", ypath, scope)[0])
        raise parser.fail(ypath.rsplit(".", 1)[0], said("rulelang.no_at", rule=rule.id))
    if isinstance(at, str):
        return Target(parser.path(at, ypath, scope)[0])
    if "first_missing" in at:
        paths = tuple(parser.path(p, "%s.first_missing[%d]" % (ypath, i), scope)[0]
                      for i, p in enumerate(at["first_missing"]))
        return Target(None, paths, first_missing=True)
    paths = tuple(parser.path(p, "%s.missing[%d]" % (ypath, i), scope)[0]
                  for i, p in enumerate(at["missing"]))
    return Target(parser.path(at["path"], ypath + ".path", scope)[0], paths)


def _join_items(parser: Parser, raw: Dict[str, Any], ypath: str, params: Mapping[str, Any]
                ) -> Tuple[Optional[Path], FieldType, Scope, Optional[Node]]:
    """The items a pair or group rule joins (`for_each`, else whole initiatives), the scope
    that binds `item` to them, and their `where`."""
    scope = Scope(params=params)
    fe = None
    item_type = parser.defs.root()
    if "for_each" in raw:
        fe, ftype = parser.path(raw["for_each"], ypath + ".for_each", Scope())
        if ftype.kind != "array":
            raise parser.fail(ypath + ".for_each", said("rulelang.for_each_list"))
        item_type = ftype.item
        scope.vars["item"] = (str(fe), ftype.item)
    where = parser.condition(raw["where"], ypath + ".where", scope) if "where" in raw else None
    return fe, item_type, scope, where


def _join_key(parser: Parser, raw: Dict[str, Any], name: str, ypath: str, scope: Scope
              ) -> Tuple[Optional[Path], bool, str]:
    """A single value a join compares (`same`, `differ`, `by`): its path, whether it is
    normalised, and its field type (values compare as values: durations by length)."""
    if name not in raw:
        return None, False, ""
    path, ftype = parser.path(raw[name]["path"], "%s.%s.path" % (ypath, name), scope)
    if ftype.kind in ("array", "object"):
        raise parser.fail("%s.%s.path" % (ypath, name), said(
            "rulelang.pairs_list" if ftype.kind == "array" else "rulelang.pairs_mapping",
            name=name, path=str(path)))
    return path, bool(raw[name].get("normalised", False)), ftype.kind


def _pairs(parser: Parser, raw: Dict[str, Any], ypath: str, params: Mapping[str, Any]) -> Pairs:
    fe, item_type, scope, where = _join_items(parser, raw, ypath, params)
    same, same_n, same_kind = _join_key(parser, raw, "same", ypath, scope)
    differ, differ_n, differ_kind = _join_key(parser, raw, "differ", ypath, scope)
    share_list = share_path = None
    share_n = False
    if "share_none" in raw:
        sn = raw["share_none"]
        share_list, ltype = parser.path(sn["in"], ypath + ".share_none.in", Scope())
        if ltype.kind != "array":
            raise parser.fail(ypath + ".share_none.in", said("rulelang.share_none"))
        inner = Scope({"item": (str(share_list), ltype.item)})
        share_path, _ = parser.path(sn["path"], ypath + ".share_none.path", inner)
        share_n = bool(sn.get("normalised", False))
    return Pairs(fe, item_type, where, same, same_n, differ, differ_n, share_list, share_path,
                 share_n, same_kind, differ_kind)


GROUP_COUNTS = ("initiatives", "items")


def _groups(parser: Parser, raw: Dict[str, Any], ypath: str, params: Mapping[str, Any]
            ) -> Pairs:
    """`portfolio.groups`: the items (or initiatives) that satisfy `where`, grouped by the
    value of `by`; the rule's `when` tests how many each group holds."""
    fe, item_type, scope, where = _join_items(parser, raw, ypath, params)
    by, by_n, by_kind = _join_key(parser, raw, "by", ypath, scope)
    count = raw.get("count", "initiatives")
    if count == "items" and fe is None:
        raise parser.fail(ypath + ".count", said("rulelang.groups_items"))
    return Pairs(fe, item_type, where, by, by_n, same_kind=by_kind, count=count)


def _parse_group_when(parser: Parser, raw: Any, ypath: str, params: Mapping[str, Any]) -> Node:
    """The condition of a group rule reads the group's `count` (and parameters), nothing of an
    initiative: any other path is an error at its own line."""
    if raw is None:
        raise parser.fail(ypath, said("rulelang.groups_when"))

    def check(node: Any, at: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "path" and isinstance(v, str) and v != "count":
                    raise parser.fail("%s.path" % at, said("rulelang.groups_when_path", path=v))
                check(v, "%s.%s" % (at, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                check(v, "%s[%d]" % (at, i))

    check(raw, ypath)
    return _parse_aggregate_when(parser, raw, ypath, ["count"], params)


def _aggregate(parser: Parser, raw: Dict[str, Any], ypath: str) -> Aggregate:
    select = parser.condition(raw["select"], ypath + ".select", Scope())
    sums = []
    for name, p in sorted((raw.get("sum") or {}).items()):
        path, ftype = parser.path(p, "%s.sum.%s" % (ypath, name), Scope())
        if not ftype.numeric:
            raise parser.fail("%s.sum.%s" % (ypath, name), said("rulelang.sum_number",
                                                                path=str(path)))
        sums.append((name, path))
    return Aggregate(select, raw.get("count"), tuple(sums))


def _parse_aggregate_when(parser: Parser, raw: Any, ypath: str, names: List[str],
                          params: Mapping[str, Any]) -> Node:
    """The condition of an aggregate rule reads the aggregate's own numbers, not an initiative."""
    if raw is None:
        raise parser.fail(ypath, said("rulelang.aggregate_when"))
    agg = FieldType("object", props=tuple((n, FieldType("number")) for n in names))
    scope = Scope({"aggregate": ("", agg)}, params)
    # Aggregate names are written bare (`path: members`); bind them through a pseudo variable.
    return _rebase(parser, raw, ypath, scope, names)


def _rebase(parser: Parser, raw: Any, ypath: str, scope: Scope, names: List[str]) -> Node:
    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k == "path" and isinstance(v, str) and v.split(".")[0] in names:
                    v = "aggregate." + v
                out[k] = fix(v)
            return out
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node
    return parser.condition(fix(raw), ypath, scope)
