"""Typed pack parameters (docs/rule-language.md, "Parameters"): declared with a type and a default,
resolved into the literal wherever a condition writes {param: NAME}, qualified across packs, set
per project and checked against their type."""
from __future__ import annotations

import pathlib
import textwrap

import pytest

from idm.engine.authoring.lint import lint
from idm.engine.authoring.render import test_words as words_of
from idm.engine.check.run import check
from idm.engine.inputs.config import load_config
from idm.engine.pack.language import Test as FieldTestNode, walk
from idm.engine.pack.params import in_force
from idm.engine.pack.project import project_ruleset
from idm.engine.pack.rulepack import load_ruleset_collecting

RULE = """\
  - id: {rid}
    title: {{en: T, nl: T}}
    severity: warning
    category: information
    domain: design
    message: {{en: M, nl: M}}
    when: {when}
    at: title
"""


def _pack(tmp_path: pathlib.Path, name: str, params: str, *rules: str) -> str:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(textwrap.dedent("""\
        apiVersion: idm/v2
        kind: Pack
        name: %s
        version: 1.0.0
        params:
        """) % name + textwrap.indent(textwrap.dedent(params), "  "), "utf-8")
    (folder / "rules.yaml").write_text("apiVersion: idm/v2\nkind: RulePack\nrules:\n" +
                                       "".join(rules), "utf-8")
    return str(folder)


PARAMS = """\
term: {type: duration, default: P20Y}
since: {type: date, default: 2027-12-02}
most: {type: integer, default: 2}
phases: {type: list, default: [initiation, foundation]}
label: {type: string}
"""


def _tests(ruleset, rid):
    spec = ruleset.by_id()[rid]
    return [n for n in walk(spec.when) if isinstance(n, FieldTestNode)]


def test_a_parameter_stands_wherever_a_literal_stands(tmp_path):
    when = ("{all: [{path: design.privacy.retention, gt: {param: term}},"
            " {path: design.privacy.dpia.date, before: {param: since}},"
            " {path: operations.applications, count: {ge: {param: most}}},"
            " {path: phase, in: {param: phases}},"
            " {path: phase, not_in: [{param: phases}, closed]}]}")
    # the last one: a list parameter as one value of a list is refused by the operator's type check
    pack = _pack(tmp_path, "p", PARAMS, RULE.format(rid="P-001", when=when))
    ruleset, problems = load_ruleset_collecting([pack])
    assert [p.path for p in problems] == ["rules[0].when.all[4].not_in[0]"]
    when = when.replace(", {path: phase, not_in: [{param: phases}, closed]}", "")
    (tmp_path / "p" / "rules.yaml").write_text(
        "apiVersion: idm/v2\nkind: RulePack\nrules:\n" + RULE.format(rid="P-001", when=when))
    ruleset, problems = load_ruleset_collecting([pack])
    assert problems == []
    args = [t.arg for t in _tests(ruleset, "P-001")]
    assert args == ["P20Y", "2027-12-02", ("ge", 2), ("initiation", "foundation")]


def test_a_project_value_replaces_the_default_and_is_listed(tmp_path):
    pack = _pack(tmp_path, "p", PARAMS, RULE.format(
        rid="P-001", when="{path: design.privacy.retention, gt: {param: term}}"))
    ruleset, problems = load_ruleset_collecting([pack], params={"p.term": "P10Y"})
    assert problems == []
    assert _tests(ruleset, "P-001")[0].arg == "P10Y"
    rows = {p.key: (p.type, p.value, p.default, p.source) for p in in_force(ruleset)}
    assert rows["p.term"] == ("duration", "P10Y", "P20Y", "project")
    assert rows["p.most"] == ("integer", 2, 2, "default")
    assert rows["p.label"] == ("string", None, None, "default")


def test_explain_names_the_parameter_and_its_value(tmp_path):
    pack = _pack(tmp_path, "p", PARAMS, RULE.format(
        rid="P-001", when="{path: design.privacy.retention, gt: {param: term}}"))
    ruleset, _ = load_ruleset_collecting([pack])
    assert words_of(_tests(ruleset, "P-001")[0], "nl").endswith(
        "(parameter term = 'P20Y')")


def test_another_packs_parameter_is_qualified(tmp_path):
    _pack(tmp_path, "base", PARAMS, RULE.format(
        rid="B-001", when="{path: design.privacy.retention, gt: {param: term}}"))
    _pack(tmp_path, "other", "own: {type: number, default: 1}\n", RULE.format(
        rid="O-001", when="{path: design.privacy.retention, lt: {param: base.term}}"),
        RULE.format(rid="O-002", when="{path: design.privacy.retention, lt: {param: term}}"))
    ruleset, problems = load_ruleset_collecting([str(tmp_path / "base"),
                                                 str(tmp_path / "other")])
    assert _tests(ruleset, "O-001")[0].arg == "P20Y"
    assert [p.message for p in problems] == [
        "unknown parameter 'term' (did you mean 'base.term'?) (defined: base.label, base.most, "
        "base.phases, base.since, base.term, exception_notice, max_exception_term, own)"]


