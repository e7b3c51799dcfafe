"""Steps that run the idm command line in-process on real files (features/*.feature)."""
from __future__ import annotations

import json
import os
import shlex

import pytest
from tests.cli_streams import captured
from pytest_bdd import given, parsers, then, when

from idm import cli

from .world import World


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@given(parsers.parse('a file "{name}" with:'))
def a_file(world: World, workdir, name: str, docstring: str) -> None:
    path = workdir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(docstring + "\n", "utf-8")


@given(parsers.parse('the example initiatives in "{folder}"'))
def the_examples(workdir, folder: str) -> None:
    import shutil
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    shutil.copytree(os.path.join(root, "examples"), workdir / folder)


@when(parsers.parse('I run "{command}"'))
def run_command(world: World, workdir, command: str) -> None:
    args = shlex.split(command)
    assert args[0] == "idm"
    with captured() as (out, err):
        code = cli.run(args[1:])
        world.stdout = out.getvalue().decode("utf-8")
        world.stderr = err.getvalue().decode("utf-8")
    world.exit_code = code


@when(parsers.parse('I run "{command}" in "{folder}"'))
def run_command_in(world: World, workdir, monkeypatch, command: str, folder: str) -> None:
    (workdir / folder).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(workdir / folder)
    run_command(world, workdir, command)


@then(parsers.parse("the exit code is {code:d}"))
def exit_code_is(world: World, code: int) -> None:
    assert world.exit_code == code, "exit %s\nstdout:\n%s\nstderr:\n%s" % (
        world.exit_code, world.stdout, world.stderr)


@then("stderr is exactly:")
def stderr_exactly(world: World, docstring: str) -> None:
    assert world.stderr == docstring + "\n", world.stderr


@then(parsers.parse('stderr contains "{text}"'))
def stderr_contains(world: World, text: str) -> None:
    assert text in world.stderr, world.stderr


@then(parsers.parse('stderr does not contain "{text}"'))
def stderr_lacks(world: World, text: str) -> None:
    assert text not in world.stderr, world.stderr


@then(parsers.parse('stdout contains "{text}"'))
def stdout_contains(world: World, text: str) -> None:
    assert text in world.stdout, world.stdout


@then(parsers.parse('stdout does not contain "{text}"'))
def stdout_lacks(world: World, text: str) -> None:
    assert text not in world.stdout, world.stdout


def _gfm(text: str) -> str:
    """`text` as GitHub renders Markdown (cmarkgfm: GitHub's cmark), raw HTML let through so a
    step sees any that idm let through."""
    import cmarkgfm
    from cmarkgfm.cmark import Options
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


@then(parsers.parse('stdout rendered by GitHub contains "{text}" {count:d} times'))
def gfm_count(world: World, text: str, count: int) -> None:
    html = _gfm(world.stdout)
    assert html.count(text) == count, html


@then(parsers.parse('stdout rendered by GitHub contains "{text}"'))
def gfm_has(world: World, text: str) -> None:
    html = _gfm(world.stdout)
    assert text in html, html


@then(parsers.parse('stdout rendered by GitHub does not contain "{text}"'))
def gfm_lacks(world: World, text: str) -> None:
    html = _gfm(world.stdout)
    assert text not in html, html


@then("there is no traceback")
def no_traceback(world: World) -> None:
    assert "Traceback" not in world.stderr + world.stdout


def _all_findings(report: dict) -> list:
    """The findings of the initiatives and of the run (portfolio_findings: portfolio rules and
    the board's decisions) of a JSON report."""
    return [f for i in report["initiatives"] for f in i["findings"]] + \
        list(report.get("portfolio_findings") or [])


@then(parsers.parse('the JSON report has finding {rule} at "{path}" in "{file}"'))
def json_finding(world: World, rule: str, path: str, file: str) -> None:
    found = [(f["rule"], f["path"], f["file"]) for f in _all_findings(json.loads(world.stdout))]
    assert (rule, path, file) in found, found


