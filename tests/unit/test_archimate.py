"""ArchiMate exchange models: the reader on real files and hostile ones, the import, the check
located in the XML, the export and the round trip (docs/archimate.md)."""
from __future__ import annotations

import difflib
import json
import os
import re
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from idm import cli
from idm.engine.errors import InputError
from idm.engine.inputs.archimate.mapping import Selection, map_model
from idm.engine.inputs.archimate.reader import load_model
from tests.archimate_schema import schema_errors
from tests.cli_streams import captured

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "fixtures", "archimate")
DATE = "2026-11-22"
NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*\Z")


def fixture(name: str) -> str:
    return os.path.join(FIXTURES, name)


def run(args):
    with captured() as (out, err):
        code = cli.run(args)
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(fixture("portfolio.xml"), tmp_path / "portfolio.xml")
    return tmp_path


# ---- the reader on real files ----

def test_archisurance_reads_with_names_languages_and_positions():
    m = load_model(fixture("archisurance.xml"), "archisurance.xml")
    assert (m.version, len(m.elements), len(m.relationships)) == ("3", 120, 178)
    mail = m.elements["id-1544"]
    assert (mail.type, mail.name, mail.names, mail.position, mail.name_position) == \
        ("BusinessInterface", "mail", {"en": "mail"}, (24, 5), (25, 7))
    assert m.folders["id-1544"] == "Business/Actors"
    assert m.property_definitions == {"propid-1": "Property1", "propid-2": "Property2",
                                      "propid-3": "Property3"}


def test_the_2_1_format_reads_into_the_same_records():
    m = load_model(fixture("archisurance-2.1.xml"), "archisurance-2.1.xml")
    assert (m.version, len(m.elements), len(m.relationships)) == ("2.1", 120, 178)
    assert m.elements["id-1544"].name == "mail"
    assert {r.type for r in m.relationships} >= {"Association", "Access", "Triggering"}


def test_a_gemma_export_with_properties_of_no_definition_reads():
    m = load_model(fixture("gemma_test.xml"), "gemma_test.xml")
    cap = m.elements["id-009fa62f25844aa3a87d252bf2b6bb0c"]
    assert cap.type == "Capability" and cap.names == {"nl": cap.name}
    assert [(p.key, p.position) for p in cap.properties] == [("propid-1", (34, 9)),
                                                             ("propid-2", (37, 9))]
    assert cap.documentation.startswith("Dienstenafnemers moeten")


def test_a_truncated_gemma_export_is_one_line_at_its_end():
    code, out, err = run(["check", fixture("gemma_truncated.xml")])
    assert code == 2
    assert re.search(r"gemma_truncated\.xml:54:3: error: invalid XML: mismatched tag", err), err
    assert "Traceback" not in err


def test_a_model_of_no_opted_in_work_package_is_an_input_error():
    code, out, err = run(["import", "archimate", fixture("portfolio.xml"), "--folder",
                          "Nowhere", "-o", "unused"])
    assert code == 2 and "Nowhere" in err
    assert not os.path.exists("unused")


def test_a_model_without_work_packages_says_so_and_counts_what_it_holds():
    """Archisurance has no work package: --all-work-packages has nothing to take."""
    code, out, err = run(["import", "archimate", fixture("archisurance.xml"),
                          "--all-work-packages", "-o", "unused"])
    assert code == 2 and "Traceback" not in err
    assert "info: 17 BusinessActor elements not mapped onto an initiative" in err
    assert err.rstrip().endswith("error: the model has no work package: idm imports each "
                                 "work package (an initiative) and nothing else")
    assert not os.path.exists("unused")


# ---- hostile models: one line, exit 2, nothing read that the file points at ----

HEAD = b'<?xml version="1.0"?>\n'
MODEL = b'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m">'


