"""Typed pack parameters (docs/rule-language.md, "Parameters"): declared in a pack's manifest or
at the top of a RulePack, set per project in `.idm.yaml` `params:`, and resolved into the literal
wherever a condition writes `{param: NAME}`, so that compiling and evaluating are unchanged."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, List, Mapping, Tuple

from .. import durations
from ..dates import is_date
from ..errors import Problem

TYPES = ("number", "integer", "date", "duration", "string", "list")


@dataclass(frozen=True)
class Param:
    """One declared parameter and the value in force."""

    key: str                        # PACK.NAME (NAME for a pack without a name)
    name: str
    pack: str
    type: str
    default: Any
    value: Any
    source: str = "default"         # default | project
    description: Mapping[str, str] = field(default_factory=dict)
    file: str = ""


def fits(kind: str, value: Any) -> bool:
    """`value` is a value of parameter type `kind`."""
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, _dt.date) or is_date(value)
    if kind == "duration":
        return durations.parse(value) is not None
    if kind == "string":
        return isinstance(value, str)
    if kind == "list":
        return isinstance(value, list) and bool(value) and \
            all(isinstance(v, (str, int, float)) for v in value)
    return False


KIND_WORDS = {"number": "a number", "integer": "a whole number", "date": "a date YYYY-MM-DD",
              "duration": "a duration such as P10Y", "string": "text",
              "list": "a non-empty list of values"}


def plain(value: Any) -> Any:
    """A value as the rules read it: dates as YYYY-MM-DD text, like every date of a rule."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def declared(raw: Any, pack: str, file: str, where: Any, base: str = "params"
             ) -> Tuple[List[Param], List[Problem]]:
    """The parameters a `params:` mapping declares (already schema-checked for its shape); a
    default that is not of the declared type is an error at the default."""
    out: List[Param] = []
    problems: List[Problem] = []
    for name, decl in (raw or {}).items():
        if not isinstance(decl, dict):
            continue
        kind, default = decl.get("type"), decl.get("default")
        if default is not None and not fits(kind, default):
            ypath = "%s.%s.default" % (base, name)
            line, col = where(ypath)
            problems.append(Problem(file, "the default of parameter %s must be %s, found %r"
                                    % (name, KIND_WORDS.get(kind, kind), default),
                                    line, col, ypath))
            continue
        desc = decl.get("description")
        out.append(Param("%s.%s" % (pack, name) if pack else name, name, pack, kind,
                         plain(default), plain(default), "default",
                         {"en": desc, "nl": desc} if isinstance(desc, str) else dict(desc or {}),
                         file))
    return out, problems


def with_project(param: Param, values: Mapping[str, Any]) -> Param:
    """The parameter with the project's value when it sets one of the right type (a value of
    another type is reported by `project.check_params`)."""
    for key in project_keys(param):
        if key in values and fits(param.type, values[key]):
            return Param(param.key, param.name, param.pack, param.type, param.default,
                         plain(values[key]), "project", param.description, param.file)
    return param


def project_keys(param: Param) -> Tuple[str, ...]:
    """The keys a project sets a parameter by: PACK.NAME; a parameter of the bundled pack
    (declared without a pack name) as idm-default.NAME."""
    from ..inputs.config import BUNDLED_PACK
    return (param.key,) if param.pack else ("%s.%s" % (BUNDLED_PACK, param.name), param.key)


def in_force(ruleset: Any) -> List[Param]:
    """Every parameter of a rule set with its value in force, sorted by key: the packs' typed
    parameters and the `params:` of single rules (one row per pack and name)."""
    rows = dict(ruleset.defs.params)
    for spec in sorted(ruleset.specs, key=lambda s: s.id):
        for name, value in spec.params.items():
            key = "%s.%s" % (spec.rule.pack, name) if spec.rule.pack else name
            if key in rows:
                continue
            default = spec.param_defaults.get(name, value)
            kind = "boolean" if isinstance(value, bool) else "number" \
                if isinstance(value, (int, float)) else "string"
            rows[key] = Param(key, name, spec.rule.pack, kind, default, value,
                              "default" if value == default else "project", {}, spec.rule.file)
    return [rows[k] for k in sorted(rows)]
