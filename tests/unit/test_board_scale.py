"""The board pages at portfolio scale (issue 32): the attention list is capped, grouped by rule
and ordered by gravity; the first tiles split blocking / warnings only / in order; summaries by
rule and by owner; --details decides which initiatives are shown in full, and every link still
lands somewhere."""
from __future__ import annotations

import pytest

from idm.engine.model import InitiativeResult
from idm.engine.report import html as html_report
from idm.engine.report.options import ReportOptions
from tests.unit.report_fixtures import EVALUATED, FILE_A, finding, run_result

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extra")


def portfolio(n: int):
    """`n` initiatives: every third clean, every third with warnings only, the rest with
    errors (LEG-001 twice, INF-002 once, COV-005 once); owners in four departments."""
    inits = []
    for i in range(n):
        ident = "GEM-%04d" % i
        kind = i % 3
        if kind == 0:
            found = []
        elif kind == 1:
            found = [finding("COV-005", "design", FILE_A, 1, 1, ident)]
        else:
            found = [finding("COV-005", "design", FILE_A, 1, 1, ident),
                     finding("LEG-001", "design.privacy.purpose", FILE_A, 12, 5, ident),
                     finding("LEG-001", "design.privacy.purpose2", FILE_A, 13, 5, ident),
                     finding("INF-002", "design.data[0]", FILE_A, 14, 5, ident)]
        inits.append(InitiativeResult(
            id=ident, title="Initiatief %d" % i, file=FILE_A, phase="foundation",
            data={"owner": {"name": "Afdeling %d" % (i % 4)}}, findings=found,
            rules_evaluated=EVALUATED))
    return run_result(initiatives=inits, errors=[], portfolio_findings=[], fail_on=None)


def parse(text: str):
    return html5lib.parse(text, namespaceHTMLElements=False)


def by_class(root, klass):
    return [e for e in root.iter() if klass in (e.get("class") or "").split()]


def text(el) -> str:
    return " ".join("".join(el.itertext()).split())


@pytest.fixture(scope="module")
def big():
    return portfolio(120)


@pytest.mark.parametrize("page", ["dashboard", "check"])
def test_attention_list_is_capped_grouped_and_gravest_first(big, page):
    out = (html_report.render_portfolio(big, "en") if page == "dashboard"
           else html_report.render(big, "en"))
    root = parse(out)
    entries = [li for li in root.iter("li") if li.get("data-kind")]
    assert len(entries) == html_report.ATTENTION_SHOWN
    # blocking initiatives first; their rules grouped, the legal one before the coverage gap
    assert {li.get("data-kind") for li in entries} == {"blocking"}
    first = entries[0]
    rules = [text(s) for s in by_class(first, "rule-id")]
    assert rules == ["LEG-001", "INF-002"]      # what fails the gate; the warning is counted
    assert "× 2" in text(first)
    more = by_class(root, "more-trouble")[0]
    # 80 initiatives need attention (40 blocking, 40 warnings only), 20 are listed
    assert "60 more" in text(more) and more.find("a").get("href") == "#matrix"
    # the overview still lists every initiative
    matrix = [t for t in root.iter("table") if t.get("id") == "matrix"][0]
    assert len([tr for tr in matrix.iter("tr") if tr.get("data-id")]) == 120


def test_first_tiles_split_blocking_warnings_only_in_order(big):
    root = parse(html_report.render_portfolio(big, "nl"))
    tiles = {li.get("data-count"): text(li) for li in root.iter("li") if li.get("data-count")}
    assert tiles["blocking"] == "40 blokkerend"
    assert tiles["warnings_only"] == "40 alleen waarschuwingen"
    assert tiles["in_order"] == "40 in orde"


def test_summaries_by_rule_and_by_owner(big):
    root = parse(html_report.render_portfolio(big, "en"))
    by_rule = by_class(root, "by-rule")[0]
    rows = [(tr.get("data-rule"), [text(td) for td in tr.iter("td")])
            for tr in by_rule.iter("tr") if tr.get("data-rule")]
    # gravest first: errors before warnings, legislation before information
    assert [r for r, _ in rows] == ["LEG-001", "INF-002", "COV-005"]
    assert rows[0][1][1:] == ["40", "80"]      # 40 initiatives, 80 findings
    assert rows[2][1][1:] == ["80", "80"]
    owners = [[text(c) for c in tr] for tr in by_class(root, "by-owner")[0].iter("tr")][1:]
    assert len(owners) == 4
    assert sum(int(o[1]) for o in owners) == 40 and sum(int(o[4]) for o in owners) == 120


@pytest.mark.parametrize("details,shown", [("all", 120), ("errors", 40), ("none", 0),
                                           ("auto", 40)])
