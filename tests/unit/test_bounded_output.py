"""A long value quoted in messages is cut, so one input cannot multiply its size into every
finding of every report (issue 27, item 23)."""
from __future__ import annotations

import json
import os

import pytest

from idm import cli
from idm.engine.model import QUOTE_LIMIT
from tests.cli_streams import captured

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AI = os.path.join(ROOT, "examples", "v1.1", "ai-risicomodel-bijstand.yaml")
LONG = 200_000


@pytest.fixture(scope="module")
def long_name(tmp_path_factory) -> str:
    """The example with an AI system whose name is 200,000 characters: rules quote it."""
    text = open(AI, encoding="utf-8").read()
    text = text.replace("  - name: Risicomodel bijstand\n", "  - name: %s\n" % ("z" * LONG), 1)
    assert "z" * LONG in text
    path = tmp_path_factory.mktemp("long") / "ai.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(args):
    with captured() as (out, err):
        code = cli.run(args)
    return code, out.getvalue().decode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "markdown", "github"])
def test_reports_do_not_repeat_a_long_value(long_name, fmt):
    code, out = run(["check", long_name, "--date", "2026-11-22", "--jobs", "1", "--format", fmt])
    assert code == 1
    assert "z" * (QUOTE_LIMIT + 1) not in out
    assert len(out.encode("utf-8")) < 150_000   # less than the input: nothing repeats it


def test_html_shows_the_value_a_fixed_number_of_times(long_name):
    code, out = run(["check", long_name, "--date", "2026-11-22", "--jobs", "1", "--format",
                     "html"])
    assert out.count("z" * LONG) <= 3   # the AI register and the initiative, not every finding
    assert len(out) < 4 * LONG + 500_000


@pytest.mark.parametrize("lang, note", [("en", "\u2026 (199,700 more characters)"),
                                        ("nl", "\u2026 (nog 199.700 tekens)")])
def test_the_cut_is_said(long_name, lang, note):
    code, out = run(["check", long_name, "--date", "2026-11-22", "--jobs", "1", "--format",
                     "json", "--lang", lang])
    messages = [f["message"] for i in json.loads(out)["initiatives"] for f in i["findings"]
                if f["rule"] == "LEG-016"]
    assert messages and messages[0].count("z") == QUOTE_LIMIT and note in messages[0]
