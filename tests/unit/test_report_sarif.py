"""SARIF reporter: schema-valid, rules indexed, levels, suppressions, fingerprints, determinism."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from idm.engine.report import sarif
from idm.engine.i18n import LANGS, catalogue
from tests.unit.report_fixtures import BROKEN, FILE_A, FILE_B, RULES, run_result, shift_lines

SCHEMA = json.loads((Path(__file__).parent.parent / "fixtures" / "sarif-schema-2.1.0.json")
                   .read_text(encoding="utf-8"))

# The reporters' own words per language, under their short keys.
LABELS = {lang: dict(catalogue(lang).section("report")) for lang in LANGS}


def validate(log: dict) -> None:
    cls = jsonschema.validators.validator_for(SCHEMA)
    assert cls is jsonschema.Draft4Validator
    cls(SCHEMA).validate(log)


def load(result=None, lang="en") -> dict:
    return json.loads(sarif.render(result or run_result(), lang))


def results_by(log: dict) -> dict:
    return {(r["ruleId"], r.get("properties", {}).get("initiative")): r
            for r in log["runs"][0]["results"]}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_validates_against_the_official_schema(lang):
    validate(load(lang=lang))


def test_without_errors_or_findings_still_validates():
    log = load(run_result(errors=[], portfolio_findings=[], initiatives=[]))
    validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True}
    assert log["runs"][0]["results"] == []


def test_one_run_with_driver_listing_every_rule_sorted():
    log = load()
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("idm", "0.1.0")
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == sorted(RULES)
    leg = driver["rules"][[r["id"] for r in driver["rules"]].index("LEG-001")]
    assert leg == {
        "id": "LEG-001",
        "name": "PurposeOfProcessingNotStated",
        "shortDescription": {"text": "Purpose of processing not stated"},
        "fullDescription": {"text": "Why LEG-001 matters."},
        "help": {
            "text": "Fix LEG-001.\n\nReferences:\n- AVG/GDPR art. 5(1)(b) "
                    "<https://eur-lex.europa.eu/eli/reg/2016/679/oj>\n- Integraal Digitaliseringsmodel (IDM)",
            "markdown": "Fix LEG-001.\n\n**References**\n\n- [AVG/GDPR art. 5(1)(b)]"
                        "(https://eur-lex.europa.eu/eli/reg/2016/679/oj)\n- Integraal Digitaliseringsmodel (IDM)",
        },
        # The rule's section of the generated catalogue (idm rules docs), in English.
        "helpUri": "https://idm.example/docs/rules/legislation.md"
                   "#leg-001-purpose-of-processing-not-stated",
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["legislation", "design"]},
    }
    # Every rule has one, references or not.
    assert all(r["helpUri"].startswith("https://idm.example/docs/rules/")
               for r in driver["rules"])


def test_help_uri_base_is_an_option_and_matches_the_catalogue_anchor():
    from idm.engine.report.options import ReportOptions
    log = json.loads(sarif.render(run_result(), options=ReportOptions(
        rules_doc_url="https://rules.example.org/idm")))
    uris = {r["id"]: r["helpUri"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert uris["TEC-001"] == "https://rules.example.org/idm/technology.md#tec-001-no-exit-strategy"


def test_rule_index_points_at_the_rule_and_levels_map_info_to_note():
    log = load()
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    assert len(results) == 6
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"LEG-001": "error", "TEC-001": "warning", "BUS-006": "note",
                      "BUS-007": "warning", "COV-005": "warning", "POR-003": "note"}
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in rules}["POR-003"] == "note"


def test_results_are_sorted_by_file_line_column_rule():
    keys = [(r["ruleId"], r["properties"].get("initiative")) for r in load()["runs"][0]["results"]]
    assert keys == [("POR-003", None), ("LEG-001", "GEM-001"), ("BUS-006", "GEM-001"),
                    ("TEC-001", "GEM-001"), ("BUS-007", "GEM-002"), ("COV-005", "GEM-002")]


def test_physical_and_logical_locations():
    by = results_by(load())
    leg = by["LEG-001", "GEM-001"]["locations"]
    assert leg == [{
        "physicalLocation": {
            "artifactLocation": {"uri": FILE_A, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 12, "startColumn": 5},
        },
        "logicalLocations": [{"name": "purpose", "fullyQualifiedName": "design.privacy.purpose",
                              "kind": "property", "properties": {"initiative": "GEM-001"}}],
    }]
    # No line known: no region, and the space in the directory is percent-encoded.
    bus = by["BUS-007", "GEM-002"]["locations"][0]["physicalLocation"]
    assert bus == {"artifactLocation": {"uri": FILE_B.replace(" ", "%20"), "uriBaseId": "%SRCROOT%"}}


def test_portfolio_finding_has_only_a_logical_location():
    por = results_by(load())["POR-003", None]
    assert por["locations"] == [{"logicalLocations": [{"name": "portfolio", "kind": "module"}]}]
    assert "suppressions" not in por


def test_waived_finding_carries_an_external_suppression():
    by = results_by(load())
    assert by["TEC-001", "GEM-001"]["suppressions"] == [{
        "kind": "external",
        "status": "accepted",
        "justification": "Vendor contract ends 2026; exit plan follows",
        "properties": {"approvedBy": "CIO office", "expires": "2026-12-31", "exceptionIndex": 0},
    }]
    unsuppressed = [k for k, r in by.items() if "suppressions" not in r]
    assert len(unsuppressed) == 5


def test_fingerprint_recipe():
    leg = results_by(load())["LEG-001", "GEM-001"]
    expected = hashlib.sha256(
        "\0".join(["LEG-001", "GEM-001", "design.privacy.purpose"]).encode()).hexdigest()
    assert leg["partialFingerprints"] == {"idm/v2": expected}


def test_fingerprints_survive_line_shifts_and_differ_per_finding():
    before = {k: r["partialFingerprints"] for k, r in results_by(load()).items()}
    shifted = shift_lines(run_result(), 7)
    after_log = load(shifted)
    after = {k: r["partialFingerprints"] for k, r in results_by(after_log).items()}
    assert after == before
    # The regions did move, so the test shows what it claims.
    regions = [r["locations"][0]["physicalLocation"].get("region", {}).get("startLine")
               for r in after_log["runs"][0]["results"] if "physicalLocation" in r["locations"][0]]
    assert regions == [19, 27, 37, None, 8]
    assert len({fp["idm/v2"] for fp in before.values()}) == len(before)


def test_fingerprint_changes_with_the_path():
    result = run_result()
    gem1 = next(r for r in result.initiatives if r.id == "GEM-001")
    leg = next(f for f in gem1.findings if f.rule == "LEG-001")
    moved = dataclasses.replace(leg, path="design.privacy.purposes")
    assert sarif.fingerprint(moved) != sarif.fingerprint(leg)


def test_input_errors_become_notifications_and_fail_the_execution():
    invocation = load()["runs"][0]["invocations"][0]
    assert invocation == {
        "executionSuccessful": False,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": "design: mapping values are not allowed here"},
            "descriptor": {"id": "input-error"},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": BROKEN, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 3, "startColumn": 9},
                },
                "logicalLocations": [{"name": "design", "fullyQualifiedName": "design",
                                      "kind": "property"}],
            }],
        }],
    }


def test_dutch_texts_and_labels():
    log = load(lang="nl")
    run = log["runs"][0]
    assert run["language"] == "nl"
    leg_rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "LEG-001")
    assert leg_rule["shortDescription"]["text"] == "Doelbinding ontbreekt"
    assert leg_rule["fullDescription"]["text"] == "Waarom LEG-001 ertoe doet."
    assert leg_rule["help"]["markdown"].startswith("Herstel LEG-001.\n\n**Bronnen**")
    # The name is an identifier, not a translation: it stays the same in every language.
    assert leg_rule["name"] == "PurposeOfProcessingNotStated"
    assert results_by(log)["LEG-001", "GEM-001"]["message"]["text"] == "Doelbinding ontbreekt."


def test_paths_are_relative_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "portfolio" / "a.yaml"
    result = run_result()
    gem1 = next(r for r in result.initiatives if r.id == "GEM-001")
    gem1.findings = [dataclasses.replace(f, file=str(inside)) for f in gem1.findings]
    log = load(result)
    validate(log)
    uri = results_by(log)["LEG-001", "GEM-001"]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"] == {"uri": "portfolio/a.yaml", "uriBaseId": "%SRCROOT%"}
    # The fingerprint leaves the file out, so it does not depend on where the files lie.
    elsewhere = dataclasses.replace(gem1.findings[0], file="/somewhere/else/a.yaml")
    assert sarif.fingerprint(gem1.findings[0]) == sarif.fingerprint(elsewhere)
    assert log["runs"][0]["originalUriBaseIds"] == {
        "%SRCROOT%": {"description": {"text": LABELS["en"]["srcroot_description"]}}}


def test_inside_git_paths_are_relative_to_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "docs" / "sub"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = run_result(errors=[])
    gem1 = next(r for r in result.initiatives if r.id == "GEM-001")
    gem1.findings = [dataclasses.replace(f, file=str(tmp_path / "portfolio" / "a.yaml"))
                     for f in gem1.findings]
    log = load(result)
    before = results_by(log)["LEG-001", "GEM-001"]
    validate(log)
    uri = results_by(log)["LEG-001", "GEM-001"]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"] == {"uri": "portfolio/a.yaml", "uriBaseId": "%SRCROOT%"}
    # From the root itself: the same URIs and fingerprints.
    monkeypatch.chdir(tmp_path)
    assert results_by(load(result))["LEG-001", "GEM-001"] == before


def test_a_cap_keeps_errors_first_and_says_what_it_left_out():
    from idm.engine.report.options import ReportOptions
    full = load()
    every = full["runs"][0]["results"]
    options = ReportOptions(sarif_max_results=2)
    log = json.loads(sarif.render(run_result(), options=options))
    validate(log)
    run = log["runs"][0]
    kept = run["results"]
    assert len(kept) == 2
    # The one unwaived error, then the warnings: never the info or the waived result.
    assert [r["level"] for r in kept] == ["error", "warning"]
    assert all("suppressions" not in r for r in kept)
    # Kept results stay in the report order.
    assert [r["ruleId"] for r in kept] == [r["ruleId"] for r in every if r in kept]
    props = run["properties"]
    assert (props["resultsTotal"], props["resultsDropped"], props["resultsLimit"]) == \
        (len(every), len(every) - 2, 2)
    assert "left out" in props["note"]
    assert options.notices == ["idm: SARIF: " + props["note"]]
    # Under the cap (or with 0, no cap) nothing is said.
    assert "resultsDropped" not in full["runs"][0]["properties"]
    unlimited = ReportOptions(sarif_max_results=0)
    assert json.loads(sarif.render(run_result(), options=unlimited)) == full
    assert unlimited.notices == []


def test_files_outside_the_working_directory_get_an_absolute_uri(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outside = tmp_path / "elsewhere" / "b.yaml"
    result = run_result(errors=[])
    gem1 = next(r for r in result.initiatives if r.id == "GEM-001")
    gem1.findings = [dataclasses.replace(f, file=str(outside)) for f in gem1.findings]
    log = load(result)
    validate(log)
    artifact = results_by(log)["LEG-001", "GEM-001"]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {"uri": outside.as_uri()}


def test_no_threshold_is_recorded_and_still_valid():
    log = load(run_result(fail_on=None))
    validate(log)
    assert log["runs"][0]["properties"] == {"evaluationDate": "2025-06-30", "failOn": None}


def test_deterministic_and_input_order_independent():
    first = sarif.render(run_result())
    assert sarif.render(run_result()) == first
    reordered = run_result()
    reordered.initiatives.reverse()
    for r in reordered.initiatives:
        r.findings.reverse()
    reordered.rules = dict(reversed(list(reordered.rules.items())))
    assert sarif.render(reordered) == first
    assert first.endswith("}\n")
    assert "Utc" not in first  # no start/end timestamps anywhere


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        sarif.render(run_result(), "de")


def test_label_tables_have_the_same_keys():
    assert set(LABELS["en"]) == set(LABELS["nl"])


def test_every_bundled_rule_links_to_its_heading_in_the_generated_catalogue():
    import re

    from idm.engine.report.labels import heading_anchor
    from tests.steps.world import default_ruleset
    base = "https://x.example/docs/rules/"
    pages = Path(__file__).resolve().parent.parent.parent / "docs" / "rules"
    specs = default_ruleset().specs
    assert len(specs) >= 45
    for spec in specs:
        page, anchor = sarif.help_uri(spec.rule, base)[len(base):].split("#")
        headings = re.findall(r"^## (.*)$", (pages / page).read_text("utf-8"), re.M)
        assert anchor in {heading_anchor(h) for h in headings}, (spec.id, page, anchor)