@then(parsers.parse('the JSON report has no finding {rule}'))
def json_no_finding(world: World, rule: str) -> None:
    found = [f["path"] for f in _all_findings(json.loads(world.stdout)) if f["rule"] == rule]
    assert not found, found


@then(parsers.parse('"{file}" has no finding {rule} in the JSON report'))
def json_no_finding_in(world: World, file: str, rule: str) -> None:
    report = json.loads(world.stdout)
    found = [f["path"] for i in report["initiatives"] for f in i["findings"]
             if f["rule"] == rule and f["file"] == file]
    assert not found, found


@then(parsers.parse('the JSON coverage of "{ident}" for {domain} is {state}'))
def json_coverage(world: World, ident: str, domain: str, state: str) -> None:
    report = json.loads(world.stdout)
    cov = {i["id"]: i["coverage"] for i in report["initiatives"]}[ident][domain]
    assert cov["covered"] == (state == "covered"), cov


@then(parsers.parse('the files "{a}" and "{b}" are identical'))
def files_identical(workdir, a: str, b: str) -> None:
    assert (workdir / a).read_bytes() == (workdir / b).read_bytes()


@then(parsers.parse('the JSON report lists the initiatives "{ids}"'))
def json_initiatives(world: World, ids: str) -> None:
    report = json.loads(world.stdout)
    assert [i["id"] for i in report["initiatives"]] == [x.strip() for x in ids.split(",")]


# ---- hostile input (features/robustness/hostile.feature) ----

@given(parsers.parse('a file "{name}" made by "{generator}"'))
def a_generated_file(workdir, name: str, generator: str) -> None:
    from tests.fixtures.hostile.generators import GENERATORS
    path = workdir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(GENERATORS[generator]())


@given(parsers.parse('a symbolic link "{name}" to "{target}"'))
def a_symlink(workdir, name: str, target: str) -> None:
    (workdir / name).symlink_to(target)


@given(parsers.parse('the file "{name}" is writable by others'))
def writable_by_others(workdir: Path, name: str) -> None:
    (workdir / name).chmod(0o646)


@given(parsers.parse('reading "{name}" is refused by the operating system'))
def unreadable(workdir, monkeypatch, name: str) -> None:
    # Tests run as root, where chmod 000 blocks nothing: make os.open refuse that file instead.
    target = os.path.realpath(workdir / name)
    real_open = os.open

    def refusing_open(file, *args, **kwargs):
        if isinstance(file, str) and os.path.realpath(file) == target:
            raise PermissionError(13, "Permission denied", file)
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr(os, "open", refusing_open)


@given(parsers.parse('"{name}" is deleted after the inputs are listed'))
def deleted_after_listing(workdir, monkeypatch, name: str) -> None:
    import idm.engine.inputs.discovery
    listed = idm.engine.inputs.discovery.expand_inputs

    def list_then_delete(paths):
        out = listed(paths)
        os.unlink(workdir / name)
        return out
    monkeypatch.setattr(idm.engine.inputs.discovery, "expand_inputs", list_then_delete)


@then(parsers.parse('the file "{name}" does not exist'))
def file_absent(workdir, name: str) -> None:
    assert not (workdir / name).exists()


# ---- HTML reports (features/reports/html.feature) ----

@then(parsers.parse('the file "{name}" contains "{text}"'))
def file_contains(workdir, name: str, text: str) -> None:
    assert text in (workdir / name).read_text("utf-8")


@then(parsers.parse('the file "{name}" does not contain "{text}"'))
def file_lacks(workdir, name: str, text: str) -> None:
    assert text not in (workdir / name).read_text("utf-8")


# ---- reliability and security, round two (features/engine/safety.feature) ----

@given(parsers.parse('a FIFO "{name}"'))
def a_fifo(workdir, name: str) -> None:
    path = workdir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
