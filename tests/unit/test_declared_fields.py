"""Fields declared by packs (docs/rule-language.md, "Fields declared by packs"): declared in a
manifest or a RulePack file, checked at load, validated on initiatives like format fields,
readable by rules, in the editors' schema and in the reports."""
from __future__ import annotations

import json
import pathlib
import textwrap

import pytest

from idm.engine.app.schema import SchemaOptions, schema
from idm.engine.authoring.explain import explain_initiative
from idm.engine.authoring.lint import lint
from idm.engine.check.run import check
from idm.engine.inputs import validate
from idm.engine.inputs.fields import NONE, DeclaredFields, values
from idm.engine.inputs.initiatives import load_initiatives, validated
from idm.engine.inputs.loader import Document, parse_yaml
from idm.engine.pack.rulepack import load_ruleset, load_ruleset_collecting
from idm.engine.report import dossier, html

AUTH = """\
- at: operations.channels[]
  name: authentication
  title: {en: Authentication of users, nl: Authenticatie van gebruikers}
  schema:
    type: object
    properties:
      means: {enum: [DigiD, eHerkenning, eIDAS, none]}
      level: {enum: [basis, substantieel, hoog]}
"""

CBW = """\
- at: ""
  name: cbw
  title: {en: Cyber security act, nl: Cyberbeveiligingswet}
  schema:
    type: object
    properties:
      registered: {type: boolean}
      registered_on: {format: date}
      contact: {type: string, format: email}
      register: {type: string, format: uri}
      term: {format: duration}
      employees: {type: integer, minimum: 0}
      size: {enum: [1, 2, 3]}
- at: cbw
  name: sector
  schema: {type: string, pattern: "^[a-z]+$", maxLength: 30}
"""

RULE = """\
  - id: {rid}
    title: {{en: T, nl: T}}
    severity: error
    category: legislation
    domain: operations
    message: {{en: M, nl: M}}
    when: {when}
    at: {at}
"""


def _pack(tmp_path: pathlib.Path, name: str, fields: str, *rules: str) -> str:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "apiVersion: idm/v2\nkind: Pack\nname: %s\nversion: 1.0.0\n"
        "title: {en: Pack %s, nl: Pakket %s}\nfields:\n" % (name, name, name)
        + textwrap.indent(fields, "  "), "utf-8")
    if rules:
        (folder / "rules.yaml").write_text("apiVersion: idm/v2\nkind: RulePack\nrules:\n"
                                           + "".join(rules), "utf-8")
    return str(folder)


def _initiative(tmp_path: pathlib.Path, body: str, name: str = "ini.yaml") -> str:
    path = tmp_path / name
    path.write_text("apiVersion: idm/v1\nkind: Initiative\nid: INI-1\ntitle: Loket\n"
                    + textwrap.dedent(body), "utf-8")
    return str(path)


def _problems(ruleset, tmp_path, body):
    _, problems = load_initiatives([_initiative(tmp_path, body)], fields=ruleset.fields)
    return [p.shown("en") for p in problems]


def test_a_declared_field_validates_like_a_format_field(tmp_path):
    rs = load_ruleset([_pack(tmp_path, "wdo", AUTH)])
    assert [f.path for f in rs.fields] == ["operations.channels[].authentication"]
    ok = "operations:\n  channels:\n    - name: Site\n      authentication: {means: DigiD}\n"
    assert _problems(rs, tmp_path, ok) == []
    empty = "operations:\n  channels:\n    - name: Site\n      authentication:\n"
    assert _problems(rs, tmp_path, empty) == []          # empty, like every field of the format
    typo = "operations:\n  channels:\n    - authentication: {mean: DigiD}\n"
    assert _problems(rs, tmp_path, typo) == [
        "%s:7:24: error: operations.channels[0].authentication.mean: unknown field 'mean' "
        "(did you mean 'means'?)" % (tmp_path / "ini.yaml")]
    wrong = "operations:\n  channels:\n    - authentication: text\n"
    assert _problems(rs, tmp_path, wrong) == [
        "%s:7:7: error: operations.channels[0].authentication: expected a mapping, found 'text'"
        % (tmp_path / "ini.yaml")]
    # Without the pack the field is not known, as before.
    _, problems = load_initiatives([_initiative(tmp_path, ok)])
    assert "unknown field 'authentication'" in problems[0].shown("en")


