"""GitHub Actions reporter: a summary notice, then one escaped workflow command per unwaived finding
and input error, errors first, at most N of each type."""
from __future__ import annotations

import dataclasses
import re

import pytest

from idm.engine.report import github
from idm.engine.report.options import ReportOptions
from tests.unit.report_fixtures import run_result

SUMMARY_EN = (
    "::notice title=idm%%3A compliance gate could not check every input::Compliance gate: could "
    "not check every input. 2 initiatives, 6 findings (1 error, 2 warnings, 2 info), 1 waived, "
    "1 input error (fail-on: warning). annotations shown: %s errors, %s warnings, %s notices.")
EXPECTED_EN = [
    SUMMARY_EN % ("2 of 2", "2 of 2", "2 of 2"),
    "::error file=initiatives/broken.yaml,line=3,col=9,title=idm%3A input error::"
    "design: mapping values are not allowed here",
    "::error file=initiatives/gem-001.yaml,line=12,col=5,title=LEG-001 Purpose of processing not stated::"
    "Purpose of processing not stated.%0AGEM-001: design.privacy.purpose",
    "::warning file=initiatives/sociaal domein/gem-002.yaml,title=BUS-007 Phase not stated::"
    "Phase not stated.%0AGEM-002: phase",
    "::warning file=initiatives/sociaal domein/gem-002.yaml,line=1,col=1,title=COV-005 Design not covered::"
    "Design not covered.%0AGEM-002: design",
    "::notice title=POR-003 Recurring costs dominate the portfolio::"
    "Recurring costs dominate the portfolio.%0Aportfolio: direction.portfolio",
    "::notice file=initiatives/gem-001.yaml,line=20,col=7,title=BUS-006 Goal without success criteria::"
    "Goal 'save 100%25' has no success criteria,%0Asee: plan%0AGEM-001: direction.goals[1]",
]


def test_whole_output():
    assert github.render(run_result()) == "".join(line + "\n" for line in EXPECTED_EN)


def test_at_most_n_per_type_errors_first_summary_counted_among_the_notices():
    text = github.render(run_result(), options=ReportOptions(max_annotations=1))
    assert text.splitlines() == [SUMMARY_EN % ("1 of 2", "1 of 2", "0 of 2"),
                                 EXPECTED_EN[1], EXPECTED_EN[3]]
    two = github.render(run_result(), options=ReportOptions(max_annotations=2)).splitlines()
    assert two == [SUMMARY_EN % ("2 of 2", "2 of 2", "1 of 2")] + EXPECTED_EN[1:6]
    # 0 is no limit.
    assert github.render(run_result(), options=ReportOptions(max_annotations=0)) == \
        github.render(run_result())


def test_the_default_cap_is_ten_per_type():
    result = run_result(errors=[])
    gem1 = next(r for r in result.initiatives if r.id == "GEM-001")
    leg = next(f for f in gem1.findings if f.rule == "LEG-001")
    gem1.findings += [dataclasses.replace(leg, path="design.x%02d" % i) for i in range(14)]
    lines = github.render(result).splitlines()
    assert sum(1 for line in lines if line.startswith("::error ")) == 10
    assert "annotations shown: 10 of 15 errors" in lines[0]


def test_waived_findings_are_not_annotated():
    text = github.render(run_result())
    assert "TEC-001" not in text
    assert len(text.splitlines()) == 7  # the summary, 6 findings + 1 error minus the waived one


def test_dutch():
    lines = github.render(run_result(), "nl").splitlines()[1:]
    assert lines[0] == ("::error file=initiatives/broken.yaml,line=3,col=9,title=idm%3A invoerfout::"
                        "design: mapping values are not allowed here")
    assert lines[4] == ("::notice title=POR-003 Terugkerende lasten domineren de portfolio::"
                        "Terugkerende lasten domineren de portfolio.%0Aportfolio: direction.portfolio")
    assert lines[1].endswith("title=LEG-001 Doelbinding ontbreekt::Doelbinding ontbreekt.%0A"
                             "GEM-001: design.privacy.purpose")


@pytest.mark.parametrize("raw, data, prop", [
    ("100%", "100%25", "100%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("x: y, z", "x: y, z", "x%3A y%2C z"),
    ("%0A", "%250A", "%250A"),   # an escape sequence in the input must survive literally
    ("::warning::", "::warning::", "%3A%3Awarning%3A%3A"),
])
def test_escaping(raw, data, prop):
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


def test_hostile_properties_cannot_inject_another_command():
    result = run_result(errors=[])
    gem1 = next(r for r in result.initiatives if r.id == "GEM-001")
    gem1.findings = [dataclasses.replace(
        f, file="dir,evil:name.yaml",
        message={"en": "line one\n::error::injected", "nl": "x"}) if f.rule == "LEG-001" else f
        for f in gem1.findings]
    text = github.render(result)
    line = next(line for line in text.splitlines() if "LEG-001" in line)
    assert line == ("::error file=dir%2Cevil%3Aname.yaml,line=12,col=5,"
                    "title=LEG-001 Purpose of processing not stated::"
                    "line one%0A::error::injected%0AGEM-001: design.privacy.purpose")
    assert len(text.splitlines()) == 6


def test_column_needs_a_line_and_no_file_means_no_position():
    assert github.command("error", "m", [("title", "T")]) == "::error title=T::m"
    assert github._where("a.yaml", None, 4) == [("file", "a.yaml")]
    assert github._where("", 3, 4) == []


def test_nothing_to_report_is_only_the_summary():
    text = github.render(run_result(errors=[], initiatives=[], portfolio_findings=[]))
    assert text.startswith("::notice title=idm%3A compliance gate nothing was checked::")
    assert len(text.splitlines()) == 1


def test_deterministic():
    reordered = run_result()
    reordered.initiatives.reverse()
    for r in reordered.initiatives:
        r.findings.reverse()
    assert github.render(reordered) == github.render(run_result()) == github.render(run_result())


def test_files_are_named_from_the_repository_root_when_run_in_a_subfolder(tmp_path,
                                                                          monkeypatch):
    """A step with `working-directory: portfolio` still annotates portfolio/gem-001.yaml:
    GitHub finds the file by its path in the repository."""
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "portfolio"
    (sub / "initiatives").mkdir(parents=True)
    monkeypatch.chdir(sub)
    text = github.render(run_result(errors=[]))
    files = set(re.findall(r"file=([^,:]+)", text))
    assert files == {"portfolio/initiatives/gem-001.yaml",
                     "portfolio/initiatives/sociaal domein/gem-002.yaml"}


def test_outside_a_git_work_tree_files_are_named_from_the_working_directory(tmp_path,
                                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = github.render(run_result(errors=[]))
    assert set(re.findall(r"file=([^,:]+)", text)) == {"initiatives/gem-001.yaml",
                                                        "initiatives/sociaal domein/gem-002.yaml"}
