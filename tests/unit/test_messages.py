"""Message placeholders: fields of the document and of the reported item, checked when loading."""
from __future__ import annotations

import pathlib

import pytest
import yaml

from idm.engine.authoring.ruletest import run_tests
from idm.engine.errors import InputError
from idm.engine.messages import placeholders, render
from idm.engine.pack.rulepack import load_ruleset, load_ruleset_collecting
from idm.engine.check.run import check
from tests.steps.world import initiative

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "authoring"
PACK = str(FIXTURES / "placeholders.yaml")


def test_placeholders_in_order_and_literal_braces():
    assert placeholders("{item.name} {{x}} {title} {item.name}") == ("item.name", "title")
    assert render("{a} {{b}} {c}", {"a": "1"}.get) == "1 {b} {c}"
    assert render("stray { brace", lambda n: "x") == "stray { brace"


def test_item_and_document_fields_fill_the_message(tmp_path):
    doc = initiative({"title": "Loket", "operations": {"applications": [
        {"name": "Zaaksysteem", "hosting": "non-eu"}, {"name": "Portaal", "hosting": "eu"}]}})
    (tmp_path / "i.yaml").write_text(yaml.safe_dump(doc), "utf-8")
    result = check([str(tmp_path / "i.yaml")], load_ruleset([PACK]), "2026-11-22", jobs=1)
    found = [f for f in result.all_findings() if f.rule == "TST-001"]
    # A missing field reads "(not given)", never an empty string.
    assert [f.message["en"] for f in found] == [
        "Zaaksysteem of Loket is hosted non-eu (supplier (not given)); non-eu"]
    # an enumerated value in the language of the report, English as written
    assert found[0].message["nl"] == "Zaaksysteem van Loket staat buiten de EU; {letterlijk}"


@pytest.mark.parametrize("message,error", [
    ("{item.nme}", "placeholder {item.nme}: unknown field 'nme' in path 'item.nme' (did you "
                   "mean 'item.name'?)"),
    ("{titel}", "placeholder {titel} cannot be filled by this rule"),
    ("{operations.applications.name}", "operations.applications is a list"),
])
def test_placeholders_are_checked_when_the_pack_loads(tmp_path, message, error):
    pack = yaml.safe_load(pathlib.Path(PACK).read_text("utf-8"))
    pack["rules"] = pack["rules"][:1]
    pack["rules"][0]["message"]["en"] = message
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(pack), "utf-8")
    _, problems = load_ruleset_collecting([str(tmp_path / "p.yaml")])
    assert [p.path for p in problems] == ["rules[0].message.en"]
    assert error in problems[0].message
    with pytest.raises(InputError):
        load_ruleset([str(tmp_path / "p.yaml")])


def test_a_test_case_sets_its_own_date():
    report, problems = run_tests(load_ruleset([PACK]), [PACK], None)
    assert not problems
    cases = [c for c in report.cases if "placeholders_test" in c.where]
    assert len(cases) == 3 and not [c for c in cases if not c.passed], \
        "\n".join(c.explain() for c in cases)
