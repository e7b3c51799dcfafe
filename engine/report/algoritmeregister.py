"""Registrations for the Algoritmeregister: one record per ai_systems item, in the field names and
order of the register's publication standard, read from the initiative as mapping.yaml says
(engine/data/algoritmeregister/, docs/algoritmeregister.md), and checked against the JSON Schema
derived from the register's own configuration."""
from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ..textnorm import is_missing, nfc_strip

DATA = "data/algoritmeregister/"
CONFIG = DATA + "v1_0_0.json"
SCHEMA = DATA + "v1_0_0.schema.json"
MAPPING = DATA + "mapping.yaml"
EXTRA = "item.register_fields."


@dataclass(frozen=True)
class Standard:
    """The publication standard: its fields in order, the record schema and where idm reads
    each field."""

    fields: Tuple[str, ...]
    titles: Mapping[str, str]
    schema: Mapping[str, Any]
    mapping: Mapping[str, Any]

    def entry(self, field: str) -> Mapping[str, Any]:
        return self.mapping["fields"].get(field) or {"path": EXTRA + field}


def _read(name: str) -> str:
    from importlib import resources
    return resources.files("idm.engine").joinpath(name).read_text("utf-8")


def standard_from(config: Mapping[str, Any], schema: Mapping[str, Any],
                  mapping: Mapping[str, Any]) -> Standard:
    props = config["properties"]
    return Standard(tuple(props), {k: v.get("title", k) for k, v in props.items()}, schema,
                    mapping)


@functools.lru_cache(maxsize=None)
def packaged_standard() -> Standard:
    import yaml
    return standard_from(json.loads(_read(CONFIG)), json.loads(_read(SCHEMA)),
                         yaml.safe_load(_read(MAPPING)))


@dataclass(frozen=True)
class Record:
    """One ai_systems item as a registration: its fields and, per field, the idm path it was
    read from (for a message that says what to fill)."""

    index: int
    name: str
    fields: Dict[str, Any]
    sources: Dict[str, str]
    prohibited: bool = False     # risk_class prohibited: never exported (ALG-009)


def _text(value: Any) -> Optional[str]:
    if value is None or isinstance(value, (dict, list, bool)) or is_missing(value):
        return None
    return nfc_strip(str(value))


def _get(root: Any, parts: Sequence[str]) -> Any:
    for part in parts:
        if not isinstance(root, dict):
            return None
        root = root.get(part)
    return root


def _application(doc: Mapping[str, Any], item: Mapping[str, Any]) -> Tuple[Optional[int], Any]:
    """The operations.applications item the AI system names (by name), with its index."""
    wanted = _text(item.get("application"))
    apps = _get(doc, ("operations", "applications"))
    for i, app in enumerate(apps if isinstance(apps, list) else []):
        if isinstance(app, dict) and wanted is not None and _text(app.get("name")) == wanted:
            return i, app
    return None, None


def _where(path: str, index: int, app_index: Optional[int]) -> str:
    if path.startswith("item."):
        return "ai_systems[%d].%s" % (index, path[5:])
    if path.startswith("application."):
        if app_index is None:
            return "ai_systems[%d].application" % index
        return "operations.applications[%d].%s" % (app_index, path[12:])
    return path


def _value_at(path: str, doc: Mapping[str, Any], item: Mapping[str, Any], app: Any) -> Any:
    head, _, rest = path.partition(".")
    if head == "item":
        return _get(item, rest.split("."))
    if head == "application":
        return _get(app, rest.split(".")) if app is not None else None
    return _get(doc, path.split("."))


def _from_path(entry: Mapping[str, Any], raw: Any) -> Any:
    if isinstance(raw, list):
        values = [t for t in map(_text, raw) if t]
        return values or None
    value = _text(raw)
    if value is not None and "values" in entry:
        return entry["values"].get(value, value)
    return value


def _publication_category(entry: Mapping[str, Any], doc: Mapping[str, Any],
                          item: Mapping[str, Any]) -> Optional[str]:
    values = entry["values"]
    if _text(item.get("risk_class")) == "high":
        return values["high-risk"]
    if item.get("impactful") is True:
        return values["impactful"]
    if item.get("impactful") is False:
        return values["other"]
    return None


