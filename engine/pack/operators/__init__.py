"""The operators of the rule language's field tests, one module each (docs/rule-language.md).

A module holds everything about its operator: the YAML keys it parses (`KEYWORDS`), the test
operators it compiles and explains (`OPS`), `parse` (with its type checks), `compile` (the
durable_rules condition, built through an `Emitter` the compile stage hands in), `explain` (the
words `idm explain` shows, keys `WORDS` of the catalogue's `condition.` section: `explain(test, words, operand)`, where
`operand()` is the argument in words and `operand.patterns` the pack's named patterns) and `DOC`
(its rows of the field-test table in docs/rule-language.md).  Optionally `parse_untyped`: what can be checked of a test of a
field whose type is unknown (a predicate linted on its own).  Adding an operator is adding a
module here (and its words).

The modules are found by listing this package, so nothing else names them; `ORDER` sorts them
(the order in which error messages list the keys).
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Dict, Optional, Tuple

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
    words: Tuple[str, ...]            # keys of the catalogue's condition section it uses
    doc: str                          # its rows of the field-test table (markdown)
    parse: Callable[..., Any]
    compile: Callable[..., Any]
    explain: Callable[..., str]
    parse_untyped: Optional[Callable[..., None]] = None


def _load(module: ModuleType) -> Operator:
    missing = [p for p in PARTS if not hasattr(module, p)]
    if missing:
        raise TypeError("operator module %s lacks %s" % (module.__name__, ", ".join(missing)))
    return Operator(module.__name__.rsplit(".", 1)[-1], module.ORDER, tuple(module.KEYWORDS),
                    tuple(module.OPS), module.SINGLE_VALUE, tuple(module.WORDS),
                    module.DOC.strip("\n"), module.parse, module.compile, module.explain,
                    getattr(module, "parse_untyped", None))


def _discover() -> Tuple[Operator, ...]:
    """Every module of this package (its __path__) not starting with "_", in ORDER."""
    found = [_load(importlib.import_module("%s.%s" % (__name__, info.name)))
             for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    return tuple(sorted(found, key=lambda o: (o.order, o.name)))


def _tables(found: Tuple[Operator, ...]) -> Dict[str, Any]:
    """The registry's lookup tables for these operators (this module's globals below)."""
    return {
        "OPERATORS": found,
        "BY_KEYWORD": {k: o for o in found for k in o.keywords},
        "BY_OP": {op: o for o in found for op in o.ops},
        "KEYWORDS": tuple(k for o in found for k in o.keywords),
        "SINGLE_VALUE_KEYWORDS": tuple(k for o in found if o.single_value for k in o.keywords),
    }


_registry = _tables(_discover())
OPERATORS: Tuple[Operator, ...] = _registry["OPERATORS"]
BY_KEYWORD: Dict[str, Operator] = _registry["BY_KEYWORD"]          # YAML key -> operator
BY_OP: Dict[str, Operator] = _registry["BY_OP"]                    # Test.op -> operator
KEYWORDS: Tuple[str, ...] = _registry["KEYWORDS"]
SINGLE_VALUE_KEYWORDS: Tuple[str, ...] = _registry["SINGLE_VALUE_KEYWORDS"]

TABLE_BEGIN = "<!-- field tests: generated from engine/pack/operators, do not edit -->"
TABLE_END = "<!-- end of field tests -->"


def reference_table() -> str:
    """The field-test table of docs/rule-language.md, from every operator's DOC."""
    rows = ["| test | holds when |", "| --- | --- |"] + [o.doc for o in OPERATORS]
    return "\n".join([TABLE_BEGIN] + rows + [TABLE_END])