def _laughs() -> bytes:
    ents = [b'<!ENTITY l0 "lol">'] + [b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10)
                                      for i in range(1, 10)]
    return HEAD + b"<!DOCTYPE model [" + b"".join(ents) + b"]>\n" + MODEL + \
        b"<name>&l9;</name></model>"


HOSTILE = {
    "billion-laughs.xml": _laughs(),
    "external-entity.xml": HEAD + b'<!DOCTYPE model [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                          + MODEL + b"<name>&x;</name></model>",
    "dtd-url.xml": HEAD + b'<!DOCTYPE model SYSTEM "http://127.0.0.1:9/evil.dtd">\n' + MODEL
                  + b"<name>x</name></model>",
    "parameter-entity.xml": HEAD + b'<!DOCTYPE model [<!ENTITY % p SYSTEM "file:///etc/passwd">'
                           b"%p;]>\n" + MODEL + b"<name>x</name></model>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_dtd_is_refused_in_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    for args in (["check", str(path)], ["import", "archimate", str(path), "-o",
                                        str(tmp_path / "out")]):
        code, out, err = run(args)
        assert code == 2
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "document type declaration (<!DOCTYPE>) is refused" in lines[0]
        assert "root:" not in out + err     # nothing of /etc/passwd
        assert not (tmp_path / "out").exists()


