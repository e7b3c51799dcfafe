"""A large run keeps its results on disk and reads them back for the report (issue 7): the
report must be the same byte for byte as when everything is held in memory, with one worker or
two, with a baseline, and the temporary files must go with the result."""
from __future__ import annotations

import gc
import os
import signal
import sys
import tempfile

import pytest

from idm.engine.report import json_report, render
from idm.engine.check.collect import Checking
from idm.engine.check.run import check
from idm.engine.check.workers import Forked, fork_available
from tests.steps.world import default_ruleset

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
import generate  # noqa: E402

DATE = "2026-06-01"


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portfolio")
    generate.generate(60, seed=5, out=str(folder))
    return [str(folder), os.path.join(ROOT, "examples")]


def _report(paths, fmt="json", **kw):
    return render(check(paths, default_ruleset(), DATE, **kw), fmt)


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_read_back_from_disk_give_the_same_report(portfolio, jobs):
    in_memory = _report(portfolio, jobs=1)
    assert '"rule": "POR-001"' in in_memory and '"rule": "POR-005"' in in_memory
    assert _report(portfolio, jobs=jobs, spool_after=0) == in_memory
    assert _report(portfolio, "text", jobs=jobs, spool_after=0) == _report(portfolio, "text")


def test_the_html_report_of_results_on_disk_is_the_same_and_streams(portfolio):
    """Read back from disk, every initiative is a new object each time it is iterated: the
    HTML report must not key anything by the object (it once failed with a KeyError)."""
    import io
    from idm.engine.report import html
    in_memory = _report(portfolio, "html")
    on_disk = check(portfolio, default_ruleset(), DATE, jobs=2, spool_after=0)
    assert html.render(on_disk) == in_memory
    out = io.StringIO()
    html.write(on_disk, out)
    assert out.getvalue() == in_memory


# Caps that cut each report (SARIF results, annotations per type, comment characters), none,
# and the defaults: the written report is the same text whichever way the run is held.
CAPS = {"cut": dict(sarif_max_results=30, max_annotations=3, max_chars=5000),
        "whole": dict(sarif_max_results=0, max_annotations=0, max_chars=0),
        "default": {}}
CUT_MARKERS = {"sarif": '"resultsDropped": ', "junit": 'name="POR-001"',
               "github": "getoonde annotaties: 3 van ", "markdown": "_Weggelaten om onder 5000 "}


@pytest.mark.parametrize("caps", sorted(CAPS))
@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown"])
def test_reports_written_from_disk_are_the_text_of_the_run_in_memory(portfolio, fmt, caps):
    """SARIF, JUnit, GitHub and Markdown are written in passes over the results without
    holding them all; what they write is what one rendering of the run in memory gives."""
    import importlib
    import io

    from idm.engine.report.options import ReportOptions
    module = importlib.import_module("idm.engine.report." + fmt)
    in_memory = module.render(check(portfolio, default_ruleset(), DATE), "nl",
                              ReportOptions(**CAPS[caps]))
    on_disk = check(portfolio, default_ruleset(), DATE, jobs=2, spool_after=0)
    out = io.StringIO()
    module.write(on_disk, out, "nl", ReportOptions(**CAPS[caps]))
    assert out.getvalue() == in_memory
    if caps == "cut":
        assert CUT_MARKERS[fmt] in in_memory
    if caps == "whole" and fmt != "junit":
        assert "POR-001" in in_memory


def test_a_baseline_is_applied_the_same_way_on_disk(portfolio):
    import json
    report = json.loads(_report(portfolio))
    # Half of the known findings (every other one, portfolio ones included) are baselined.
    known = frozenset((f["rule"], f.get("initiative") or "", f["path"])
                      for r in report["initiatives"] for f in r["findings"][::2])
    a = check(portfolio, default_ruleset(), DATE, jobs=2, baseline=known)
    b = check(portfolio, default_ruleset(), DATE, jobs=2, baseline=known, spool_after=0)
    assert 0 < a.summary()["baselined"] < a.summary()["findings"]
    assert json_report.render(b) == json_report.render(a)
    assert (b.summary(), b.exit_code()) == (a.summary(), a.exit_code())


