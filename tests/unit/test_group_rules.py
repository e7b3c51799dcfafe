"""Portfolio group rules (`portfolio.groups`): what is grouped with what, what is counted, and
what each member's finding says."""
from __future__ import annotations

import os
from typing import Dict, List

import pytest
import yaml

from idm.engine.check.run import check
from idm.engine.errors import InputError
from idm.engine.pack.rulepack import load_ruleset

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUPPLIERS = os.path.join(ROOT, "tests", "fixtures", "groups", "suppliers")
DATE = "2026-11-22"

GROUP_RULE = """\
apiVersion: idm/v1
kind: RulePack
name: groups-test
rules:
  - id: GRP-001
    title: {en: Grouped, nl: Gegroepeerd}
    message: {en: "'{value}': {count}; {others}", nl: "'{value}': {count}; {others}"}
    category: portfolio
    domain: operations
    severity: warning
    portfolio:
      groups:
%s
    when: %s
    at: %s
"""


def _pack(tmp_path, groups: str, when: str = "{path: count, ge: 2}", at: str = "item") -> str:
    path = tmp_path / "pack.yaml"
    body = "\n".join("        " + line for line in groups.strip().splitlines())
    path.write_text(GROUP_RULE % (body, when, at), encoding="utf-8")
    return str(path)


def _run(tmp_path, pack: str, docs: List[Dict], params: Dict = {}) -> List[tuple]:
    paths = []
    for k, doc in enumerate(docs):
        p = tmp_path / ("ini-%02d.yaml" % k)
        full = {"apiVersion": "idm/v1", "kind": "Initiative", "title": "T"}
        full.update(doc)
        p.write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(str(p))
    result = check(paths, load_ruleset([pack], params=params), DATE, jobs=1)
    assert not result.errors, result.errors
    return [(i.id, f.path, f.message["en"], f.waived)
            for i in result.initiatives for f in i.findings if f.rule.startswith(("GRP", "SUP"))]


def _terms(*terms: str) -> List[Dict]:
    return [{"id": "INI-%d" % k,
             "design": {"records": {"retention": [{"object": "Aanvraag", "term": t}]}}}
            for k, t in enumerate(terms)]


TERMS = """\
for_each: design.records.retention
by: {path: item.term}
count: items
"""


def test_durations_are_grouped_by_length_not_spelling(tmp_path):
    found = _run(tmp_path, _pack(tmp_path, TERMS, at="item.term"), _terms("P10Y", "P120M"))
    assert [(i, m) for i, _, m, _ in found] == [("INI-0", "'P10Y': 2; INI-1"),
                                                ("INI-1", "'P120M': 2; INI-0")]


def test_durations_of_other_lengths_are_other_groups(tmp_path):
    assert _run(tmp_path, _pack(tmp_path, TERMS, at="item.term"), _terms("P10Y", "P11Y")) == []


SUPPLIER = """\
for_each: operations.applications
by: {path: item.supplier%s}
count: %s
"""


def _apps(*suppliers_per_initiative: List[str]) -> List[Dict]:
    return [{"id": "INI-%d" % k, "operations": {"applications": [
        {"name": "App %d.%d" % (k, j), "sourcing": "saas", "supplier": s}
        for j, s in enumerate(suppliers)]}}
        for k, suppliers in enumerate(suppliers_per_initiative)]


def test_normalised_keys_fold_case_and_whitespace(tmp_path):
    docs = _apps(["Acme BV"], ["  acme   bv "])
    pack = _pack(tmp_path, SUPPLIER % (", normalised: true", "initiatives"), at="item.supplier")
    found = _run(tmp_path, pack, docs)
    # {value} is the key as each member writes it
    assert [m for _, _, m, _ in found] == ["'Acme BV': 2; INI-1", "'  acme   bv ': 2; INI-0"]
    pack = _pack(tmp_path, SUPPLIER % ("", "initiatives"), at="item.supplier")
    assert _run(tmp_path, pack, docs) == []


def test_count_items_counts_every_member_count_initiatives_each_initiative_once(tmp_path):
    docs = _apps(["Acme", "Acme"], ["Acme"])
    items = _run(tmp_path, _pack(tmp_path, SUPPLIER % ("", "items"),
                                 when="{path: count, ge: 3}"), docs)
    assert [(i, p, m) for i, p, m, _ in items] == [
        ("INI-0", "operations.applications[0]", "'Acme': 3; INI-1"),
        ("INI-0", "operations.applications[1]", "'Acme': 3; INI-1"),
        ("INI-1", "operations.applications[0]", "'Acme': 3; INI-0")]
    assert _run(tmp_path, _pack(tmp_path, SUPPLIER % ("", "initiatives"),
                                when="{path: count, ge: 3}"), docs) == []
    both = _run(tmp_path, _pack(tmp_path, SUPPLIER % ("", "initiatives"),
                                when="{path: count, equals: 2}"), docs)
    assert len(both) == 3 and all(": 2;" in m for _, _, m, _ in both)


