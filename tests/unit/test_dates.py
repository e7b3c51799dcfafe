"""Dates are exactly YYYY-MM-DD on every Python version (issue 27, item 24)."""
from __future__ import annotations

import datetime
import os

import pytest

from idm import cli
from idm.engine.dates import is_date, parse_date
from tests.cli_streams import captured

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLEAN = os.path.join(ROOT, "examples", "clean.yaml")
# Forms Python 3.11's date.fromisoformat reads and 3.10's does not, and plain mistakes.
NOT_DATES = ["20991231", "2099-W01-1", "2099W011", "2099-365", "2099-12-31T00:00",
             "2099-1-31", " 2099-12-31", "2099-12-31 ", "２０９９-12-31", "2099-02-30", ""]


@pytest.mark.parametrize("text", NOT_DATES)
def test_only_yyyy_mm_dd_is_a_date(text):
    assert not is_date(text)
    with pytest.raises(ValueError):
        parse_date(text)


def test_a_date():
    assert parse_date("2024-02-29") == datetime.date(2024, 2, 29)


@pytest.mark.parametrize("args", [["check", CLEAN, "--date"], ["dossier", CLEAN, "--date"],
                                  ["history", "prune", "--db", "x.sqlite", "--before"]])
@pytest.mark.parametrize("text", ["20991231", "2099-W01-1"])
def test_options_refuse_other_iso_forms(args, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with captured() as (out, err):
        code = cli.run(args + [text])
        said = err.getvalue().decode()   # Click < 8.2 closes the streams with the block
    assert code == 2
    assert "%r is not a date YYYY-MM-DD" % text in said
    assert not os.path.exists(tmp_path / "x.sqlite")
