"""The engine's dependency direction: each stage imports only itself and earlier stages."""
from __future__ import annotations

import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENGINE = os.path.join(ROOT, "engine")

# engine.<first part> -> stage; a module may import only modules of its own or an earlier stage.
STAGES = {
    "__init__": 0, "errors": 0, "textnorm": 0, "i18n": 0, "model": 0, "durations": 0,
    "messages": 0, "dates": 0,
    "inputs": 1, "pack": 2, "compile": 3, "durable": 4, "check": 5, "report": 6, "history": 6,
    "authoring": 7, "app": 8, "lsp": 8,
}


def _modules():
    for root, dirs, files in os.walk(ENGINE):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        for f in sorted(files):
            if f.endswith(".py"):
                path = os.path.join(root, f)
                rel = "idm." + os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".")
                yield rel, path


def _imports(name, path):
    """Absolute names of everything the module imports, at any level of its code."""
    package = name.rsplit(".", 1)[0] if not name.endswith("__init__") else name[:-9]
    tree = ast.parse(open(path, encoding="utf-8").read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module
            yield mod
            yield from ("%s.%s" % (mod, a.name) for a in node.names)


def _stage(module):
    parts = module.split(".")
    return STAGES[parts[2]] if len(parts) > 2 and parts[:2] == ["idm", "engine"] and parts[2] in STAGES else None


MODULES = list(_modules())


def test_every_engine_module_has_a_stage():
    assert [m for m, _ in MODULES if _stage(m) is None] == []


@pytest.mark.parametrize("name,path", MODULES, ids=[m for m, _ in MODULES])
def test_no_module_imports_a_later_stage(name, path):
    mine = _stage(name)
    later = sorted({m for m in _imports(name, path)
                    if m.startswith("idm.engine.") and (_stage(m) or 0) > mine})
    assert later == [], "%s (stage %d) imports %s" % (name, mine, later)


@pytest.mark.parametrize("name,path", MODULES, ids=[m for m, _ in MODULES])
def test_only_the_session_module_calls_durable_rules_and_nothing_imports_click(name, path):
    imported = set(_imports(name, path))
    assert not any(m.split(".")[0] == "click" for m in imported)
    if name != "idm.engine.durable.session":
        assert not any(m.split(".")[0] in ("durable_rules_engine", "durable") for m in imported)
