"""The Python API (docs/api.md): its example runs as written, and a command called from Python
says and writes what the command line does."""
from __future__ import annotations

import os
import re

from tests.cli_streams import captured

from idm import cli
from idm.engine.app import ExceptionsOptions, LintOptions, exceptions, rules_lint

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_example_of_docs_api_runs(monkeypatch, capsys):
    with open(os.path.join(ROOT, "docs", "api.md"), encoding="utf-8") as fh:
        blocks = re.findall(r"```python\n(.*?)```", fh.read(), re.S)
    assert len(blocks) == 1
    monkeypatch.chdir(ROOT)
    exec(compile(blocks[0], "docs/api.md", "exec"), {})
    assert re.fullmatch(r"\d+ errors, first [A-Z]+-\d{3}\n", capsys.readouterr().out)


def _cli(*args: str):
    with captured() as (out, err):
        code = cli.run(list(args))
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def test_a_command_from_python_says_what_the_command_line_says(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = _cli("exceptions", "examples/", "--format", "csv", "--date", "2026-11-22")
    result = exceptions(ExceptionsOptions(["examples/"], fmt="csv", date="2026-11-22"))
    assert (result.exit_code, result.stdout, result.stderr) == (code, out, err)
    assert result.entries and code == 0


def test_an_unusable_input_is_exit_code_2_and_one_line_never_an_exception(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [\n", "utf-8")
    result = rules_lint(LintOptions([str(bad)]))
    assert result.exit_code == 2
    assert result.stderr.startswith(str(bad))
