"""idm export algoritmeregister and the standard it follows (docs/algoritmeregister.md): the
derived schema and ALG rules stay in step with the register's own configuration, the example and
a held-out portfolio export exactly the records the standard accepts, and a changed standard
changes the checks without a code change."""
import json
import os
import shutil
import subprocess
import sys

import jsonschema
import pytest
import yaml

from idm.engine.app.algoritmeregister import ExportOptions, export
from idm.engine.report.algoritmeregister import packaged_standard, standard_from

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "engine", "data", "algoritmeregister")
TOOL = os.path.join(ROOT, "tools", "build_algoritmeregister.py")
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "algoritmeregister")
DATE = "2026-11-22"
DERIVED = {"v1_0_0.schema.json": os.path.join(DATA, "v1_0_0.schema.json"),
           "algoritmeregister.yaml": os.path.join(ROOT, "rules", "algoritmeregister.yaml"),
           "algoritmeregister-themes.yaml":
               os.path.join(ROOT, "rules", "algoritmeregister-themes.yaml")}


def build(out, config=os.path.join(DATA, "v1_0_0.json")):
    subprocess.run([sys.executable, TOOL, "--config", str(config), "--out", str(out)],
                   check=True, capture_output=True)


def run_export(tmp_path, paths, fmt="json", **kw):
    out = tmp_path / ("registrations." + fmt)
    result = export(ExportOptions(paths=paths, output=str(out), fmt=fmt, date=DATE, **kw))
    return result, out


def test_the_derived_schema_and_rules_are_what_the_script_makes_of_the_copy(tmp_path):
    build(tmp_path)
    for name, committed in DERIVED.items():
        with open(committed, encoding="utf-8") as fh:
            assert (tmp_path / name).read_text("utf-8") == fh.read(), \
                "%s is stale: run python tools/build_algoritmeregister.py" % committed


def test_the_schema_follows_the_register_configuration():
    schema = packaged_standard().schema
    assert schema["required"] == ["name", "description_short", "organization", "status",
                                  "contact_email", "publication_category", "lang"]
    assert list(schema["properties"])[:3] == ["name", "description_short", "organization"]
    assert schema["properties"]["description_short"]["maxLength"] == 350
    assert schema["properties"]["category"]["maxItems"] == 3
    assert "Verkeer" in schema["properties"]["category"]["items"]["enum"]
    # "required": "false" (a string in the configuration) is not required
    assert "source_data_grouping" not in schema["required"]


def test_one_more_required_field_changes_schema_rules_and_export_without_code(tmp_path,
                                                                             monkeypatch):
    config = json.load(open(os.path.join(DATA, "v1_0_0.json"), encoding="utf-8"))
    config["properties"]["supervisor"] = {"type": "string", "title": "Toezichthouder",
                                          "max_length": 20, "required": True}
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(config, ensure_ascii=False), "utf-8")
    out = tmp_path / "derived"
    out.mkdir()
    build(out, changed)
    schema = json.loads((out / "v1_0_0.schema.json").read_text("utf-8"))
    assert "supervisor" in schema["required"]
    assert schema["properties"]["supervisor"]["maxLength"] == 20
    rules = yaml.safe_load((out / "algoritmeregister.yaml").read_text("utf-8"))["rules"]
    assert "item.register_fields.supervisor" in rules[0]["at"]["first_missing"]
    assert any({"path": "item.register_fields.supervisor", "longer_than": 20} in
               r["when"]["all"][1]["any"] for r in rules if r["id"] == "ALG-003")

    # The example, ready for the packaged standard, now lacks the new field: checked with the
    # changed rules and exported against the changed schema, nothing is written for it.
    mapping = yaml.safe_load(open(os.path.join(DATA, "mapping.yaml"), encoding="utf-8"))
    standard = standard_from(config, schema, mapping)
    rules_dir = tmp_path / "rules"
    shutil.copytree(os.path.join(ROOT, "rules"), rules_dir)
    for name in ("algoritmeregister.yaml", "algoritmeregister-themes.yaml"):
        shutil.copy(out / name, rules_dir / name)
    monkeypatch.setattr("idm.engine.pack.rulepack.default_pack_dir", lambda: str(rules_dir))
    example = os.path.join(ROOT, "docs", "examples", "parkeerscan.yaml")
    result, written = run_export(tmp_path, [example], standard=standard)
    assert result.exit_code == 1
    assert json.loads(written.read_text("utf-8")) == []
    assert "ALG-001 ai_systems[0].register_fields.supervisor:" in result.stderr
    from idm.engine.report.algoritmeregister import records, schema_errors
    doc = yaml.safe_load(open(example, encoding="utf-8"))
    record = records(doc, standard)[0]
    assert schema_errors(record, standard) == [("supervisor", "required")]
    assert schema_errors(record, packaged_standard()) == []
    monkeypatch.undo()
    # The same run with the packaged standard exports both systems.
    result, written = run_export(tmp_path, [example])
    assert result.exit_code == 0 and result.exported == 2


