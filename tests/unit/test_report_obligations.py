"""The HTML reports show the format v1.1 fields: AI systems and records under design (Inrichten),
channels and procurements under operations (Verrichten), and the dashboard's AI register and
channels views."""
from __future__ import annotations

import pytest

from idm.engine.report import html as html_report
from idm.engine.pack.rulepack import load_ruleset
from idm.engine.check.run import check

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extra")

V11 = ["examples/v1.1"]


@pytest.fixture(scope="module")
def result():
    return check(V11, load_ruleset(), "2027-12-15")


def _root(text: str):
    return html5lib.parse(text, namespaceHTMLElements=False)


def _text(el) -> str:
    return " ".join(" ".join(el.itertext()).split())


def _rows(root, table_id: str):
    table = next(e for e in root.iter("table") if e.get("id") == table_id)
    return [tr for tr in table.iter("tr") if tr.find("td") is not None]


def test_dashboard_ai_register_lists_every_ai_system(result):
    root = _root(html_report.render_portfolio(result, "en"))
    rows = _rows(root, "ai-register")
    assert [tr.get("data-risk") for tr in rows] == ["high", "prohibited", "none", "minimal"]
    first = _text(rows[0])
    assert "Risicomodel bijstand" in first and "high risk" in first and "planned" in first
    assert "INI-2026-052" in first


def test_dashboard_channels_view_shows_https_hsts_and_accessibility(result):
    root = _root(html_report.render_portfolio(result, "nl"))
    rows = _rows(root, "channels")
    assert [(tr.get("data-secure"), tr.get("data-accessibility")) for tr in rows] == \
        [("no", "C"), ("yes", "A"), ("no", "none"), ("yes", "none")]
    assert "Evenementenloket" in _text(rows[0]) and "website" in _text(rows[0])


def test_seven_ws_and_ring_place_ai_and_records_under_design_channels_under_operations(result):
    root = _root(html_report.render(result, "en"))
    section = next(e for e in root.iter("section") if e.get("id") == "ini-ini-2026-052")
    design = [tr for tr in section.iter("tr") if tr.get("data-domain") == "design"]
    assert any("AI system: Risicomodel bijstand (high risk)" in _text(tr) for tr in design)
    assert any("Records: Dossier bijstand (P10Y destroy)" in _text(tr) for tr in design)
    titles = [_text(t) for g in section.iter("{http://www.w3.org/2000/svg}g")
              if g.get("data-domain") == "design"
              for t in g if str(t.tag).endswith("title")]
    assert titles and "AI system: Signalering sociaal gedrag (prohibited)" in titles[0]
    shop = next(e for e in root.iter("section") if e.get("id") == "ini-ini-2026-061")
    operations = [_text(tr) for tr in shop.iter("tr") if tr.get("data-domain") == "operations"]
    assert any("Channel: Evenementenloket (website)" in t for t in operations)
    assert any("Procurement: Formulierenbouwer (\u20ac 85,000)" in t for t in operations)


def test_a_v1_portfolio_has_no_ai_register_or_channels_section():
    result = check(["examples/portfolio"], load_ruleset(), "2026-11-22")
    text = html_report.render_portfolio(result, "en")
    assert 'id="ai-register"' not in text and 'id="channels"' not in text
