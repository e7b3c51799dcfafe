"""Text copied from a board page (or from its printed PDF) has no soft hyphen: where a short
label may break is written as <wbr>, not as U+00AD (tests/test_browser.py checks the PDF)."""
from __future__ import annotations

import pytest

from idm.engine.check.run import check
from idm.engine.i18n import LANGS
from idm.engine.pack.rulepack import load_ruleset_collecting
from idm.engine.report import dossier
from idm.engine.report import html as html_report

DATE = "2026-11-22"


@pytest.fixture(scope="module")
def ruleset():
    rs, problems = load_ruleset_collecting(None)
    assert not problems
    return rs


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_carries_a_soft_hyphen(ruleset, lang):
    result = check(["examples/portfolio"], ruleset, DATE)
    pages = [html_report.render(result, lang), html_report.render_portfolio(result, lang),
             dossier.render(check(["examples/with-findings.yaml"], ruleset, DATE), ruleset,
                            lang, "html")]
    for page in pages:
        assert "\u00ad" not in page and "&shy;" not in page
    # the narrow headings still say where they may break
    assert "<wbr>" in pages[1]


def test_an_initiative_that_writes_pages_of_text_is_shown_short(ruleset, tmp_path):
    """Forty goals of 5,000 characters each: the seven W's show twelve, each cut at 300
    characters, and count the rest, so the initiative prints on a page or two."""
    import yaml

    from tests.steps.world import initiative
    doc = initiative({"direction": {"goals": [
        {"id": "G%d" % i, "description": ("Doel %d " % i) + "lange uitleg " * 400}
        for i in range(40)]}})
    (tmp_path / "long.yaml").write_text(yaml.safe_dump(doc), "utf-8")
    result = check([str(tmp_path / "long.yaml")], ruleset, DATE)
    page = html_report.render(result, "nl")
    assert page.count("<li>Doel ") == 12
    assert "<li>en nog 28</li>" in page and page.count(" tekens)</li>") == 12
    assert len(page) < 200_000