def test_deep_nesting_is_refused_at_the_level_past_the_limit(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_bytes(MODEL + b"<documentation>" + b"<a>" * 100 + b"</a>" * 100
                     + b"</documentation></model>")
    code, out, err = run(["check", str(path)])
    assert code == 2
    assert "deep.xml:1:" in err and "nested too deeply (limit 64 levels)" in err
    code, out, err = run(["check", "--max-depth", "200", "--max-file-size", "100000",
                          str(path)])
    assert "nested too deeply" not in err


def test_too_many_elements_are_refused(tmp_path):
    path = tmp_path / "many.xml"
    path.write_bytes(MODEL + b"<elements>" + b"<x/>" * 300_000 + b"</elements></model>")
    code, out, err = run(["check", str(path)])
    assert code == 2 and "200000" in err.replace(",", "")


def test_a_huge_model_is_refused_by_its_size_before_it_is_read(tmp_path):
    """500 MB, sparse: the size is known from the file system; not a byte is parsed."""
    path = tmp_path / "huge.xml"
    with open(path, "wb") as fh:
        fh.write(MODEL)
        fh.truncate(500 * 1024 * 1024)
    for args in (["check", str(path)], ["import", "archimate", str(path), "-o", "x"],
                 ["export", "archimate", "--model", str(path), "--report", str(path),
                  "--output", str(tmp_path / "o.xml")]):
        code, out, err = run(args)
        assert code == 2
        assert "larger than the limit of 10485760 bytes" in err
        assert len(err.strip().splitlines()) == 1


def test_an_xml_file_of_another_kind_names_its_root(tmp_path):
    path = tmp_path / "pom.xml"
    path.write_text('<project xmlns="http://maven.apache.org/POM/4.0.0"/>', "utf-8")
    code, out, err = run(["check", str(path)])
    assert code == 2
    assert "not an ArchiMate exchange model: the root element is project in the namespace " \
           "http://maven.apache.org/POM/4.0.0" in err


# ---- import ----

def test_import_writes_the_opted_in_work_packages_deterministically(here):
    code, out, err = run(["import", "archimate", "portfolio.xml", "--output", "a"])
    assert code == 0, err
    assert sorted(os.listdir("a")) == ["INI-2026-101.yaml", "INI-2026-102.yaml",
                                       "INI-2026-103.yaml"]
    assert err.splitlines() == [
        "info: 1 Driver element not mapped onto an initiative",
        "info: 1 Node element not mapped onto an initiative",
        "info: 1 Requirement element not mapped onto an initiative",
        "info: 1 WorkPackage element not mapped onto an initiative",
        "3 initiatives written to a"]
    run(["import", "archimate", "portfolio.xml", "--output", "b"])
    for f in os.listdir("a"):
        assert (here / "a" / f).read_bytes() == (here / "b" / f).read_bytes()
    one = yaml.safe_load((here / "a" / "INI-2026-101.yaml").read_text("utf-8"))
    assert one["budget"] == {"one_off": 180000, "recurring_per_year": 42000}
    assert one["design"]["privacy"]["personal_data"] is True
    assert one["direction"]["goals"] == [{"description": "80% van de aanvragen digitaal in 2027",
                                          "id": "G1", "priority": "high"}]
    # the application realised by the work package's deliverable is in its initiative
    assert one["operations"]["applications"][0]["name"] == "Zaaksysteem"
    assert one["principles"] == {"legislation": ["AVG"], "standards": ["ZGW-API"]}
    three = yaml.safe_load((here / "a" / "INI-2026-103.yaml").read_text("utf-8"))
    assert three["principles"]["exceptions"] == [{
        "rule": "TEC-002", "approved_by": "Architectuurboard", "expires": "2027-06-30",
        "justification": "Landelijke voorziening biedt nog geen API"}]


def test_all_work_packages_and_folders_opt_in(here):
    code, out, err = run(["import", "archimate", "portfolio.xml", "-o", "all",
                          "--all-work-packages"])
    assert code == 0 and "wp-later.yaml" in os.listdir("all")
    code, out, err = run(["import", "archimate", "portfolio.xml", "-o", "later",
                          "--folder", "Implementatie en migratie/Projecten/Later"])
    assert code == 0 and "wp-later.yaml" in os.listdir("later")
    code, out, err = run(["import", "archimate", "portfolio.xml", "-o", "none",
                          "--folder", "Nergens"])
    assert code == 2 and "no folder Nergens" in err


def _edit(here, old: str, new: str) -> None:
    path = here / "portfolio.xml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_value_that_breaks_the_format_is_an_input_error_at_its_property(here):
    _edit(here, "<value>foundation</value>", "<value>someday</value>")
    code, out, err = run(["import", "archimate", "portfolio.xml", "-o", "a"])
    assert code == 2
    assert "portfolio.xml:14:9: error: phase:" in err
    assert sorted(os.listdir("a")) == ["INI-2026-102.yaml", "INI-2026-103.yaml"]   # the others
    code, out, err = run(["check", "portfolio.xml", "--date", DATE])
    assert code == 2 and "portfolio.xml:14:9: error: phase:" in err
    assert "INI-2026-102" in out


def test_a_property_that_names_no_field_path_is_an_input_error(here):
    _edit(here, "<name>idm:phase</name>", "<name>idm:phase..x</name>")
    code, out, err = run(["import", "archimate", "portfolio.xml", "-o", "a"])
    assert code == 2
    assert "portfolio.xml:14:9: error: property idm:phase..x does not name a field path" in err


# ---- check: the findings of the imported files, located in the model ----

def _findings(report):
    return sorted((i["id"], f["rule"], f["path"], f["severity"], f["waived"])
                  for i in report["initiatives"] for f in i["findings"])


def test_checking_the_model_finds_what_checking_its_import_finds(here):
    run(["import", "archimate", "portfolio.xml", "-o", "a"])
    code_yaml, out_yaml, _ = run(["check", "a", "--date", DATE, "--format", "json"])
    code_xml, out_xml, _ = run(["check", "portfolio.xml", "--date", DATE, "--format", "json"])
    assert code_xml == code_yaml == 1
    xml, yml = json.loads(out_xml), json.loads(out_yaml)
    assert _findings(xml) == _findings(yml)
    assert [i["coverage"] for i in xml["initiatives"]] == \
        [i["coverage"] for i in yml["initiatives"]]
    where = {(f["rule"], f["path"]): (f["file"], f["line"], f["column"])
             for i in xml["initiatives"] for f in i["findings"] if i["id"] == "INI-2026-102"}
    assert where[("LEG-006", "operations.applications[0].hosting")] == ("portfolio.xml", 131, 9)
    assert where[("LEG-001", "design.privacy.purpose")] == ("portfolio.xml", 37, 5)   # the WP


def test_sarif_regions_point_into_the_xml(here):
    code, out, err = run(["check", "portfolio.xml", "--date", DATE, "--format", "sarif"])
    results = json.loads(out)["runs"][0]["results"]
    regions = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
               for r in results}
    assert ("LEG-006", 131) in regions and ("BUS-006", 72) in regions


