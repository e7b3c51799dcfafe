"""The operators of the rule language's field tests, one module each (docs/rule-language.md).

A module holds everything about its operator: the YAML keys it parses (`KEYWORDS`), the test
operators it compiles and explains (`OPS`), `parse` (with its type checks), `compile` (the
durable_rules condition, built through an `Emitter` the compile stage hands in), `explain` (the
words `idm explain` shows, keys `WORDS` of i18n.CONDITION) and `DOC` (its rows of the field-test
table in docs/rule-language.md).  Adding an operator is adding a module here (and its words).

The modules are found by listing this package, so nothing else names them; `ORDER` sorts them
(the order in which error messages list the keys).
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Dict, List, Tuple

# What a module must define (tests/unit/test_operators.py checks every module has all of them).
PARTS = ("ORDER", "KEYWORDS", "OPS", "SINGLE_VALUE", "WORDS", "DOC", "parse", "compile",
         "explain")


@dataclass(frozen=True)
class Operator:
    name: str                         # the module's name
    order: int
    keywords: Tuple[str, ...]         # YAML keys of a field test it parses
    ops: Tuple[str, ...]              # Test.op values it compiles and explains
    single_value: bool                # tests one value: meaningless on a list or mapping
    words: Tuple[str, ...]            # keys of i18n.CONDITION its explanation uses
    doc: str                          # its rows of the field-test table (markdown)
    parse: Callable[..., Any]
    compile: Callable[..., Any]
    explain: Callable[..., str]


def _load(module: ModuleType) -> Operator:
    missing = [p for p in PARTS if not hasattr(module, p)]
    if missing:
        raise TypeError("operator module %s lacks %s" % (module.__name__, ", ".join(missing)))
    return Operator(module.__name__.rsplit(".", 1)[-1], module.ORDER, tuple(module.KEYWORDS),
                    tuple(module.OPS), module.SINGLE_VALUE, tuple(module.WORDS),
                    module.DOC.strip("\n"), module.parse, module.compile, module.explain)


def _discover() -> List[Operator]:
    found = [_load(importlib.import_module("%s.%s" % (__name__, info.name)))
             for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    return sorted(found, key=lambda o: (o.order, o.name))


OPERATORS: Tuple[Operator, ...] = tuple(_discover())
BY_KEYWORD: Dict[str, Operator] = {k: o for o in OPERATORS for k in o.keywords}
BY_OP: Dict[str, Operator] = {op: o for o in OPERATORS for op in o.ops}
KEYWORDS: Tuple[str, ...] = tuple(k for o in OPERATORS for k in o.keywords)
SINGLE_VALUE_KEYWORDS: Tuple[str, ...] = tuple(k for o in OPERATORS if o.single_value
                                               for k in o.keywords)

TABLE_BEGIN = "<!-- field tests: generated from engine/pack/operators, do not edit -->"
TABLE_END = "<!-- end of field tests -->"


def reference_table() -> str:
    """The field-test table of docs/rule-language.md, from every operator's DOC."""
    rows = ["| test | holds when |", "| --- | --- |"] + [o.doc for o in OPERATORS]
    return "\n".join([TABLE_BEGIN] + rows + [TABLE_END])
