"""Reference data v2 (docs/rule-language.md, "Reference data"): how names are compared
(`match.normalise`), typed attributes validated at their positions, attribute and named-item
tests, and a newer snapshot replacing an older one."""
from __future__ import annotations

import pathlib
import sqlite3
import textwrap

import pytest

from idm.engine.check.run import check
from idm.engine.inputs.loader import load_file
from idm.engine.pack import refdata
from idm.engine.pack.rulepack import load_ruleset_collecting
from idm.engine.textnorm import DEFAULT_NORMALISE, normalise_as, normalise_text


@pytest.mark.parametrize("modes, text, expected", [
    (("case", "whitespace"), "  WCAG   2.1 ", "wcag 2.1"),
    (("case",), " WCAG  2.1 ", "wcag  2.1"),
    (("whitespace",), "WCAG\t 2.1", "WCAG 2.1"),
    (("punctuation",), "W.C.A.G. 2-1", "WCAG 21"),
    (("spaces",), " WCAG 2 .1 ", "WCAG2.1"),
    (("case", "punctuation", "spaces"), "W.C.A.G. 2-1", "wcag21"),
    (("case", "whitespace", "punctuation"), "EN 301 - 549", "en 301 549"),
    ((), "  Café ", "Café"),
])
def test_each_normalise_mode_does_what_its_name_says(modes, text, expected):
    assert normalise_as(text, modes) == expected


@pytest.mark.parametrize("text", ["WCAG  2.1", "Ｗcag\u00a02.1", "Straße 1", "e\u0301t\u00e9"])
def test_the_default_modes_compare_as_v1_did(text):
    assert normalise_as(text, DEFAULT_NORMALISE) == normalise_text(text)


def _data(tmp_path: pathlib.Path, body: str, name: str = "d.yaml") -> refdata.DataSet:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), "utf-8")
    doc = load_file(str(path))
    assert refdata.problems(doc) == []
    return refdata.from_document(doc)


BIO2 = """\
    apiVersion: idm/v2
    kind: ReferenceData
    name: bio2-maatregelen
    snapshot: 2026-03-01
    source: https://example.org/bio2
    match: {normalise: [case, punctuation, spaces]}
    attributes:
      status: {enum: [verplicht, aanbevolen, optioneel]}
      review: {format: date}
      max_term: {format: duration}
      weight: {type: integer}
    items:
      - {name: "BIO2 5.15", aliases: ["BIO 5.15"], status: verplicht, review: 2026-01-01, max_term: P1Y, weight: 3}
      - {name: "BIO2 8.13", status: aanbevolen, review: 2027-01-01, max_term: P6M, weight: 1}
      - {name: "BIO2 5.7", status: optioneel}
"""


def test_items_are_found_by_name_or_alias_as_the_data_set_compares(tmp_path):
    ds = _data(tmp_path, BIO2)
    assert ds.find("bio-2 5.15").name == "BIO2 5.15"
    assert ds.find("B.I.O. 5.15").name == "BIO2 5.15"
    assert ds.find("BIO2 5.16") is None
    assert ds.keys() == ("bio2515", "bio515", "bio2813", "bio257")


@pytest.mark.parametrize("attribute, op, arg, names", [
    ("status", "equals", "verplicht", ["BIO2 5.15"]),
    ("status", "not_equals", "verplicht", ["BIO2 8.13", "BIO2 5.7"]),
    ("status", "in", ("verplicht", "optioneel"), ["BIO2 5.15", "BIO2 5.7"]),
    ("status", "not_in", ("verplicht",), ["BIO2 8.13", "BIO2 5.7"]),
    ("review", "before", "2026-06-01", ["BIO2 5.15"]),
    ("review", "after", "2026-06-01", ["BIO2 8.13"]),
    ("max_term", "ge", "P12M", ["BIO2 5.15"]),          # durations compare as lengths
    ("max_term", "lt", "P1Y", ["BIO2 8.13"]),
    ("weight", "gt", 1, ["BIO2 5.15"]),
])
def test_an_attribute_test_selects_the_items_whose_value_passes(tmp_path, attribute, op, arg,
                                                                names):
    ds = _data(tmp_path, BIO2)
    assert [i.name for i in refdata.select(ds, attribute, op, arg)] == names