# ---- export ----

def _export(here, model="portfolio.xml", out="verdicts.xml", report="report.json"):
    if not (here / report).exists():
        run(["check", "portfolio.xml", "--date", DATE, "--format", "json", "-o", report])
    return run(["export", "archimate", "--model", model, "--report", report, "--output", out])


def test_export_only_adds_and_is_valid_against_the_schemas(here):
    code, out, err = _export(here)
    assert code == 0, err
    before = (here / "portfolio.xml").read_text("utf-8").splitlines()
    after = (here / "verdicts.xml").read_text("utf-8").splitlines()
    removed = [d for d in difflib.ndiff(before, after) if d.startswith("- ")]
    assert removed == []
    assert schema_errors((here / "verdicts.xml").read_text("utf-8")) == []


def test_export_adds_properties_assessments_and_one_folder(here):
    _export(here)
    m = load_model(str(here / "verdicts.xml"), "verdicts.xml")
    wp = m.elements["wp-zaken"]
    values = {p.key: p.value for p in wp.properties}
    assert values["idm-result:gate"] == "fail"
    assert values["idm-result:waived"] == "1"
    assert values["idm-result:coverage"] == "0/8"
    assert values["idm-result:domain.legacy"] == "missing_error"
    assert values["idm-result:date"] == DATE and values["idm-result:packs"] == "bundled"
    report = json.loads((here / "report.json").read_text("utf-8"))
    unwaived = [f for i in report["initiatives"] for f in i["findings"] if not f["waived"]]
    assessments = [c for c in m.elements.values() if c.type == "Assessment"
                   and c.identifier.startswith("idm-a-")]
    assert len(assessments) == len(unwaived)
    assert all(NCNAME.match(c.identifier) for c in assessments)
    leg1 = [c for c in assessments if c.prop("idm-result:rule").value == "LEG-001"]
    rels = {(r.type, r.target) for r in m.relationships if r.source == leg1[0].identifier}
    assert rels == {("Association", "wp-bijstand"), ("Influence", "con-avg")}
    folder = {ident for ident, path in m.folders.items() if path == "idm"}
    assert {c.identifier for c in assessments} <= folder


def test_export_twice_gives_the_same_bytes_and_replaces_the_earlier_one(here):
    _export(here)
    _export(here, out="again.xml")
    assert (here / "verdicts.xml").read_bytes() == (here / "again.xml").read_bytes()
    _export(here, model="verdicts.xml", out="replaced.xml")
    assert (here / "replaced.xml").read_bytes() == (here / "verdicts.xml").read_bytes()
    # a later report with fewer findings: the earlier assessments are gone
    report = json.loads((here / "report.json").read_text("utf-8"))
    for i in report["initiatives"]:
        i["findings"] = i["findings"][:1]
    (here / "fewer.json").write_text(json.dumps(report), "utf-8")
    code, _, err = _export(here, model="verdicts.xml", out="fewer.xml", report="fewer.json")
    assert code == 0, err
    fewer = load_model(str(here / "fewer.xml"), "fewer.xml")
    assert sum(c.type == "Assessment" for c in fewer.elements.values()) == 1 + 3


