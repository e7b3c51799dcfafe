"""The integration files parse and say what docs/ci/README.md promises (issue 5)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import yaml

from tests.regenerate_golden import EXPECTED

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    return yaml.safe_load((ROOT / name).read_text("utf-8"))


def test_pre_commit_hook_checks_the_whole_portfolio():
    [hook] = _load(".pre-commit-hooks.yaml")
    assert (hook["id"], hook["entry"], hook["language"]) == ("idm", "idm check", "python")
    # The whole configured portfolio every time, never only the staged files.
    assert hook["pass_filenames"] is False and hook["require_serial"] is True
    assert "args" not in hook   # without args: the paths of .idm.yaml
    pattern = re.compile(hook["files"])
    exclude = re.compile(hook["exclude"])
    picked = [p for p in ("initiatives/a.yaml", "b.yml", "c.json", "README.md", ".idm.yaml",
                          "sub/.idm.yaml", ".pre-commit-config.yaml", ".github/workflows/ci.yml",
                          ".idm.yaml.bak")
              if pattern.search(p) and not exclude.search(p)]
    assert picked == ["initiatives/a.yaml", "b.yml", "c.json", ".idm.yaml", "sub/.idm.yaml"]


def test_the_documented_hook_example_has_four_lines_and_parses():
    text = (ROOT / "docs" / "ci" / "README.md").read_text("utf-8")
    example = re.search(r"```yaml\n(    hooks:\n(?:.*\n){3}) *```", text)
    assert example, "docs/ci/README.md lacks the four-line hook example"
    lines = example.group(1).splitlines()
    assert len(lines) == 4
    [hook] = yaml.safe_load("\n".join(lines))["hooks"]
    assert hook["args"] == ["initiatives/"]
    assert re.search(hook["files"], "initiatives/a.yaml")
    assert not re.search(hook["files"], "mkdocs.yml")


def test_action_is_composite_and_uploads_sarif_always():
    action = _load("action.yml")
    assert set(action["inputs"]) >= {"paths", "rules", "fail-on", "sarif-file"}
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert any("idm check" in s.get("run", "") and "--report \"sarif:$IDM_SARIF\"" in s["run"]
               for s in steps)
    upload = steps[-1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"].startswith("always()")
    # Inputs reach the shell through env only (no ${{ }} inside run: scripts).
    assert not [s for s in steps if "${{" in s.get("run", "")]


def test_action_leaves_unset_inputs_to_the_project_file():
    action = _load("action.yml")
    assert {k: action["inputs"][k]["default"] for k in ("config", "paths", "rules", "fail-on")} \
        == dict.fromkeys(("config", "paths", "rules", "fail-on"), "")
    script = next(s["run"] for s in action["runs"]["steps"] if "idm check" in s.get("run", ""))
    assert 'options+=(--config "$IDM_CONFIG")' in script
    assert 'if [ -n "$IDM_FAIL_ON" ]' in script


def test_example_project_file_is_valid():
    from idm.engine.inputs.config import load_config
    config, problems = load_config(str(ROOT / "docs" / "ci" / "idm.yaml"))
    assert problems == [] and config.get("fail-on") == "error"
    assert config.get("paths") == [os.path.relpath(ROOT / "docs" / "ci" / "initiatives")]


def test_example_workflows():
    assert _load("docs/ci/gitlab-ci.yml")["idm"]["artifacts"]["reports"]["junit"] == \
        "idm-junit.xml"
    azure = _load("docs/ci/azure-pipelines.yml")["steps"]
    publish = [s for s in azure if s.get("task", "").startswith("PublishTestResults@")]
    assert publish[0]["inputs"]["testResultsFormat"] == "JUnit"
    github = _load("docs/ci/github.yml")
    assert github["permissions"]["security-events"] == "write"


def test_readme_documents_every_exit_code():
    text = (ROOT / "docs" / "ci" / "README.md").read_text("utf-8")
    assert [m for m in re.findall(r"^\| ([0-9]) \|", text, re.M)] == ["0", "1", "2"]


def test_golden_sarif_validates_against_the_schema():
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    log = json.loads((EXPECTED / "examples.sarif").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_action_refuses_a_symbolic_link_at_the_sarif_path(tmp_path):
    import subprocess
    import sys
    action = _load("action.yml")
    script = next(s["run"] for s in action["runs"]["steps"] if "idm check" in s.get("run", ""))
    work = tmp_path / "checkout"
    work.mkdir()
    (work / "idm.sarif").symlink_to(tmp_path / "runner-file")
    env = dict(os.environ, IDM_SARIF="idm.sarif", IDM_PATHS=str(ROOT / "examples" / "clean.yaml"),
               IDM_CONFIG="", IDM_RULES="", IDM_FAIL_ON="", RUNNER_TEMP=str(tmp_path),
               GITHUB_STEP_SUMMARY=str(tmp_path / "summary"),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    out = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 2, out.stderr
    assert out.stderr == "idm: the sarif-file path is a symbolic link; idm does not write " \
                         "through it\n"
    assert not (tmp_path / "runner-file").exists()