def test_files_with_one_id_are_one_initiative(tmp_path):
    docs = _apps(["Acme"], ["Acme"])
    for d in docs:
        d["id"] = "INI-SAME"
    pack = _pack(tmp_path, SUPPLIER % ("", "initiatives"), when="{path: count, ge: 2}")
    assert _run(tmp_path, pack, docs) == []
    pack = _pack(tmp_path, SUPPLIER % ("", "items"), when="{path: count, ge: 2}")
    # the other file has the member's own id: it is named (the pair rules' contract)
    assert [m for _, _, m, _ in _run(tmp_path, pack, docs)] == ["'Acme': 2; INI-SAME"] * 2


def test_others_names_five_then_how_many_more(tmp_path):
    docs = _apps(*[["Acme"]] * 9)
    found = _run(tmp_path, _pack(tmp_path, SUPPLIER % ("", "initiatives")), docs)
    assert len(found) == 9
    assert found[0][2] == "'Acme': 9; INI-1, INI-2, INI-3, INI-4, INI-5 and 3 more"
    assert found[4][2] == "'Acme': 9; INI-0, INI-1, INI-2, INI-3, INI-5 and 3 more"


def test_whole_initiatives_are_grouped_without_for_each(tmp_path):
    docs = [{"id": "INI-%d" % k, "title": "Vergunningen"} for k in range(3)]
    pack = _pack(tmp_path, "by: {path: title, normalised: true}",
                 when="{path: count, ge: 3}", at="title")
    found = _run(tmp_path, pack, docs)
    assert [(i, p) for i, p, _, _ in found] == [("INI-0", "title"), ("INI-1", "title"),
                                               ("INI-2", "title")]


def test_the_threshold_is_a_parameter_a_project_sets(tmp_path):
    docs = _apps(["Acme"], ["Acme"])
    assert _run(tmp_path, SUPPLIERS, docs) == []
    found = _run(tmp_path, SUPPLIERS, docs, {"sourcing.max_services_per_supplier": 2})
    assert [m for _, _, m, _ in found] == [
        "Supplier 'Acme' runs services for 2 initiatives, also for INI-1",
        "Supplier 'Acme' runs services for 2 initiatives, also for INI-0"]


def test_an_exception_waives_the_finding_of_its_own_initiative_only(tmp_path):
    docs = _apps(["Acme"], ["Acme"], ["Acme"])
    docs[1]["principles"] = {"exceptions": [{
        "rule": "SUP-001", "justification": "Exit strategy agreed",
        "approved_by": "Architectuurboard", "expires": "2027-06-30"}]}
    found = _run(tmp_path, SUPPLIERS, docs)
    assert [(i, w) for i, _, _, w in found] == [("INI-0", False), ("INI-1", True),
                                                ("INI-2", False)]


@pytest.mark.parametrize("groups, when, message", [
    (SUPPLIER % ("", "services"), "{path: count, ge: 2}", "is not one of initiatives, items"),
    ("by: {path: title}\ncount: items", "{path: count, ge: 2}", "count: items needs for_each"),
    (SUPPLIER % ("", "items"), "{path: item.supplier, present: true}", "not item.supplier"),
    ("for_each: operations.applications\nby: {path: item.suplier}", "{path: count, ge: 2}",
     "did you mean 'item.supplier'"),
])
def test_a_bad_group_rule_is_an_error_at_its_line(tmp_path, groups, when, message):
    with pytest.raises(InputError) as e:
        load_ruleset([_pack(tmp_path, groups, when, at="title")])
    assert message in str(e.value)
    assert e.value.problem.line is not None


def test_dates_are_grouped_as_dates_quoted_or_not(tmp_path):
    docs = []
    for k, expires in enumerate(("2027-06-30", "'2027-06-30'")):
        docs.append({"id": "INI-%d" % k, "principles": {"exceptions": [yaml.safe_load(
            "{rule: XYZ-001, justification: j, approved_by: b, expires: %s}" % expires)]}})
    pack = _pack(tmp_path, "for_each: principles.exceptions\nby: {path: item.expires}\n"
                           "count: items", at="item.expires")
    found = _run(tmp_path, pack, docs)
    assert [(i, m) for i, _, m, _ in found] == [("INI-0", "'30 June 2027': 2; INI-1"),
                                                ("INI-1", "'30 June 2027': 2; INI-0")]


def test_a_rule_has_one_portfolio_form(tmp_path):
    path = _pack(tmp_path, SUPPLIER % ("", "items"))
    text = open(path, encoding="utf-8").read().replace(
        "      groups:\n", "      pairs: {same: {path: title}}\n      groups:\n")
    open(path, "w", encoding="utf-8").write(text)
    with pytest.raises(InputError) as e:
        load_ruleset([path])
    assert "portfolio: takes one form of pairs, aggregate and groups, not pairs, groups" in \
        str(e.value)
