"""Steps for the CI gate (features/ci): reports read back with real parsers, baselines, git."""
from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
from pytest_bdd import given, parsers, then

from .world import World

SCHEMA = Path(__file__).resolve().parent.parent / "fixtures" / "sarif-schema-2.1.0.json"
GIT = ["git", "-c", "user.name=idm tests", "-c", "user.email=idm-tests@example.invalid",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
# `::error file=F,line=L,col=C,title=T::message`, properties optional (actions/toolkit command.ts).
WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::.+$")


def _report(world: World, workdir: Path, source: str) -> str:
    """The text of `stdout` or of `file "NAME"`."""
    if source == "stdout":
        return world.stdout
    name = re.fullmatch(r'file "(.+)"', source)
    assert name, "expected stdout or file \"NAME\", got %r" % source
    return (workdir / name.group(1)).read_text("utf-8")


def _git(workdir: Path, *args: str) -> None:
    subprocess.run(GIT + list(args), cwd=workdir, check=True, capture_output=True)


def _sarif_results(world: World, workdir: Path, source: str) -> list:
    return json.loads(_report(world, workdir, source))["runs"][0]["results"]


def _junit(world: World, workdir: Path, source: str) -> ET.Element:
    return ET.fromstring(_report(world, workdir, source).encode("utf-8"))


@then(parsers.parse("the SARIF report on {source} validates against the SARIF 2.1.0 schema"))
def sarif_valid(world: World, workdir: Path, source: str) -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    log = json.loads(_report(world, workdir, source))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])


@then(parsers.parse("the SARIF report on {source} has {count:d} results, {suppressed:d} of them "
                    "suppressed"))
def sarif_counts(world: World, workdir: Path, source: str, count: int, suppressed: int) -> None:
    results = _sarif_results(world, workdir, source)
    assert (len(results), sum(1 for r in results if r.get("suppressions"))) == (count, suppressed)


@then(parsers.parse('the SARIF report on {source} has {count:d} results of level "{level}"'))
def sarif_level_count(world: World, workdir: Path, source: str, count: int, level: str) -> None:
    results = _sarif_results(world, workdir, source)
    assert sum(1 for r in results if r["level"] == level) == count


@then(parsers.parse("stdout has at most {count:d} characters"))
def stdout_at_most(world: World, count: int) -> None:
    assert len(world.stdout) <= count, len(world.stdout)


@then(parsers.parse("stdout has {count:d} lines"))
def stdout_lines(world: World, count: int) -> None:
    assert len(world.stdout.splitlines()) == count, world.stdout


@then(parsers.parse('the SARIF report on {source} has baselineState "{state}" for every result'))
def sarif_all_baseline_state(world: World, workdir: Path, source: str, state: str) -> None:
    states = {r.get("baselineState") for r in _sarif_results(world, workdir, source)}
    assert states == {state}, states


@then(parsers.parse('the SARIF report on {source} has baselineState "{state}" for {rule} of '
                    '"{initiative}"'))
def sarif_baseline_state(world: World, workdir: Path, source: str, state: str, rule: str,
                         initiative: str) -> None:
    found = [r.get("baselineState") for r in _sarif_results(world, workdir, source)
             if r["ruleId"] == rule and r["properties"].get("initiative") == initiative]
    assert found == [state], found


@then(parsers.parse("the SARIF report on {source} has no baselineState"))
def sarif_no_baseline_state(world: World, workdir: Path, source: str) -> None:
    assert not [r for r in _sarif_results(world, workdir, source) if "baselineState" in r]


@then(parsers.parse("the JUnit report on {source} has {suites:d} testsuites whose counts add up"))
def junit_counts(world: World, workdir: Path, source: str, suites: int) -> None:
    root = _junit(world, workdir, source)
    assert root.tag == "testsuites"
    assert len(root.findall("testsuite")) == suites
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counted = {"tests": len(cases),
                   "failures": sum(1 for c in cases if c.find("failure") is not None),
                   "errors": sum(1 for c in cases if c.find("error") is not None),
                   "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
        assert {k: int(suite.get(k)) for k in counted} == counted, suite.get("name")
        for k in totals:
            totals[k] += counted[k]
    # <testsuites> carries no `skipped` (junit-10.xsd): the other totals add up.
    assert root.get("skipped") is None
    del totals["skipped"]
    assert {k: int(root.get(k)) for k in totals} == totals


@then(parsers.parse("the JUnit report on {source} has {failures:d} failing testcases"))
def junit_failures(world: World, workdir: Path, source: str, failures: int) -> None:
    assert int(_junit(world, workdir, source).get("failures")) == failures


@then("every line on stdout is a GitHub workflow command")
def github_lines(world: World) -> None:
    lines = world.stdout.splitlines()
    assert lines
    bad = [line for line in lines if not WORKFLOW_COMMAND.match(line)]
    assert not bad, bad


@then(parsers.parse('the JSON report has finding {rule} at "{path}" of "{initiative}" {state}'))
def json_finding_state(world: World, rule: str, path: str, initiative: str, state: str) -> None:
    assert state in ("baselined", "new", "waived", "not waived"), state
    report = json.loads(world.stdout)
    key = "waived" if "waived" in state else "baselined"
    found = [f[key] for i in report["initiatives"] if i["id"] == initiative
             for f in i["findings"] if f["rule"] == rule and f["path"] == path]
    assert found == [state in ("baselined", "waived")], found


@then(parsers.parse("every finding in the JSON report is {state}"))
def json_all_state(world: World, state: str) -> None:
    report = json.loads(world.stdout)
    findings = [f for i in report["initiatives"] for f in i["findings"]]
    findings += report["portfolio_findings"]
    assert findings and {f["baselined"] for f in findings} == {state == "baselined"}


@given(parsers.parse('{count:d} comment lines are added at the top of "{name}"'))
def lines_on_top(workdir: Path, count: int, name: str) -> None:
    path = workdir / name
    path.write_text("# moved\n" * count + path.read_text("utf-8"), "utf-8")


@given("a git repository with everything committed")
def git_repository(workdir: Path) -> None:
    _git(workdir, "init", "-q")
    _git(workdir, "add", "-A")
    _git(workdir, "commit", "-q", "-m", "initial")


@given(parsers.parse('a git repository in "{folder}" with everything committed'))
def git_repository_in(workdir: Path, folder: str) -> None:
    where = workdir / folder
    _git(where, "init", "-q")
    _git(where, "add", "-A")
    _git(where, "commit", "-q", "-m", "initial")


@given("the changes are committed")
def git_commit(workdir: Path) -> None:
    _git(workdir, "add", "-A")
    _git(workdir, "commit", "-q", "-m", "change")


@given(parsers.parse('"{name}" is edited'))
def edit_file(workdir: Path, name: str) -> None:
    path = workdir / name
    path.write_text(path.read_text("utf-8") + "# edited\n", "utf-8")
