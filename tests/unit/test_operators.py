"""The operator registry (engine/pack/operators): every operator of a field test is one module
holding its parsing, compilation, explanation, words and documentation."""
from __future__ import annotations

import pkgutil
import re

import pytest

from idm.engine import i18n
from idm.engine.pack import operators
from idm.engine.pack.operators import BY_OP, KEYWORDS, OPERATORS, PARTS
from tests.regenerate_operator_docs import DOC, with_table

MODULES = sorted(i.name for i in pkgutil.iter_modules(operators.__path__)
                 if not i.name.startswith("_"))


def test_every_module_of_the_package_is_an_operator():
    assert sorted(o.name for o in OPERATORS) == MODULES


@pytest.mark.parametrize("op", OPERATORS, ids=[o.name for o in OPERATORS])
def test_every_operator_has_every_part(op):
    module = __import__("idm.engine.pack.operators." + op.name, fromlist=["x"])
    assert [p for p in PARTS if not hasattr(module, p)] == []
    assert op.keywords, "an operator parses at least one key"
    assert all(callable(f) for f in (op.parse, op.compile, op.explain))
    # its own words, unless it parses into another operator's test (on_list into `in`)
    assert bool(op.words) == bool(op.ops)
    for lang in ("en", "nl"):
        assert [w for w in op.words if not i18n.CONDITION[lang].get(w)] == [], lang
    # its documentation names every key it parses
    assert op.doc.startswith("| ")
    assert [k for k in op.keywords if not re.search(r"`(%s)[`:]|`%s`|, `?%s" % (k, k, k), op.doc)] == []


def test_every_key_and_every_test_operator_has_exactly_one_owner():
    assert len(KEYWORDS) == len(set(KEYWORDS))
    ops = [op for o in OPERATORS for op in o.ops]
    assert len(ops) == len(set(ops))
    # the test operators a parser can produce: its keys, minus those parsed into another test
    produced = {"present", "missing", "equals", "not_equals", "in", "not_in", "matches", "lt",
                "le", "gt", "ge", "before", "after", "older_than", "within", "count",
                "names_known_rule"}
    assert set(BY_OP) == produced


def test_the_field_test_table_of_the_rule_language_is_generated_from_the_operators():
    text = DOC.read_text(encoding="utf-8")
    assert with_table(text) == text, "run python -m tests.regenerate_operator_docs"
    for op in OPERATORS:
        assert op.doc in text