def test_the_examples_export_records_the_derived_schema_accepts(tmp_path):
    result, written = run_export(tmp_path, [os.path.join(ROOT, "docs", "examples", "parkeerscan.yaml")])
    assert result.exit_code == 0, result.stderr
    records = json.loads(written.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(packaged_standard().schema)
    assert [list(validator.iter_errors(r)) for r in records] == [[], []]
    assert records[0]["status"] == "In gebruik"
    assert records[0]["lawful_basis_grouping"][0] == {
        "title": "Wegenverkeerswet 1994", "link": "https://wetten.overheid.nl/BWBR0006622"}
    assert list(records[0]) == [f for f in packaged_standard().fields if f in records[0]]


def test_the_whole_example_folder_exports_what_passes_and_names_the_rest(tmp_path):
    result, written = run_export(tmp_path, [os.path.join(ROOT, "examples")])
    assert result.exit_code == 1
    records = json.loads(written.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(packaged_standard().schema)
    assert [r["name"] for r in records] == ["Documentherkenning"]
    assert not list(validator.iter_errors(records[0]))
    # the prohibited system is not prepared for the register: no ALG-009, but no record either
    assert "'Signalering sociaal gedrag' is not exported:\n  ai_systems[1].risk_class: a " \
        "prohibited AI practice is never exported (LEG-011)\n" in result.stderr
    assert "fill ai_systems[1]" not in result.stderr


def test_a_held_out_portfolio_gives_exactly_the_expected_records(tmp_path):
    result, written = run_export(tmp_path, [os.path.join(FIXTURES, "portfolio")])
    assert result.exit_code == 1
    assert (result.exported, result.blocked) == (3, 4)
    with open(os.path.join(FIXTURES, "expected.json"), encoding="utf-8") as fh:
        assert written.read_text("utf-8") == fh.read()
    blocked = [line for line in result.stderr.splitlines() if line.endswith("is not exported:")]
    assert [line.split(": ", 1)[1] for line in blocked] == [
        "ai_systems[0] 'Risicoscore toeslagen' is not exported:",
        "ai_systems[1] 'Gedragsscore' is not exported:",
        "ai_systems[2] 'Tekstherkenning' is not exported:",
        "ai_systems[0] 'Aanvraagcheck' is not exported:"]
    assert "status (Status) is required by the standard: fill ai_systems[2].status" in \
        result.stderr
    assert "publication_category (Publicatiecategorie) is required by the standard: fill " \
        "ai_systems[2].impactful" in result.stderr


def test_a_held_out_portfolio_gives_exactly_the_expected_alg_findings():
    from idm.engine.check.run import check
    from idm.engine.pack.rulepack import load_ruleset
    run = check([os.path.join(FIXTURES, "portfolio")], load_ruleset(), DATE)
    found = sorted((os.path.basename(r.file), f.rule, f.path) for r in run.initiatives
                   for f in r.findings if f.rule.startswith("ALG-"))
    assert found == [
        ("b-toeslagen.yaml", "ALG-001", "ai_systems[0].contact"),
        ("b-toeslagen.yaml", "ALG-009", "ai_systems[1].risk_class"),
        ("c-vergunningen.yaml", "ALG-006", "ai_systems[0]"),
        ("c-vergunningen.yaml", "ALG-007", "ai_systems[0].status"),
        ("c-vergunningen.yaml", "ALG-007", "ai_systems[1].status")]


def test_export_bytes_are_deterministic_and_csv_has_the_standard_columns(tmp_path):
    portfolio = [os.path.join(FIXTURES, "portfolio")]
    first = run_export(tmp_path, portfolio, "csv")[1].read_bytes()
    again = run_export(tmp_path, portfolio, "csv")[1].read_bytes()
    assert first == again
    lines = first.decode("utf-8").splitlines()
    assert lines[0].split(",") == list(packaged_standard().fields)
    assert len(lines) == 4
    assert lines[1].startswith("Sorteren van e-mail,Dit algoritme stuurt")
    assert '"[""Natuur en milieu"",""Openbare orde en veiligheid""]"' in lines[2]


def test_messages_follow_lang_and_records_stay_dutch(tmp_path):
    result, written = run_export(tmp_path, [os.path.join(FIXTURES, "portfolio")], lang="nl")
    assert "'Tekstherkenning' wordt niet geëxporteerd:" in result.stderr
    assert "is verplicht volgens de standaard: vul ai_systems[2].status" in result.stderr
    assert "moet in het Algoritmeregister worden gepubliceerd" in result.stderr
    assert json.loads(written.read_text("utf-8"))[0]["status"] == "In gebruik"


def test_a_bad_input_is_one_line_and_exit_2_and_the_good_ones_are_exported(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: idm/v1.2\nkind: Initiative\nid: X\ntitle: X\n"
                   "ai_systems: [{name: A, in_use_since: 2026-13}]\n", "utf-8")
    good = os.path.join(ROOT, "docs", "examples", "parkeerscan.yaml")
    result, written = run_export(tmp_path, [str(bad), good])
    assert result.exit_code == 2
    assert "bad.yaml:5:" in result.stderr and "in_use_since" in result.stderr
    assert len(json.loads(written.read_text("utf-8"))) == 2


def test_the_export_never_writes_over_an_input(tmp_path):
    target = tmp_path / "in.yaml"
    shutil.copy(os.path.join(ROOT, "docs", "examples", "parkeerscan.yaml"), target)
    before = target.read_bytes()
    result = export(ExportOptions(paths=[str(target)], output=str(target), date=DATE))
    assert result.exit_code == 2 and target.read_bytes() == before


@pytest.mark.parametrize("form", [["AVG"], [{"title": "AVG", "url": "https://wetten.nl/x"}]])
def test_rules_read_legislation_items_in_both_forms(tmp_path, form):
    from idm.engine.check.run import check
    from idm.engine.pack.rulepack import load_ruleset
    doc = {"apiVersion": "idm/v1.2", "kind": "Initiative", "id": "L", "title": "L",
           "design": {"privacy": {"personal_data": True}}}
    rules = load_ruleset()
    for items, fires in ((form, False), ([{"title": "Archiefwet"}], True)):
        doc["principles"] = {"legislation": items}
        path = tmp_path / "l.yaml"
        path.write_text(yaml.safe_dump(doc), "utf-8")
        run = check([str(path)], rules, DATE)
        assert any(f.rule == "LEG-007" for f in run.initiatives[0].findings) is fires


def test_the_v1_2_example_of_the_format_spec_validates_and_misspellings_get_a_hint():
    import re
    from idm.engine.inputs.loader import parse_yaml
    from idm.engine.inputs.validate import problems
    text = open(os.path.join(ROOT, "docs", "initiative-format.md"), encoding="utf-8").read()
    section = text.split("## Format v1.2", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    head = "apiVersion: idm/v1.2\nkind: Initiative\nid: X\ntitle: X\n"
    assert problems(parse_yaml("spec.yaml", head + example), "initiative") == []
    wrong = parse_yaml("w.yaml", head + "ai_systems: [{name: A, in_use_sinse: 2025-01}]\n")
    assert "(did you mean 'in_use_since'?)" in problems(wrong, "initiative")[0].shown()
    month = parse_yaml("m.yaml", head + "ai_systems: [{name: A, in_use_since: 2025-4}]\n")
    assert problems(month, "initiative")[0].path == "ai_systems[0].in_use_since"


def test_rule_paths_resolve_the_v1_2_fields_with_did_you_mean(tmp_path):
    from idm.engine.app.rules import LintOptions, lint
    pack = tmp_path / "p.yaml"
    rule = ("apiVersion: idm/v1\nkind: RulePack\nname: t\nrules:\n  - id: T-001\n"
            "    title: {en: t, nl: t}\n    message: {en: t, nl: t}\n    severity: warning\n"
            "    category: legislation\n    domain: design\n    for_each: ai_systems\n"
            "    when: {path: %s, present: true}\n    at: item\n")
    pack.write_text(rule % "item.register_fields.tags", "utf-8")
    assert lint(LintOptions(paths=[str(pack)])).exit_code == 0
    pack.write_text(rule % "organisation.algorithm_register_ur", "utf-8")
    result = lint(LintOptions(paths=[str(pack)]))
    assert "(did you mean 'organisation.algorithm_register_url'?)" in result.stderr + result.stdout


@pytest.mark.parametrize("value,longer", [("x" * 10, False), ("  " + "x" * 10 + " ", False),
                                          ("x" * 11, True), ("é" * 11, True), (None, False)])
def test_longer_than_counts_characters_of_the_trimmed_text(tmp_path, value, longer):
    from tests.unit.test_language import fires
    doc = {"legacy": {"impact": value}}
    assert fires(tmp_path, {"path": "legacy.impact", "longer_than": 10}, doc) is longer
    assert fires(tmp_path, {"not": {"path": "legacy.impact", "longer_than": 10}}, doc) \
        is (not longer)


@pytest.mark.parametrize("value,other", [
    ("<p>a</p><ul><li>b</li></ul><br/><br />", False), ("a < b en c>d", False),
    ("<p class=x>a</p>", True), ("<b>a</b>", True), ("<script>x</script>", True),
    ("<!-- x -->", True), ("<P>a</P>", True)])
def test_html_other_than_allows_only_the_listed_tags_without_attributes(tmp_path, value, other):
    from tests.unit.test_language import fires
    doc = {"legacy": {"impact": value}}
    when = {"path": "legacy.impact", "html_other_than": ["p", "ul", "li", "br"]}
    assert fires(tmp_path, when, doc) is other
    assert fires(tmp_path, {"path": "legacy.impact", "html_other_than": []}, doc) is \
        (value != "a < b en c>d")


@pytest.mark.parametrize("test,message", [
    ({"longer_than": "10"}, "longer_than takes a whole number of characters, not '10'"),
    ({"longer_than": -1}, "longer_than takes a whole number of characters, not -1"),
    ({"html_other_than": "p"}, "html_other_than takes a list of HTML tag names"),
    ({"html_other_than": ["<p>"]}, "html_other_than takes a list of HTML tag names"),
])
def test_the_new_operators_refuse_a_wrong_argument(tmp_path, test, message):
    from idm.engine.errors import InputError
    from tests.unit.test_language import fires
    with pytest.raises(InputError) as e:
        fires(tmp_path, dict({"path": "legacy.impact"}, **test), {})
    assert message in str(e.value.problem.shown())
    with pytest.raises(InputError) as e:
        fires(tmp_path, dict({"path": "budget.one_off"}, longer_than=3), {})
    assert "applies to text" in e.value.problem.shown()


def test_standard_input_in_and_standard_output_out():
    example = os.path.join(ROOT, "docs", "examples", "parkeerscan.yaml")
    with open(example, "rb") as fh:
        done = subprocess.run([sys.executable, "-c", "from idm.cli import entry; entry()",
                               "export", "algoritmeregister", "-", "--output", "-",
                               "--date", DATE], stdin=fh, capture_output=True)
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [r["name"] for r in records] == ["Kentekenherkenning parkeerscan",
                                            "Routeplanning scanauto"]
    assert b"standard output written; registrations: 2" in done.stderr
