"""The command line's own words follow --lang, also where no command has started to speak:
an interrupt, and Click's framing of an idm message (English stays byte-identical)."""
from __future__ import annotations

import importlib

import pytest

from idm import cli
from tests.cli_streams import captured


def _run(args):
    with captured() as (out, err):
        code = cli.run(args)
        return code, err.getvalue().decode("utf-8")


@pytest.mark.parametrize("lang, said", [("nl", "onderbroken\n"), ("en", "interrupted\n")])
def test_an_interrupt_is_reported_in_the_language_given(monkeypatch, lang, said):
    def interrupted(options):
        raise KeyboardInterrupt
    monkeypatch.setattr(importlib.import_module("idm.engine.app.check"), "check", interrupted)
    code, err = _run(["check", "examples/clean.yaml", "--lang", lang])
    assert (code, err.strip()) == (130, said.strip())   # Click starts a new line first


def test_a_bad_date_is_named_in_dutch_and_in_english():
    code, err = _run(["check", "examples/clean.yaml", "--date", "2026-02-30", "--lang=nl"])
    assert code == 2 and "'2026-02-30' is geen datum JJJJ-MM-DD" in err
    code, err = _run(["check", "examples/clean.yaml", "--date", "2026-02-30"])
    assert code == 2 and "'2026-02-30' is not a date YYYY-MM-DD" in err


def test_a_bad_report_value_is_named_in_dutch():
    code, err = _run(["check", "examples/clean.yaml", "--report", "pdf:x.pdf", "--lang", "nl"])
    assert code == 2
    assert "'pdf:x.pdf': verwacht FORMAAT:BESTAND met FORMAAT een van text, json" in err