def test_export_into_the_real_archisurance_model_stays_valid(here):
    shutil.copy(fixture("archisurance.xml"), here / "archisurance.xml")
    code, out, err = _export(here, model="archisurance.xml", out="a.xml")
    assert code == 0
    assert "info: initiative INI-2026-101 of the report has no work package" in err
    before = (here / "archisurance.xml").read_text("utf-8").splitlines()
    after = (here / "a.xml").read_text("utf-8").splitlines()
    assert [d for d in difflib.ndiff(before, after) if d.startswith("- ")] == []
    # The export adds no schema error: none with current xmlschema; the lowest declared one
    # (3.0.1 to at least 3.4) wrongly reports the original's view references as broken keys,
    # in the model as published and in the export alike.
    assert schema_errors((here / "a.xml").read_text("utf-8")) == \
        schema_errors((here / "archisurance.xml").read_text("utf-8"))


def test_export_refuses_a_2_1_model_and_a_file_that_is_no_report(here):
    shutil.copy(fixture("archisurance-2.1.xml"), here / "old.xml")
    code, out, err = _export(here, model="old.xml", out="o.xml")
    assert code == 2 and "this model is in the 2.1 format" in err
    (here / "r.json").write_text('{"tool": {"name": "other"}}', "utf-8")
    code, out, err = _export(here, report="r.json", out="o.xml")
    assert code == 2 and "r.json: error: not an idm JSON report" in err
    assert not (here / "o.xml").exists()


def test_export_never_writes_over_its_model(here):
    before = (here / "portfolio.xml").read_bytes()
    code, out, err = _export(here, out="portfolio.xml")
    assert code == 2 and "would overwrite the input portfolio.xml" in err
    assert (here / "portfolio.xml").read_bytes() == before


# ---- the round trip ----

def test_import_check_export_import_gives_the_same_initiatives(here):
    run(["import", "archimate", "portfolio.xml", "-o", "first"])
    _export(here)
    code, out, err = run(["import", "archimate", "verdicts.xml", "-o", "second"])
    assert code == 0, err
    for f in sorted(os.listdir("first")):
        a = yaml.safe_load((here / "first" / f).read_text("utf-8"))
        b = yaml.safe_load((here / "second" / f).read_text("utf-8"))
        assert a == b
    assert sorted(os.listdir("first")) == sorted(os.listdir("second"))


def test_mapping_keeps_what_the_export_wrote_out_of_the_initiatives(here):
    _export(here)
    mapped = map_model(load_model(str(here / "verdicts.xml"), "verdicts.xml"), Selection())
    exceptions = [d.data.get("principles", {}).get("exceptions") for d in mapped.documents]
    assert exceptions == [None, None, [{"rule": "TEC-002", "approved_by": "Architectuurboard",
                                        "expires": "2027-06-30",
                                        "justification": "Landelijke voorziening biedt nog "
                                                         "geen API"}]]


def test_reader_errors_are_input_errors():
    with pytest.raises(InputError):
        load_model(fixture("gemma_truncated.xml"), "g.xml")


PREFIXED = """<?xml version="1.0" encoding="UTF-8"?>
<a:model xmlns:a="http://www.opengroup.org/xsd/archimate/3.0/" \
xmlns:x="http://www.w3.org/2001/XMLSchema-instance" identifier="m1">
\t<a:name>Minimaal</a:name>
\t<a:elements>
\t\t<a:element identifier="wp1" x:type="a:WorkPackage">
\t\t\t<a:name>Project &amp; co</a:name>
\t\t</a:element>
\t</a:elements>
</a:model>
"""


