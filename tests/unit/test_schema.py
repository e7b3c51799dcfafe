"""The initiative format is a public contract (docs/initiative-format.md)."""
from __future__ import annotations

import importlib.util
import json
import pathlib
import re

from idm.engine.inputs.loader import parse_yaml
from idm.engine.inputs.validate import problems, schema

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_example_of_the_format_spec_loads_and_validates():
    text = (ROOT / "docs" / "initiative-format.md").read_text("utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    doc = parse_yaml("spec.yaml", example)
    assert problems(doc, "initiative") == []
    assert doc.data["design"]["privacy"]["dpia"]["date"] == "2026-09-01"


def test_the_committed_schema_is_what_the_builder_makes():
    spec = importlib.util.spec_from_file_location(
        "build_initiative_schema", ROOT / "tools" / "build_initiative_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = json.loads((ROOT / "engine/schemas/initiative.schema.json").read_text("utf-8"))
    assert committed == module.schema == schema("initiative")


def test_every_optional_field_accepts_null():
    """Null means absent for every optional field and list item (format spec, Types and null)."""
    defs = schema("initiative")["$defs"]

    def walk(node, path):
        props = node.get("properties", {})
        for name, sub in props.items():
            if path == "" and name in ("apiVersion", "kind", "id", "title"):
                continue
            if "$ref" in sub:       # a definition that accepts null itself (duration)
                sub = defs[sub["$ref"].rsplit("/", 1)[-1]]
            allows = ("null" in (sub.get("type") or [])
                      or any(b.get("type") == "null" for b in sub.get("anyOf", ())))
            assert allows, "%s.%s does not accept null" % (path, name)
            inner = sub if "properties" in sub else next(
                (b for b in sub.get("anyOf", ()) if "properties" in b), sub)
            walk(inner, "%s.%s" % (path, name))
            items = sub.get("items")
            if items:
                ok = "null" in (items.get("type") or []) or any(
                    b.get("type") == "null" for b in items.get("anyOf", ()))
                assert ok, "items of %s.%s do not accept null" % (path, name)
                walk(items, "%s.%s[]" % (path, name))
    walk(schema("initiative"), "")