def test_the_files_of_a_run_go_with_its_result(portfolio, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = check(portfolio, default_ruleset(), DATE, jobs=2, spool_after=0)
    assert [d for d in os.listdir(tmp_path) if d.startswith("idm-results-")]
    assert len(list(result.initiatives)) == len(result.initiatives) == 73   # 60 + examples/
    del result
    gc.collect()
    assert not [d for d in os.listdir(tmp_path) if d.startswith("idm-results-")]


@pytest.mark.skipif(not fork_available(), reason="worker processes need fork")
def test_a_worker_killed_after_storing_an_initiative_changes_nothing(portfolio, monkeypatch,
                                                                     tmp_path):
    """The worker dies after it stored initiative 5's result and join records but before it
    reported them: the initiative is checked again, and the records written twice count once."""
    expected = _report(portfolio, jobs=2, spool_after=0)
    marker = tmp_path / "killed-once"
    real = Checking.stored   # where a result and its join records are stored

    def stored(self, index, *args):
        out = real(self, index, *args)
        if index == 5 and not marker.exists():
            marker.write_text("x")
            os.kill(os.getpid(), signal.SIGKILL)
        return out
    monkeypatch.setattr(Checking, "stored", stored)
    assert _report(portfolio, jobs=2, spool_after=0) == expected
    assert marker.exists()


def test_values_the_join_finds_equal_share_a_bucket():
    """Pair rules join one bucket at a time: a value in the wrong bucket loses its pairs."""
    from idm.engine.check.portfolio import bucket
    assert bucket(1) == bucket(1.0)                     # durable_rules: 1 == 1.0
    assert bucket({"x": 1, "y": 2}) == bucket({"y": 2, "x": 1})
    assert bucket("Vergunningverlening") == bucket("Vergunningverlening")
    assert len({bucket("value %d" % i) for i in range(1000)}) > 16   # they do spread


@pytest.mark.skipif(not fork_available(), reason="report processes need fork")
@pytest.mark.parametrize("jobs", [2, 3])
def test_a_json_report_written_by_several_processes_is_the_same_text(portfolio, monkeypatch,
                                                                     jobs):
    """With --jobs, forked processes render later ranges of the initiatives (read back from
    disk) while the first is written: the report is the one-process text."""
    import io

    from idm.engine.report import parts
    from idm.engine.report.options import ReportOptions
    expected = _report(portfolio)
    monkeypatch.setattr(parts, "MIN_PART", 10)      # 73 initiatives: two or three parts
    assert len(parts.ranges(73, jobs)) == jobs
    result = check(portfolio, default_ruleset(), DATE, jobs=2, spool_after=0)
    out = io.StringIO()
    json_report.write(result, out, "en", ReportOptions(jobs=jobs))
    assert out.getvalue() == expected


@pytest.mark.skipif(not fork_available(), reason="report processes need fork")
@pytest.mark.parametrize("how", ["error", "killed", "not forked"])
def test_a_report_process_that_fails_costs_only_time(portfolio, monkeypatch, how):
    """A forked report process that raises or is killed, or a fork refused (a process limit):
    this process renders its range."""
    import io

    from idm.engine.report import parts
    from idm.engine.report.options import ReportOptions
    expected = _report(portfolio, "json", jobs=1)
    monkeypatch.setattr(parts, "MIN_PART", 10)
    me = os.getpid()
    real = json_report.initiative_dict

    def initiative_dict(*args):
        if os.getpid() != me:
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("a report process failed")
        return real(*args)
    monkeypatch.setattr(json_report, "initiative_dict", initiative_dict)
    result = check(portfolio, default_ruleset(), DATE, jobs=2, spool_after=0)
    if how == "not forked":
        def fork():
            raise BlockingIOError(11, "Resource temporarily unavailable")
        monkeypatch.setattr(os, "fork", fork)
    out = io.StringIO()
    json_report.write(result, out, "en", ReportOptions(jobs=2))
    assert out.getvalue() == expected


def test_ranges_cover_the_initiatives_in_order():
    from idm.engine.report.parts import MIN_PART, ranges
    assert ranges(0, 4) == [(0, 0)]
    assert ranges(MIN_PART * 2 - 1, 2) == [(0, MIN_PART * 2 - 1)]      # too few for two
    for n, jobs in ((MIN_PART * 2, 2), (10_000, 2), (10_001, 3), (10_000, 64)):
        got = ranges(n, jobs)
        assert got[0][0] == 0 and got[-1][1] == n and len(got) <= jobs
        assert all(a[1] == b[0] for a, b in zip(got, got[1:]))
        assert all(b - a >= MIN_PART for a, b in got)


@pytest.mark.skipif(not fork_available(), reason="join processes need fork")
@pytest.mark.parametrize("jobs,how", [(2, None), (3, None), (2, "error"), (2, "killed")])
def test_pair_joins_shared_out_over_processes_find_the_same(portfolio, monkeypatch, jobs, how):
    """Each (pair rule, bucket) join may run in another process; the findings, their order and
    the counts are the same, also when such a process fails (its joins are then done here)."""
    from idm.engine.check import collect
    from idm.engine.check.portfolio import PortfolioInputs
    expected = check(portfolio, default_ruleset(), DATE, jobs=1)
    monkeypatch.setattr(collect, "PARALLEL_JOINS", 10)
    me = os.getpid()
    real = PortfolioInputs.matches

    def matches(self, *args, **kw):
        if how and os.getpid() != me:
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("a join process failed")
        return real(self, *args, **kw)
    monkeypatch.setattr(PortfolioInputs, "matches", matches)
    calls = []
    monkeypatch.setattr(collect, "Forked", lambda work: calls.append(1) or Forked(work))
    got = check(portfolio, default_ruleset(), DATE, jobs=jobs, spool_after=0)
    assert len(calls) == jobs - 1
    assert json_report.render(got) == json_report.render(expected)
    assert (got.summary(), got.exit_code()) == (expected.summary(), expected.exit_code())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_finding_line_is_its_json_dictionary_encoded(portfolio, lang):
    """The JSON report writes each finding from a per-rule start of line: the text is what
    encoding the finding's dictionary gives, waived, baselined and odd values included."""
    import json

    from idm.engine.model import Finding, Message, Severity, Waiver
    result = check(portfolio, default_ruleset(), DATE)
    findings = [f for r in result.initiatives for f in r.findings]
    known = frozenset(f.baseline_key() for f in findings[::3])
    findings += [f for r in check(portfolio, default_ruleset(), DATE, baseline=known).initiatives
                 for f in r.findings if f.baselined]
    odd = Message({"en": 'say "\u00e9\n\t\u2028" \\ {value}', "nl": "z\u00e9g {value}"},
                  [("value", "x\x00\x1f\u2603")])
    findings += [
        Finding("X-1", Severity.info, "c\u00e9", 'd"', odd, "", "", None, None),
        Finding("X-1", Severity.info, "c\u00e9", 'd"', odd, "a[0].b", "f\u00e9.yaml", 0, 7,
                "INI-\u00e9", Waiver("w\n", "me", "2026-01-01", 3), True)]
    assert any(f.waived for f in findings) and any(f.baselined for f in findings)
    encode, heads = json_report._encoder(), {}
    for f in findings:
        text = json_report._finding_text(f, lang, encode, heads)
        assert text == encode(json_report.finding_dict(f, lang))
        assert json.loads(text) == json_report.finding_dict(f, lang)