def test_an_undeclared_top_level_field_suggests_a_declared_one(tmp_path):
    rs = load_ruleset([_pack(tmp_path, "cbw", CBW)])
    found = _problems(rs, tmp_path, "cbv: {registered: true}\n")
    assert found and "unknown field 'cbv' (did you mean 'cbw'?)" in found[0]


@pytest.mark.parametrize("body, message", [
    ("cbw: {registered_on: 2026-02-30}\n", "cbw.registered_on"),
    ("cbw: {contact: no address}\n", "'no address' is not a valid email"),
    ("cbw: {register: not a uri}\n", "'not a uri' is not a valid uri"),
    ("cbw: {term: ten years}\n", "cbw.term"),
    ("cbw: {employees: -1}\n", "cbw.employees"),
    ("cbw: {size: 4}\n", "cbw.size"),
    ("cbw: {sector: Water}\n", "cbw.sector"),
    ("cbw: {other: 1}\n", "unknown field 'other'"),
])
def test_every_keyword_of_the_subset_is_checked(tmp_path, body, message):
    rs = load_ruleset([_pack(tmp_path, "cbw", CBW)])
    found = _problems(rs, tmp_path, body)
    assert len(found) == 1 and message in found[0], found


def test_valid_declared_values_pass_the_fast_check(tmp_path):
    """A portfolio that uses declared fields never needs jsonschema (issue 7's fast path)."""
    rs = load_ruleset([_pack(tmp_path, "cbw", CBW)])
    data = {"apiVersion": "idm/v1", "kind": "Initiative", "id": "X", "title": "T",
            "cbw": {"registered": True, "registered_on": "2026-01-05", "contact": "a@b.nl",
                    "register": "https://example.org/r", "term": "P10Y", "employees": 3,
                    "size": 2, "sector": "water"}}
    assert validate._fast_declared(rs.fields) is not None
    assert validate.is_valid(data, "initiative", rs.fields)
    assert not validate.is_valid(data, "initiative")        # the format alone refuses cbw
    for key, bad in (("contact", "x"), ("register", "x y"), ("size", True), ("size", "2")):
        wrong = json.loads(json.dumps(data))
        wrong["cbw"][key] = bad
        assert not validate.is_valid(wrong, "initiative", rs.fields)
        assert validate.problems(Document("f", wrong, {}), "initiative", rs.fields), (key, bad)


def test_rules_read_declared_fields_with_their_types(tmp_path):
    rules = [RULE.format(rid="CBW-1", when="{path: cbw.term, gt: P5Y}", at="cbw.term"),
             RULE.format(rid="CBW-2", when="{path: cbw.registered_on, before: 2026-01-01}",
                         at="cbw.registered_on"),
             RULE.format(rid="WDO-1", when="{path: item.authentication.level, equals: basis}",
                         at="item.authentication").replace("    at:", "    for_each: "
                                                           "operations.channels\n    at:")]
    folder = _pack(tmp_path, "cbw", CBW + AUTH, *rules)
    rs = load_ruleset([folder])
    path = _initiative(tmp_path, """\
        cbw: {term: P120M, registered_on: 2025-06-01}
        operations:
          channels: [{name: Site, authentication: {level: basis}}]
        """)
    result = check([path], rs, "2026-11-22")
    assert sorted(f.rule for f in result.all_findings()) == ["CBW-1", "CBW-2", "WDO-1"]


@pytest.mark.parametrize("when, message", [
    ("{path: cbw.registerd, equals: true}", "unknown field 'registerd' in path 'cbw.registerd'"
                                           " (did you mean 'cbw.registered'?)"),
    ("{path: cbw.employees, equals: many}", "cbw.employees"),
    ("{path: operations.channels, some: {path: item.authentication.means, equals: Digid}}",
     "Digid"),
])
def test_lint_resolves_paths_and_types_against_declared_fields(tmp_path, when, message):
    rule = RULE.format(rid="R-1", when=when, at="title")
    if "some:" in when:
        rule = rule.replace("when: " + when, "when: {some: {in: operations.channels, where: "
                                             "{path: item.authentication.means, equals: Digid}}}")
    folder = _pack(tmp_path, "cbw", CBW + AUTH, rule)
    result = lint([folder])
    errors = [str(p) for p in result.problems if p.level == "error"]
    assert len(errors) == 1 and message in errors[0], errors


