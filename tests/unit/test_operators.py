"""The operator registry (engine/pack/operators): every operator of a field test is one module
holding its parsing, compilation, explanation, words and documentation."""
from __future__ import annotations

import os
import pkgutil
import re
import sys

import pytest
import yaml

from idm.engine import i18n
from idm.engine.authoring import render
from idm.engine.errors import InputError
from idm.engine.pack import operators
from idm.engine.pack import language
from idm.engine.pack.operators import BY_OP, KEYWORDS, OPERATORS, PARTS
from idm.engine.pack.rulepack import load_ruleset
from tests.regenerate_operator_docs import DOC, with_table
from tests.unit.test_language import fires

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

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
        assert [w for w in op.words if not i18n.catalogue(lang).get("condition." + w)] == [], lang
    # its documentation names every key it parses
    assert op.doc.startswith("| ")
    assert [k for k in op.keywords if not re.search(r"`(%s)[`:]|`%s`|, `?%s" % (k, k, k), op.doc)] == []


def test_every_key_and_every_test_operator_has_exactly_one_owner():
    assert len(KEYWORDS) == len(set(KEYWORDS))
    ops = [op for o in OPERATORS for op in o.ops]
    assert len(ops) == len(set(ops))


def test_every_test_of_the_shipped_packs_has_an_operator_that_compiles_and_explains_it():
    rs = load_ruleset([os.path.join(ROOT, "rules"), os.path.join(ROOT, "docs", "examples", "legal")])
    tests = [n for s in rs.specs for cond in (s.when, s.once and s.once.when) if cond is not None
             for n in language.walk(cond) if isinstance(n, language.Test)]
    assert tests
    assert sorted({t.op for t in tests} - set(BY_OP)) == []
    for t in tests:
        assert render.test_words(t, "en") and render.test_words(t, "nl")


NEW_OPERATOR = '''
"""`starts_with: TEXT`: the text begins with TEXT (a test's own operator, one module)."""
import re

from idm.engine.pack.conditions import negated
from idm.engine.pack.language import Test
from idm.engine.pack.transforms import Matches

ORDER = 1000
KEYWORDS = ("starts_with",)
OPS = ("starts_with",)
SINGLE_VALUE = True
WORDS = ("starts_with",)
DOC = "| `starts_with: TEXT` | P is present text that begins with TEXT |"


def parse(f):
    if not isinstance(f.arg, str) or not f.arg:
        raise f.fail("starts_with takes a non-empty text")
    f.parser.need_text(f.ftype, f.path, f.ypath, "starts_with")
    return Test(f.path, f.ftype, "starts_with", f.arg, f.default)


def compile(e, t, neg):
    n = e.name(t.path, Matches("^" + re.escape(t.arg)))
    return negated(n, {n: False}, True) if neg else {n: True}


def explain(t, w, operand):
    return w["starts_with"].format(p=t.path, v=operand())
'''


def test_an_operator_is_added_by_adding_one_module_and_its_words(tmp_path, monkeypatch):
    (tmp_path / "starts_with.py").write_text(NEW_OPERATOR, "utf-8")
    monkeypatch.setattr(operators, "__path__", list(operators.__path__) + [str(tmp_path)])
    try:
        for name, value in operators._tables(operators._discover()).items():
            monkeypatch.setattr(operators, name, value)
        monkeypatch.setitem(i18n.catalogue("en").words, "condition.starts_with", "{p} starts with {v}")
        when = {"all": [{"path": "title", "starts_with": "Zaak"},
                        {"not": {"path": "owner.name", "starts_with": "Team"}}]}
        assert fires(tmp_path, when, {"title": "Zaaksysteem", "owner": {"name": "Afdeling A"}})
        assert not fires(tmp_path, when, {"title": "Website", "owner": {"name": "Afdeling A"}})
        assert not fires(tmp_path, when, {"title": "Zaaksysteem", "owner": {"name": "Team B"}})
        with pytest.raises(InputError, match="starts_with applies to text"):
            load_pack(tmp_path, {"path": "design.privacy.personal_data", "starts_with": "x"})
        rs = load_pack(tmp_path, when)
        assert render.sentence(rs.by_id()["T-001"].when, "en") == \
            "title starts with 'Zaak' AND NOT owner.name starts with 'Team'"
        assert "| `starts_with: TEXT` |" in operators.reference_table()
    finally:
        sys.modules.pop("idm.engine.pack.operators.starts_with", None)


def load_pack(tmp_path, when):
    pack = {"apiVersion": "idm/v1", "kind": "RulePack", "name": "t", "rules": [
        {"id": "T-001", "title": {"en": "t", "nl": "t"}, "message": {"en": "m", "nl": "m"},
         "category": "business", "domain": "design",
         "severity": "error", "when": when, "at": "title"}]}
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(pack), "utf-8")
    return load_ruleset([str(tmp_path / "pack.yaml")])


def test_the_field_test_table_of_the_rule_language_is_generated_from_the_operators():
    text = DOC.read_text(encoding="utf-8")
    assert with_table(text) == text, "run python -m tests.regenerate_operator_docs"
    for op in OPERATORS:
        assert op.doc in text


def test_a_regular_expression_is_explained_by_its_pattern_name_when_the_pack_names_it():
    path = language.Path(None, ("title",), "title")
    t = language.Test(path, language.FieldType("string"), "matches", r"^\d+$")
    assert render.test_words(t, "en", {"digits": r"^\d+$"}) == "title matches pattern digits"
    assert render.test_words(t, "nl", {"digits": r"^\d+$"}) == "title voldoet aan patroon digits"
    assert render.test_words(t, "en", {"other": "x"}) == r"title matches /^\d+$/"