@pytest.mark.parametrize("item, message", [
    ('{name: A, statu: verplicht}',
     "d.yaml:11:15: error: items[0].statu: unknown attribute 'statu' (did you mean 'status'?); "
     "declared: status, review"),
    ('{name: A, status: verplict}',
     "d.yaml:11:15: error: items[0].status: 'verplict' is not a valid value of attribute "
     "'status' (verplicht, aanbevolen) (did you mean 'verplicht'?)"),
    ('{name: A, review: "2026-02-30"}',
     "d.yaml:11:15: error: items[0].review: '2026-02-30' is not a valid value of attribute "
     "'review' (date)"),
    ('{name: A, status: 3}',
     "d.yaml:11:15: error: items[0].status: 3 is not a valid value of attribute 'status' "
     "(verplicht, aanbevolen)"),
    ('{name: "W.C.A.G", aliases: ["wcag"]}\n  - {name: "WCAG"}',
     "d.yaml:12:6: error: items[1].name: name 'WCAG' is the same as items[0].name once "
     "compared as match.normalise says"),
    ('{name: "..."}',
     "d.yaml:11:6: error: items[0].name: name '...' is empty once compared as match.normalise "
     "says"),
])
def test_an_item_that_does_not_fit_the_declared_attributes_is_an_error_at_its_position(
        tmp_path, monkeypatch, item, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text(
        "apiVersion: idm/v2\nkind: ReferenceData\nname: lijst\nsnapshot: 2026-03-01\n"
        "source: https://example.org/x\nmatch: {normalise: [case, punctuation]}\n"
        "attributes:\n  status: {enum: [verplicht, aanbevolen]}\n  review: {format: date}\n"
        "items:\n  - %s\n" % item, "utf-8")
    assert [str(p) for p in refdata.problems(load_file("d.yaml"))] == [message]


def test_a_declared_enum_value_of_the_wrong_type_and_a_reserved_name_are_errors(tmp_path,
                                                                                 monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text(
        "apiVersion: idm/v2\nkind: ReferenceData\nname: lijst\nsnapshot: 2026-03-01\n"
        "source: https://example.org/x\nattributes:\n  n: {type: integer, enum: [1, x]}\n"
        "  aliases: {type: string}\nitems:\n  - {name: A}\n", "utf-8")
    assert [str(p) for p in refdata.problems(load_file("d.yaml"))] == [
        "d.yaml:7:32: error: attributes.n.enum[1]: allowed value 'x' of attribute 'n' is not of "
        "type integer",
        "d.yaml:8:3: error: attributes.aliases: 'aliases' is part of every item and cannot be "
        "declared as an attribute"]


def test_a_v1_data_set_keeps_its_attributes_and_meaning(tmp_path):
    ds = _data(tmp_path, """\
        apiVersion: idm/v1
        kind: ReferenceData
        name: open-standards
        snapshot: 2026-01-15
        source: https://example.org/open-standards
        items:
          - {name: StUF, aliases: [StUF-ZKN], status: verplicht, url: "https://example.org/stuf"}
        """)
    assert ds.modes == DEFAULT_NORMALISE and ds.default_match and not ds.declared
    assert [a.name for a in ds.attributes] == ["status", "functional_scope", "url"]
    assert ds.names("verplicht") == ("StUF", "StUF-ZKN")


def _pack(root: pathlib.Path, name: str, extends: str, snapshot: str, items: str) -> str:
    folder = root / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "apiVersion: idm/v2\nkind: Pack\nname: %s\nversion: 1.0.0\n%s" % (
            name, "extends: [{pack: %s}]\n" % extends if extends else ""), "utf-8")
    (folder / "data.yaml").write_text(
        "apiVersion: idm/v2\nkind: ReferenceData\nname: lijst\nsnapshot: %s\n"
        "source: https://example.org/lijst\nitems:\n%s" % (snapshot, items), "utf-8")
    return str(folder)


RULES = """\
apiVersion: idm/v2
kind: RulePack
name: local
rules:
  - id: LOC-001
    title: {en: T, nl: T}
    severity: error
    category: information
    domain: principles
    message: {en: "{item} is on the list", nl: "{item} staat op de lijst"}
    for_each: principles.standards
    when: {path: item, on_list: lijst}
    at: item
"""


def test_a_pack_extending_another_replaces_its_older_snapshot(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = _pack(tmp_path, "base", "", "2026-01-01", "  - {name: Oud}\n")
    local = _pack(tmp_path, "local", "base", "2026-06-01", "  - {name: Nieuw}\n")
    (tmp_path / "local" / "rules.yaml").write_text(RULES, "utf-8")
    (tmp_path / "ini.yaml").write_text(
        "apiVersion: idm/v1.1\nkind: Initiative\nid: INI-1\ntitle: T\n"
        "principles: {standards: [Oud, Nieuw]}\n", "utf-8")
    ruleset, problems = load_ruleset_collecting([local], known={"base": base})
    assert problems == []
    ds = ruleset.defs.data["lijst"]
    assert (ds.snapshot, ds.replaces) == ("2026-06-01", ("2026-01-01", "base/data.yaml"))
    result = check(["ini.yaml"], ruleset, date="2026-11-22")
    assert [(f.rule, f.path) for r in result.initiatives for f in r.findings] == [
        ("LOC-001", "principles.standards[1]")]


def test_an_older_snapshot_in_the_extending_pack_is_refused_naming_both(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = _pack(tmp_path, "base", "", "2026-06-01", "  - {name: A}\n")
    local = _pack(tmp_path, "local", "base", "2026-06-01", "  - {name: A}\n")
    _, problems = load_ruleset_collecting([local], known={"base": base})
    assert [str(p) for p in problems] == [
        "local/data.yaml:4:1: error: snapshot: data set 'lijst': snapshot 2026-06-01 is not "
        "newer than snapshot 2026-06-01 loaded from base/data.yaml; a later pack may only bring "
        "a newer snapshot"]


def test_two_files_of_one_pack_defining_a_data_set_stay_a_duplicate(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = _pack(tmp_path, "base", "", "2026-01-01", "  - {name: A}\n")
    (tmp_path / "base" / "more.yaml").write_text(
        (tmp_path / "base" / "data.yaml").read_text("utf-8").replace("2026-01-01", "2026-02-01"),
        "utf-8")
    _, problems = load_ruleset_collecting([folder])
    assert [str(p) for p in problems] == [
        "base/more.yaml:3:1: error: name: data set 'lijst' is already defined in base/data.yaml"]


def test_a_recorded_run_keeps_both_snapshot_dates(tmp_path, monkeypatch):
    from idm import cli
    from tests.cli_streams import captured
    monkeypatch.chdir(tmp_path)
    _pack(tmp_path, "base", "", "2026-01-01", "  - {name: Oud}\n")
    _pack(tmp_path, "local", "base", "2026-06-01", "  - {name: Nieuw}\n")
    (tmp_path / "ini.yaml").write_text(
        "apiVersion: idm/v1.1\nkind: Initiative\nid: INI-1\ntitle: T\n", "utf-8")
    with captured() as (_, err):
        code = cli.run(["check", "ini.yaml", "--rules", "base", "--rules", "local",
                        "--record=history.sqlite", "--date", "2026-11-22"])
        assert code == 0, err.getvalue()
    with sqlite3.connect(str(tmp_path / "history.sqlite")) as db:
        rows = db.execute("select name, snapshot, replaced_snapshot, source, file, "
                          "replaced_file, items from idm_reference_data").fetchall()
    assert rows == [("lijst", "2026-06-01", "2026-01-01", "https://example.org/lijst",
                     "local/data.yaml", "base/data.yaml", 1)]


def _rule(when: str) -> str:
    return RULES.replace("    when: {path: item, on_list: lijst}\n", "    when: %s\n" % when)


@pytest.mark.parametrize("when, fired", [
    # the attribute test's value from a typed parameter of the pack
    ("{path: item, on_list: lijst, where: {attribute: review, before: {param: cutoff}}}",
     ["principles.standards[0]"]),
    # the data set of another pack, qualified; the where inside the on_list mapping
    ("{path: item, on_list: {data: base.lijst, where: {attribute: status, equals: verplicht}}}",
     ["principles.standards[1]"]),
    # negated: also on a value on no list at all
    ("{not: {path: item, on_list: lijst, where: {attribute: status, in: [verplicht]}}}",
     ["principles.standards[0]", "principles.standards[2]"]),
    # a named item of the data set decides for the whole rule
    ("{all: [{path: item, present: true}, {data: lijst, item: 'o.u.d', present: true}]}",
     ["principles.standards[0]", "principles.standards[1]", "principles.standards[2]"]),
    ("{all: [{path: item, present: true}, {data: lijst, item: Oud, present: false}]}", []),
])
def test_attribute_and_named_item_tests_decide_findings(tmp_path, monkeypatch, when, fired):
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "base"
    base.mkdir()
    (base / "pack.yaml").write_text(
        "apiVersion: idm/v2\nkind: Pack\nname: base\nversion: 1.0.0\n"
        "params: {cutoff: {type: date, default: 2026-06-01}}\n", "utf-8")
    (base / "data.yaml").write_text(
        "apiVersion: idm/v2\nkind: ReferenceData\nname: lijst\nsnapshot: 2026-01-01\n"
        "source: https://example.org/lijst\nmatch: {normalise: [case, punctuation]}\n"
        "attributes: {status: {enum: [verplicht, aanbevolen]}, review: {format: date}}\n"
        "items:\n  - {name: Oud, status: aanbevolen, review: 2026-01-01}\n"
        "  - {name: Nieuw, status: verplicht, review: 2026-09-01}\n", "utf-8")
    (base / "rules.yaml").write_text(_rule(when).replace("name: local", "name: base"), "utf-8")
    (tmp_path / "ini.yaml").write_text(
        "apiVersion: idm/v1.1\nkind: Initiative\nid: INI-1\ntitle: T\n"
        "principles: {standards: [O.U.D, 'nieuw', Anders]}\n", "utf-8")
    ruleset, problems = load_ruleset_collecting([str(base)])
    assert problems == []
    result = check(["ini.yaml"], ruleset, date="2026-11-22")
    assert [f.path for r in result.initiatives for f in r.findings] == fired