def test_lint_checks_examples_and_test_cases_against_declared_fields(tmp_path):
    rule = RULE.format(rid="R-1", when="{path: cbw.registered, equals: false}", at="title") + \
        "    examples:\n      fail: [{cbw: {registered: false}}]\n" \
        "      pass: [{cbw: {registred: true}}]\n"
    folder = _pack(tmp_path, "cbw", CBW, rule)
    (pathlib.Path(folder) / "rules_test.yaml").write_text(textwrap.dedent("""\
        apiVersion: idm/v1
        kind: RuleTests
        cases:
          - name: a declared field
            initiatives: [{cbw: {registered: false, sector: water}}]
            expect: [R-1]
          - name: a typo
            initiatives: [{cbw: {sectr: water}}]
            expect: []
        """), "utf-8")
    errors = [str(p) for p in lint([folder]).problems if p.level == "error"]
    assert len(errors) == 2, errors
    assert "examples.pass[0].cbw.registred: the example is not a valid initiative" in errors[0]
    assert "unknown field 'registred' (did you mean 'registered'?)" in errors[0]
    assert "cases[1].initiatives[0].cbw.sectr" in errors[1]


def _load_problems(paths):
    _, problems = load_ruleset_collecting(paths)
    return [p.shown("en") for p in problems]


def test_declarations_in_rule_pack_files_and_at_another_declared_field(tmp_path):
    path = tmp_path / "single.yaml"
    path.write_text("apiVersion: idm/v1\nkind: RulePack\nname: cbw-rules\nfields:\n"
                    + textwrap.indent(CBW, "  ") + "rules:\n"
                    + RULE.format(rid="C-1", when="{path: cbw.sector, equals: water}",
                                  at="cbw.sector"), "utf-8")
    rs = load_ruleset([str(path)])
    assert [(f.path, f.pack) for f in rs.fields] == [("cbw", "cbw-rules"),
                                                     ("cbw.sector", "cbw-rules")]
    assert rs.fields.fields[0].where == "%s:5:5" % path


def test_the_same_field_with_the_same_schema_in_two_packs_is_one_field(tmp_path):
    rs = load_ruleset([_pack(tmp_path, "a", AUTH), _pack(tmp_path, "b", AUTH)])
    assert [(f.path, f.pack) for f in rs.fields] == [("operations.channels[].authentication",
                                                      "a")]


@pytest.mark.parametrize("fields, expected", [
    ("- {at: 'operations.channel[]', name: x, schema: {type: string}}",
     "pack.yaml:7:6: error: fields[0].at: at: 'operations.channel[]' names no object of the "
     "initiative format or of a declared field (did you mean 'operations.channels[]'?)"),
    ("- {at: 'operatons.channels[]', name: x, schema: {type: string}}",
     "(did you mean 'operations.channels[]'?)"),
    ("- {at: operations.channels, name: x, schema: {type: string}}",
     "fields[0].at: operations.channels is a list: write at: operations.channels[] to add the "
     "field to each of its items"),
    ("- {at: title, name: x, schema: {type: string}}",
     "fields[0].at: title is not an object"),
    ("- {at: 'a..b', name: x, schema: {type: string}}", "fields[0].at: at: 'a..b' is not a"),
    ("- {at: '', name: title, schema: {type: string}}",
     "fields[0].name: the initiative format now has field title itself"),
    ("- {at: '', name: x, schema: {type: string, oneOf: []}}",
     "fields[0].schema.oneOf: unknown field 'oneOf'; allowed here: additionalProperties, const,"),
    ("- {at: '', name: x, schema: {type: text}}", "fields[0].schema.type"),
    ("- {at: '', name: x, schema: {format: phone}}", "fields[0].schema.format"),
    ("- {at: '', name: x, schema: {type: string, pattern: '(a+)+'}}",
     "fields[0].schema.pattern: regular expression '(a+)+' nests quantifiers"),
    ("- {at: '', name: x, schema: {properties: {y: {pattern: '['}}}}",
     "fields[0].schema.properties.y.pattern"),
    ("- {at: '', name: 1x, schema: {type: string}}", "fields[0].name"),
    ("- {name: x, schema: {type: string}}", "fields[0]"),
])
def test_a_bad_declaration_is_a_load_error_at_its_position(tmp_path, fields, expected):
    found = _load_problems([_pack(tmp_path, "bad", fields)])
    assert len(found) == 1 and expected in found[0], found
    assert found[0].startswith(str(tmp_path / "bad" / "pack.yaml") + ":")