def test_export_into_a_prefixed_model_without_relationships_or_folders(tmp_path, monkeypatch):
    """New containers in the schema's order, the model's prefixes and indentation (tabs)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "min.xml").write_text(PREFIXED, "utf-8")
    code, out, err = run(["import", "archimate", "min.xml", "-o", "out", "--all-work-packages"])
    assert code == 0 and os.listdir("out") == ["wp1.yaml"]
    run(["check", "out", "--format", "json", "-o", "r.json", "--date", DATE])
    code, out, err = run(["export", "archimate", "--model", "min.xml", "--report", "r.json",
                          "--output", "v.xml"])
    assert code == 0, err
    text = (tmp_path / "v.xml").read_text("utf-8")
    assert schema_errors(text) == []
    tags = re.findall(r"^\t<(a:[a-zA-Z]+)>", text, re.M)
    assert tags == ["a:name", "a:elements", "a:relationships", "a:organizations",
                    "a:propertyDefinitions"]
    assert 'x:type="a:Assessment"' in text
    run(["export", "archimate", "--model", "v.xml", "--report", "r.json", "--output", "w.xml"])
    assert (tmp_path / "w.xml").read_text("utf-8") == text


def test_import_speaks_dutch(here):
    code, out, err = run(["import", "archimate", "portfolio.xml", "-o", "a", "--lang", "nl"])
    assert code == 0
    assert "info: 1 element van type Driver niet op een initiatief afgebeeld" in err
    assert "3 initiatieven geschreven naar a" in err


def test_the_python_api_imports_and_exports(here):
    from idm.engine.app import (ArchimateExportOptions, ArchimateImportOptions,
                                export_archimate, import_archimate)
    result = import_archimate(ArchimateImportOptions("portfolio.xml", "api"))
    assert result.exit_code == 0
    assert result.ids == ["INI-2026-101", "INI-2026-102", "INI-2026-103"]
    assert result.stderr.endswith("3 initiatives written to api\n")
    run(["check", "portfolio.xml", "--date", DATE, "--format", "json", "-o", "report.json"])
    done = export_archimate(ArchimateExportOptions("portfolio.xml", "report.json", "v.xml"))
    assert done.exit_code == 0 and done.written == ["v.xml"]


def test_export_refuses_a_model_it_cannot_add_utf8_to(here):
    text = (here / "portfolio.xml").read_text("utf-8")
    (here / "u16.xml").write_bytes(b"\xff\xfe" + text.replace('encoding="UTF-8"', "")
                                   .encode("utf-16-le"))
    (here / "latin.xml").write_bytes(text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
                                     .encode("latin-1"))
    run(["check", "portfolio.xml", "--date", DATE, "--format", "json", "-o", "report.json"])
    for model, encoding in (("u16.xml", "UTF-16"), ("latin.xml", "ISO-8859-1")):
        code, out, err = _export(here, model=model, out="o.xml")
        assert code == 2, err
        assert "needs UTF-8; this model is in %s" % encoding in err
        assert "Traceback" not in err


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=12000), byte=st.integers(0, 255))
def test_a_damaged_model_is_one_error_line_or_read(here, cut, byte):
    """Any cut or changed byte of a real model: read, or refused in lines, never a traceback."""
    raw = (here / "portfolio.xml").read_bytes()
    cut = cut % len(raw)
    (here / "damaged.xml").write_bytes(raw[:cut] + bytes([byte]) + raw[cut + 1:])
    code, out, err = run(["import", "archimate", "damaged.xml", "-o", "d"])
    assert code in (0, 2)
    assert "Traceback" not in err and "Error:" not in err
    assert all(line.startswith(("info:", "damaged.xml", "3 initiatives", "2 initiatives",
                                "1 initiative", "0 initiatives")) for line in err.splitlines())


def test_export_refuses_an_empty_container_and_leaves_a_model_without_elements(here):
    run(["check", "portfolio.xml", "--date", DATE, "--format", "json", "-o", "report.json"])
    _edit(here, "<relationships>", "<relationships/><!--")
    _edit(here, "</relationships>", "-->")
    code, out, err = _export(here, out="o.xml")
    assert code == 2
    assert "<relationships/> is written as an empty element" in err and "Traceback" not in err
    (here / "bare.xml").write_text('<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
                                   'identifier="m"><name>Leeg</name></model>', "utf-8")
    code, out, err = _export(here, model="bare.xml", out="b.xml")
    assert code == 0
    assert (here / "b.xml").read_bytes() == (here / "bare.xml").read_bytes()
