"""One total per run, worded alike in the text and Markdown reports, the GitHub notice, the HTML
report, the dashboard and the dossier, with the JSON report's counts."""
from __future__ import annotations

import html
import json
import re

import pytest

from idm.engine.check.run import check
from idm.engine.pack.rulepack import load_ruleset_collecting
from idm.engine.report import dossier
from idm.engine.report import html as html_report
from idm.engine.report import render as render_report

DATE = "2026-11-22"


@pytest.fixture(scope="module")
def ruleset():
    rs, problems = load_ruleset_collecting(None)
    assert not problems
    return rs


def _text(page: str) -> str:
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"(?s)<[^>]*>", " ", page)))


@pytest.mark.parametrize("lang,total", [
    ("en", "13 initiatives, 76 findings (11 errors, 62 warnings, 2 info), 1 waived, "
           "0 input errors"),
    ("nl", "13 initiatieven, 76 bevindingen (11 fouten, 62 waarschuwingen, 2 info), "
           "1 uitgezonderd, 0 invoerfouten"),
])
def test_every_report_of_a_run_says_the_same_total(ruleset, lang, total):
    result = check(["examples"], ruleset, DATE)
    summary = json.loads(render_report(result, "json", lang))["summary"]
    assert (summary["initiatives"], summary["findings"], summary["waived"]) == (13, 76, 1)
    assert summary["by_severity"] == {"error": 11, "warning": 62, "info": 2}
    assert total in render_report(result, "text", lang)
    assert total in render_report(result, "markdown", lang)
    assert total in render_report(result, "github", lang)
    assert total in _text(render_report(result, "html", lang))
    assert total in _text(html_report.render_portfolio(result, lang))


def test_the_dossier_says_its_run_total_in_the_same_words(ruleset):
    one = check(["examples/with-findings.yaml"], ruleset, DATE)
    total = "1 initiatief, 26 bevindingen (5 fouten, 21 waarschuwingen, 0 info), " \
            "0 uitgezonderd, 0 invoerfouten"
    assert total in _text(dossier.render(one, ruleset, "nl", "html"))
    assert total in dossier.render(one, ruleset, "nl", "markdown")
