"""What lives in one place stays there: the list of report formats, and no module reaching
into another's private names."""
from __future__ import annotations

import ast
import json
import os
import re

from idm.engine.report import FORMATS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_project_file_schema_allows_exactly_the_formats_of_the_reporter_registry():
    with open(os.path.join(ROOT, "engine", "schemas", "config.schema.json"),
              encoding="utf-8") as fh:
        pattern = json.load(fh)["properties"]["reports"]["items"]["pattern"]
    assert pattern == "^(%s):.+$" % "|".join(FORMATS), \
        "engine/schemas/config.schema.json `reports` must list engine/report REPORTERS"
    for fmt in FORMATS:
        assert re.match(pattern, fmt + ":out")
    assert not re.match(pattern, "pdf:out")


def _private_imports(path: str):
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    yield "%s:%d from %s%s import %s" % (
                        os.path.relpath(path, ROOT), node.lineno, "." * node.level,
                        node.module or "", alias.name)


def test_no_module_imports_a_private_name_of_another():
    found = []
    for root, dirs, files in os.walk(os.path.join(ROOT, "engine")):
        dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
        found += [hit for f in sorted(files) if f.endswith(".py")
                  for hit in _private_imports(os.path.join(root, f))]
    found += list(_private_imports(os.path.join(ROOT, "cli.py")))
    assert found == []