def _legislation_links(entry: Mapping[str, Any], doc: Mapping[str, Any],
                       item: Mapping[str, Any]) -> Optional[List[Dict[str, str]]]:
    items = _get(doc, ("principles", "legislation"))
    out = [{"title": _text(i.get("title")), "link": _text(i.get("url"))}
           for i in (items if isinstance(items, list) else []) if isinstance(i, dict)]
    out = [x for x in out if x["title"] and x["link"]]
    return out or None   # type: ignore[return-value]


def _assessments(doc: Mapping[str, Any], item: Mapping[str, Any]) -> List[Tuple[str, Any]]:
    return [("dpia", _get(doc, ("design", "privacy", "dpia"))), ("fria", item.get("fria"))]


def _assessment_links(entry: Mapping[str, Any], doc: Mapping[str, Any],
                      item: Mapping[str, Any]) -> Optional[List[Dict[str, str]]]:
    out = []
    for key, found in _assessments(doc, item):
        url = _text(found.get("url")) if isinstance(found, dict) else None
        if url:
            out.append({"title": entry["titles"][key], "link": url})
    return out or None


def _assessment_reasons(entry: Mapping[str, Any], doc: Mapping[str, Any],
                        item: Mapping[str, Any]) -> Optional[str]:
    out = []
    for key, found in _assessments(doc, item):
        if not isinstance(found, dict) or _text(found.get("status")) != "not-needed":
            continue
        reason = _text(found.get("reason"))
        if reason:
            out.append(entry["titles"][key] + reason)
    return "\n".join(out) or None


DERIVED = {"publication_category": _publication_category,
           "legislation_links": _legislation_links,
           "assessment_links": _assessment_links,
           "assessment_reasons": _assessment_reasons}


def records(doc: Mapping[str, Any], standard: Standard) -> List[Record]:
    """One record per ai_systems item of an initiative (its data as written in the file)."""
    items = doc.get("ai_systems")
    out = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        app_index, app = _application(doc, item)
        fields: Dict[str, Any] = {}
        sources: Dict[str, str] = {}
        for field in standard.fields:
            entry = standard.entry(field)
            if "constant" in entry:
                value = entry["constant"]
            elif "derive" in entry:
                value = DERIVED[entry["derive"]](entry, doc, item)
                sources[field] = _where(entry.get("fill", ""), i, app_index)
            else:
                value = _from_path(entry, _value_at(entry["path"], doc, item, app))
                sources[field] = _where(entry["path"], i, app_index)
            if value is not None:
                fields[field] = value
        out.append(Record(i, _text(item.get("name")) or "", fields, sources,
                          _text(item.get("risk_class")) == "prohibited"))
    return out


def schema_errors(record: Record, standard: Standard) -> List[Tuple[str, str]]:
    """(field of the standard, what is wrong) for each way the record breaks the schema, in the
    standard's field order."""
    import jsonschema
    validator = jsonschema.Draft202012Validator(standard.schema)
    found = []
    for error in validator.iter_errors(record.fields):
        if error.validator == "required":
            for field in error.validator_value:
                if field not in record.fields:
                    found.append((field, "required"))
            continue
        field = str(error.absolute_path[0]) if error.absolute_path else ""
        found.append((field, error.validator))
    order = {f: n for n, f in enumerate(standard.fields)}
    return sorted(set(found), key=lambda x: (order.get(x[0], len(order)), x[1]))


def to_json(rows: Sequence[Mapping[str, Any]]) -> str:
    """The records as a JSON array, in the standard's field order, Dutch text as written."""
    return json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n"


def to_csv(rows: Sequence[Mapping[str, Any]], standard: Standard) -> str:
    """One row per record, one column per field of the standard in its order; a list (themes,
    references) is one cell holding its JSON text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(standard.fields)
    for row in rows:
        writer.writerow([_cell(row.get(f)) for f in standard.fields])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