def test_a_parameter_without_value_or_with_a_bad_default_is_an_error_at_its_place(tmp_path):
    pack = _pack(tmp_path, "p", PARAMS + "bad: {type: number, default: many}\n", RULE.format(
        rid="P-001", when="{path: title, equals: {param: label}}"))
    _, problems = load_ruleset_collecting([pack])
    assert sorted((p.path, p.message) for p in problems) == [
        ("params.bad.default", "the default of parameter bad must be a number, found 'many'"),
        ("rules[0].when.equals.param", "parameter p.label has no default and no value: set it "
                                       "in the project's .idm.yaml (params: {p.label: ...})")]


def test_a_project_value_of_the_wrong_type_is_refused_with_its_position(tmp_path):
    pack = _pack(tmp_path, "p", PARAMS, RULE.format(
        rid="P-001", when="{path: design.privacy.retention, gt: {param: term}}"))
    (tmp_path / ".idm.yaml").write_text(
        "rules: [%s]\nparams:\n  p.term: 20 years\n  p.most: 2.5\n" % pack, "utf-8")
    config, _ = load_config(str(tmp_path / ".idm.yaml"))
    _, problems = project_ruleset([pack], False, config, "2026-11-22")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (4, 3, "parameter p.most is a whole number, found 2.5"),
        (3, 3, "parameter p.term is a duration such as P10Y, found '20 years'")]


def test_evaluation_uses_the_project_value(tmp_path):
    pack = _pack(tmp_path, "p", PARAMS, RULE.format(
        rid="P-001", when="{path: design.privacy.retention, gt: {param: term}}"))
    doc = tmp_path / "i.yaml"
    doc.write_text("apiVersion: idm/v1\nkind: Initiative\nid: I\ntitle: T\n"
                   "design: {privacy: {retention: P15Y}}\n", "utf-8")
    fired = {}
    for value in (None, "P10Y"):
        ruleset, _ = load_ruleset_collecting([pack], params={"p.term": value} if value else {})
        result = check([str(doc)], ruleset, "2026-11-22", jobs=1)
        fired[value] = [f.rule for f in result.all_findings() if f.rule.startswith("P-")]
    assert fired == {None: [], "P10Y": ["P-001"]}


def test_lint_checks_test_cases_against_the_initiative_format(tmp_path):
    pack = _pack(tmp_path, "p", PARAMS, RULE.format(
        rid="P-001", when="{path: design.privacy.retention, gt: {param: term}}"))
    (tmp_path / "p" / "rules_test.yaml").write_text(textwrap.dedent("""\
        apiVersion: idm/v1
        kind: RuleTests
        cases:
          - name: a case
            initiatives: [{design: {privacy: {retention: 20}}}]
            expect: []
        """), "utf-8")
    result = lint([pack])
    assert [(p.line, p.path) for p in result.problems if p.level == "error"] == [
        (5, "cases[0].initiatives[0].design.privacy.retention")]


@pytest.mark.parametrize("lang,words", [("en", "(not given)"), ("nl", "(niet opgegeven)")])
def test_not_given_is_in_the_catalogue(lang, words):
    from idm.engine.model import NOT_GIVEN, Message
    assert Message({"en": "a '{x}'", "nl": "a '{x}'"}, [("x", NOT_GIVEN)])[lang] == \
        "a '%s'" % words


def test_a_recorded_run_keeps_the_parameters_in_force(tmp_path, monkeypatch):
    import shutil
    import sqlite3

    from idm import cli
    from tests.cli_streams import captured
    root = pathlib.Path(__file__).resolve().parents[2]
    shutil.copytree(root / "docs" / "examples" / "archive", tmp_path / "archive")
    (tmp_path / "initiatives").mkdir()
    shutil.copy(root / "docs" / "examples" / "records.yaml", tmp_path / "initiatives")
    (tmp_path / ".idm.yaml").write_text(
        "paths: [initiatives]\nrules: [archive]\n"
        "params: {our-archive.archive_transfer_term: P10Y}\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    with captured() as (_, err):
        code = cli.run(["check", "--record=history.sqlite", "--date", "2026-11-22"])
        assert code == 0, err.getvalue()
    with sqlite3.connect(str(tmp_path / "history.sqlite")) as db:
        rows = db.execute("select name, type, value, default_value, source "
                          "from idm_params").fetchall()
    # The comply-or-explain rules, loaded with every pack, bring their two parameters.
    assert rows == [("exception_notice", "duration", '"P30D"', '"P30D"', "default"),
                    ("max_exception_term", "duration", '"P100Y"', '"P100Y"', "default"),
                    ("our-archive.archive_transfer_term", "duration", '"P10Y"', '"P20Y"',
                     "project")]