def test_details_option_and_every_link_resolves(big, details, shown):
    for out in (html_report.render_portfolio(big, "en", details=details),
                html_report.render(big, "en", ReportOptions(details=details))):
        root = parse(out)
        sections = [s for s in root.iter("section") if "initiative" in (s.get("class") or "")]
        assert len(sections) == shown
        left_out = by_class(root, "left-out")
        assert bool(left_out) == (shown < 120)
        if left_out:
            assert "--details" in text(left_out[0])
        ids = {e.get("id") for e in root.iter() if e.get("id")}
        for a in root.iter("a"):
            href = a.get("href") or ""
            if href.startswith("#"):
                assert href[1:] in ids, href


def test_auto_details_follow_the_size_of_the_run():
    assert html_report.details_mode("auto", 100) == "all"
    assert html_report.details_mode("auto", 101) == "errors"
    assert html_report.details_mode("auto", 500) == "errors"
    assert html_report.details_mode("auto", 501) == "none"
    assert html_report.details_mode("all", 10_000) == "all"


def test_search_box_and_filters_above_the_attention_list(big):
    for out in (html_report.render_portfolio(big, "en"), html_report.render(big, "en")):
        assert out.index('id="filters"') < out.index('id="attention-h"')
        assert 'type="search"' in out and "<script>" in out


# --- what a print holds (docs/board-pages.md); tests/test_browser.py prints the pages -----------

def print_boxes(root):
    return [i for i in root.iter("input") if i.get("name") == "print"]


@pytest.mark.parametrize("page", ["dashboard", "check"])
def test_every_initiative_in_full_is_ticked_for_print_on_a_small_page_none_on_a_large_one(
        big, page):
    small = portfolio(12)
    for result, ticked in ((small, True), (big, False)):
        out = (html_report.render_portfolio(result, "en", details="all") if page == "dashboard"
               else html_report.render(result, "en", ReportOptions(details="all")))
        root = parse(out)
        boxes = print_boxes(root)
        assert len(boxes) == len(result.initiatives)
        assert all((b.get("checked") is not None) == ticked for b in boxes)
        hint = text(by_class(root, "print-hint")[0])
        assert hint.startswith("Printing (Ctrl+P) gives the overview and each initiative in full")
        matrix = [t for t in root.iter("table") if t.get("id") == "matrix"][0]
        assert ("print-capped" in matrix.get("class").split()) == (not ticked)
        if not ticked:
            assert "the first 50 rows are printed" in hint
            notes = [text(p) for p in by_class(root, "print-only")]
            assert ("Printed: the first 50 of the 120 initiatives of the overview (the most "
                    "trouble first); search or filter on screen to print others.") in notes


def test_a_large_dashboard_says_what_it_prints_of_the_tables_that_list_every_initiative():
    big = portfolio(1200)     # 2,000 findings
    root = parse(html_report.render_portfolio(big, "nl"))
    assert print_boxes(root) == []       # --details auto: none in full above 500
    assert text(by_class(root, "print-hint")[0]).startswith(
        "Afdrukken (Ctrl+P) geeft het overzicht; wie één initiatief volledig wil afdrukken")
    notes = [text(p) for p in by_class(root, "print-only")]
    assert ("Afgedrukt: de eerste 50 van de 1.200 initiatieven van het overzicht (de meeste "
            "problemen eerst); zoek of filter op het scherm om andere af te drukken.") in notes
    assert ("Afgedrukt: de totalen; de budgetten van de 1.200 initiatieven staan op het scherm."
            in notes)
    # and the count table groups its thousands as the tiles do
    counts = [t for t in root.iter("table") if "counts" in (t.get("class") or "").split()][0]
    cells = [text(td) for td in counts.iter("td")]
    assert "2.000" in cells and "2000" not in cells


def test_an_initiative_prints_its_gravest_findings_and_says_how_many_more():
    from idm.engine.report.html import PRINTED_FINDINGS
    many = [finding("INF-002", "design.data[%d]" % i, FILE_A, 20 + i, 5, "GEM-1")
            for i in range(40)]
    many += [finding("LEG-001", "design.privacy.purpose", FILE_A, 12, 5, "GEM-1")]
    one = run_result(initiatives=[InitiativeResult(
        id="GEM-1", title="Veel", file=FILE_A, phase="foundation", data={}, findings=many,
        rules_evaluated=EVALUATED)], errors=[], portfolio_findings=[], fail_on=None)
    for lang, note in (("en", "Printed: the 25 gravest findings; 16 more are on screen and in "
                              "the review dossier (idm dossier FILE)."),
                       ("nl", "Afgedrukt: de 25 ernstigste bevindingen; nog 16 staan op het "
                              "scherm en in het toetsingsdossier (idm dossier BESTAND).")):
        root = parse(html_report.render(one, lang))
        section = by_class(root, "initiative")[0]
        items = [li for li in section.iter("li") if "finding" in li.get("class", "").split()]
        printed = [li for li in items if "beyond-print" not in li.get("class").split()]
        assert len(items) == 41 and len(printed) == PRINTED_FINDINGS == 25
        # the error is printed whatever its place on the page
        assert any(li.get("data-rule") == "LEG-001" for li in printed)
        assert [text(p) for p in by_class(section, "print-only")] == [note]