def test_different_schemas_in_two_packs_name_both_places(tmp_path):
    a = _pack(tmp_path, "a", AUTH)
    b = _pack(tmp_path, "b", "- {at: 'operations.channels[]', name: authentication, "
                             "schema: {type: string}}")
    assert _load_problems([a, b]) == [
        "%s/b/pack.yaml:7:57: error: fields[0].schema: field "
        "operations.channels[].authentication is also declared at %s/a/pack.yaml:7:5, with "
        "another schema: declare it once, or with the same schema" % (tmp_path, tmp_path)]


def test_the_schema_for_editors_has_the_declared_fields(tmp_path):
    plain = schema(SchemaOptions("initiative"))
    assert plain.schema == (pathlib.Path(validate.__file__).parent.parent /
                            "schemas" / "initiative.schema.json").read_text("utf-8")
    same = schema(SchemaOptions("initiative", rules=["idm-default"]))
    assert same.schema == plain.schema                      # no pack declares a field
    out = schema(SchemaOptions("initiative", rules=[_pack(tmp_path, "cbw", CBW + AUTH)]))
    s = json.loads(out.schema)
    cbw = s["properties"]["cbw"]
    assert cbw["title"] == "Cyber security act"
    obj = cbw["anyOf"][0]
    assert obj["additionalProperties"] is False
    assert obj["properties"]["registered_on"]["$ref"] == "#/$defs/date"
    assert obj["properties"]["sector"]["anyOf"][0]["pattern"] == "^[a-z]+$"
    channel = s["properties"]["operations"]["properties"]["channels"]["items"]
    assert "authentication" in channel["properties"]
    # The printed schema validates what idm validates.
    import jsonschema
    jsonschema.Draft202012Validator.check_schema(s)
    bad = schema(SchemaOptions("initiative", rules=[str(tmp_path / "missing")]))
    assert bad.exit_code == 2


def test_reports_show_declared_values_under_the_pack_title(tmp_path):
    rs = load_ruleset([_pack(tmp_path, "cbw", CBW + AUTH)])
    path = _initiative(tmp_path, """\
        cbw: {registered: true, sector: water}
        operations:
          channels: [{name: A, authentication: {means: DigiD}}, {name: B}]
        """)
    result = check([path], rs, "2026-11-22")
    md = dossier.render(result, rs, "nl", "markdown")
    assert "### Pakket cbw" in md
    assert "- **Cyberbeveiligingswet** (`cbw`): registered: true, sector: water" in md
    assert "(`operations.channels[].authentication`): " \
           "`operations.channels[0].authentication`: means: DigiD" in md
    assert "- **sector** (`cbw.sector`): water" in md
    page = html.render(result, "en")
    assert '<div class="declared-fields" data-pack="cbw">' in page
    assert "<h4>Pack cbw</h4>" in page
    plain = check([_initiative(tmp_path, "phase: initiation\n", "p.yaml")], load_ruleset(),
                  "2026-11-22")
    assert "declared-fields" not in html.render(plain, "en")


def test_values_of_a_field_inside_lists():
    from idm.engine.inputs.fields import DeclaredField
    f = DeclaredField("operations.channels[]", "authentication", {"type": "object"})
    data = {"operations": {"channels": [{"authentication": {"means": "DigiD"}}, {},
                                        {"authentication": None}, {"authentication": "x"}]}}
    assert values(data, f) == [("operations.channels[0].authentication", {"means": "DigiD"}),
                               ("operations.channels[3].authentication", "x")]
    assert values({}, f) == []


def test_explain_and_rule_examples_validate_with_the_declared_fields(tmp_path):
    rule = RULE.format(rid="C-1", when="{path: cbw.registered, equals: false}", at="cbw") + \
        "    examples:\n      fail: [{cbw: {registered: false}}]\n" \
        "      pass: [{cbw: {registered: true}}]\n"
    rs = load_ruleset([_pack(tmp_path, "cbw", CBW, rule)])
    path = _initiative(tmp_path, "cbw: {registered: false}\n")
    text, problems = explain_initiative(rs, rs.by_id()["C-1"], path, "2026-11-22")
    assert problems == [] and "C-1" in text
    from idm.engine.authoring.ruletest import run_tests
    report, problems = run_tests(rs, [str(tmp_path / "cbw")], None)
    assert problems == [] and report.cases and not report.failed


