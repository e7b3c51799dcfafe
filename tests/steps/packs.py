"""Steps for packs that travel (features/packs): archives of a pack folder, a private pack cache,
and what the JSON report says about overrides."""
from __future__ import annotations

import json
import tarfile

import pytest
from pytest_bdd import given, parsers, then

from .world import World


@pytest.fixture(autouse=True)
def _private_pack_cache(tmp_path, monkeypatch):
    """Every scenario has its own empty pack cache ($XDG_CACHE_HOME), never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".cache"))


@given(parsers.parse('a tarball "{name}" of the folder "{folder}"'))
def a_tarball(workdir, name: str, folder: str) -> None:
    path = workdir / name
    if path.exists():
        path.unlink()
    with tarfile.open(path, "w:gz") as t:
        t.add(str(workdir / folder), arcname=name.split(".tar")[0])


@then(parsers.parse('the JSON report has finding {rule} with severity {severity} instead of '
                    '{default}'))
def json_overridden(world: World, rule: str, severity: str, default: str) -> None:
    report = json.loads(world.stdout)
    found = [f for i in report["initiatives"] for f in i["findings"] if f["rule"] == rule]
    assert found and all(f["severity"] == severity and f["severity_default"] == default
                         for f in found), found


@then(parsers.parse('the JSON report lists the override of {rule} with reason "{reason}"'))
def json_override(world: World, rule: str, reason: str) -> None:
    overrides = {o["rule"]: o for o in json.loads(world.stdout)["overrides"]}
    assert overrides[rule]["reason"] == reason, overrides


@then(parsers.parse('the JSON report has a portfolio finding {rule} at "{path}" of severity '
                    '{severity}'))
def json_portfolio_finding(world: World, rule: str, path: str, severity: str) -> None:
    found = [(f["rule"], f["path"], f["severity"])
             for f in json.loads(world.stdout)["portfolio_findings"]]
    assert (rule, path, severity) in found, found


@given(parsers.parse('a tarball "{name}" whose member "{member}" is a {kind}'))
def a_hostile_tarball(workdir, name: str, member: str, kind: str) -> None:
    import io
    with tarfile.open(workdir / name, "w:gz") as t:
        info = tarfile.TarInfo(member)
        data = b"kind: Pack\n"
        if kind == "symbolic link":
            info.type, info.linkname, data = tarfile.SYMTYPE, "/etc/passwd", b""
        info.size = len(data)
        t.addfile(info, io.BytesIO(data) if data else None)
