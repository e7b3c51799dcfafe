"""The options the commands share are defined once and honoured by every command that has them."""
from __future__ import annotations

import os

import click
import pytest

from idm import cli

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "examples", "clean.yaml")


def _commands():
    out = {}
    for name, command in cli.main.commands.items():
        if isinstance(command, click.Group):
            out.update({"%s %s" % (name, sub): c for sub, c in command.commands.items()})
        else:
            out[name] = command
    return out


def _options(command):
    return {opt for p in command.params for opt in getattr(p, "opts", ())}


LIMITS = {"--max-file-size", "--max-values", "--max-depth"}


@pytest.mark.parametrize("name", ["check", "baseline create", "report", "explain"])
def test_commands_that_read_initiatives_share_rules_date_lang_and_limits(name):
    assert {"--rules", "--date", "--lang"} | LIMITS <= _options(_commands()[name])


@pytest.mark.parametrize("name", ["check", "baseline create", "report"])
def test_commands_that_check_many_files_take_jobs(name):
    assert "--jobs" in _options(_commands()[name])


def test_format_choices_are_the_reporter_registry():
    from idm.engine.report import FORMATS, REPORTERS, reporter
    fmt = next(p for p in _commands()["check"].params if p.name == "fmt")
    assert tuple(fmt.type.choices) == FORMATS == tuple(REPORTERS)
    for name in FORMATS:   # every registered format is a Reporter: render and write
        r = reporter(name)
        assert callable(r.render) and callable(r.write), name


@pytest.mark.parametrize("args", [
    ["baseline", "create", EXAMPLE, "--output", "b.json"],
    ["report", EXAMPLE, "--jobs", "1"],
    ["check", EXAMPLE, "--jobs", "1"],
    ["explain", "BUS-001", "--initiative", EXAMPLE],
])
def test_every_command_honours_the_input_limits(args, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = cli.run(args + ["--date", "2026-11-22", "--max-file-size", "100"])
    err = capsys.readouterr().err
    assert code == 2 and "larger than the limit of 100 bytes" in err, err
    assert not (tmp_path / "b.json").exists()