def test_no_declared_fields_is_the_format_alone():
    doc = parse_yaml("x.yaml", "apiVersion: idm/v1\nkind: Initiative\nid: A\ntitle: T\n")
    assert validated(doc) == validated(doc, fields=NONE)
    assert not NONE and NONE == DeclaredFields() and load_ruleset().fields == NONE


def test_the_declaration_format_is_the_same_in_manifests_and_rule_packs():
    pack, rules = validate.schema("pack")["$defs"], validate.schema("rulepack")["$defs"]
    for name in ("declaredField", "fieldSchema", "fieldType"):
        assert pack[name] == rules[name], name


def test_coverage_profiles_may_list_declared_fields(tmp_path):
    folder = _pack(tmp_path, "cbw", CBW)
    (pathlib.Path(folder) / "profiles.yaml").write_text(textwrap.dedent("""\
        apiVersion: idm/v1
        kind: CoverageProfiles
        fields:
          principles: [principles.legislation, cbw.registered]
          legacy: [cbw.registred]
        phases:
          initiation: [principles]
        """), "utf-8")
    found = _load_problems([folder])
    assert len(found) == 1 and "fields.legacy[0]: unknown field 'registred'" in found[0], found
    assert "(did you mean 'cbw.registered'?)" in found[0]


def _run(monkeypatch, folder, *args):
    from idm import cli
    from tests.cli_streams import captured
    monkeypatch.chdir(folder)
    with captured() as (out, err):
        code = cli.run(list(args))
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


COMMANDS = [
    ["check", "ini.yaml", "--date", "2026-11-22"],
    ["report", "ini.yaml", "--date", "2026-11-22", "-o", "out.html"],
    ["dossier", "ini.yaml", "--date", "2026-11-22", "--format", "markdown"],
    ["exceptions", "ini.yaml", "--date", "2026-11-22"],
    ["baseline", "create", "ini.yaml", "--date", "2026-11-22", "-o", "base.json"],
    ["explain", "C-1", "--initiative", "ini.yaml", "--date", "2026-11-22"],
]


# `idm explain` takes its packs from --rules only (it reads no project file).
CASES = [(c, how) for c in COMMANDS for how in ("rules", "project")
         if not (how == "project" and c[0] == "explain")]


@pytest.mark.parametrize("command, how", CASES, ids=["%s-%s" % (c[0], h) for c, h in CASES])
def test_every_command_that_reads_initiatives_knows_the_declared_fields(
        tmp_path, monkeypatch, command, how):
    """From --rules, and from the project file's packs: the same declared set everywhere."""
    rule = RULE.format(rid="C-1", when="{path: cbw.registered, equals: false}", at="cbw")
    _pack(tmp_path, "cbw", CBW, rule)
    _initiative(tmp_path, "cbw: {registered: false, sector: water}\n")
    (tmp_path / "typo.yaml").write_text(
        (tmp_path / "ini.yaml").read_text("utf-8").replace("sector", "sectr"), "utf-8")
    args = list(command)
    if how == "rules":
        args += ["--rules", "cbw"]
    else:
        (tmp_path / ".idm.yaml").write_text("packs:\n  - source: ./cbw\n", "utf-8")
    code, out, err = _run(monkeypatch, tmp_path, *args)
    assert code in (0, 1) and "unknown field" not in err, (code, out, err)
    if command[0] in ("check", "dossier", "explain"):
        assert "C-1" in out
    typo = [a.replace("ini.yaml", "typo.yaml") for a in args]
    code, out, err = _run(monkeypatch, tmp_path, *typo)
    assert code == 2, (code, out, err)
    assert "typo.yaml:5:26: error: cbw.sectr: unknown field 'sectr' (did you mean 'sector'?)" \
        in err


def test_the_schema_command_reads_the_project_packs(tmp_path, monkeypatch):
    _pack(tmp_path, "cbw", CBW)
    (tmp_path / ".idm.yaml").write_text("packs:\n  - source: ./cbw\n", "utf-8")
    code, out, _ = _run(monkeypatch, tmp_path, "schema", "initiative")
    assert code == 0 and '"cbw": {' in out
    code, out, _ = _run(monkeypatch, tmp_path, "schema", "initiative", "--rules", "idm-default")
    assert code == 0 and '"cbw"' not in out
    code, out, _ = _run(monkeypatch, tmp_path, "schema", "rulepack")
    assert code == 0 and '"declaredField"' in out
