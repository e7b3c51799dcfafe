"""HTML reports, parsed with a real HTML parser (html5lib): the IDM ring and its states, the text
alternative, counts, the exceptions register, language purity and self-containment."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from idm.engine.model import DOMAINS, DomainCoverage, InitiativeResult, Severity
from idm.engine.report import html as html_report
from idm.engine.i18n import LANGS, catalogue
from idm.engine.pack.rulepack import load_ruleset_collecting
from idm.engine.check.run import check
from tests.unit.report_fixtures import finding, run_result

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extra")

DATE = "2026-11-22"
EXAMPLES = ["examples/clean.yaml", "examples/with-findings.yaml", "examples/early-phase.yaml"]

# The reporters' own words per language, under their short keys.
LABELS = {lang: dict(catalogue(lang).section("report")) for lang in LANGS}


@pytest.fixture(scope="module")
def ruleset():
    rs, problems = load_ruleset_collecting(None)
    assert not problems
    return rs


@pytest.fixture(scope="module")
def examples(ruleset):
    return check(EXAMPLES, ruleset, DATE)


@pytest.fixture(scope="module")
def portfolio(ruleset):
    return check(["examples/portfolio"], ruleset, DATE)


def parse(text: str):
    return html5lib.parse(text, namespaceHTMLElements=False)


def cls(el) -> set:
    return set((el.get("class") or "").split())


def local(el) -> str:
    """The tag without its namespace (html5lib puts inline SVG in the SVG namespace)."""
    return str(el.tag).rsplit("}", 1)[-1]


def find(root, tag: str, klass: str = None) -> list:
    return [e for e in root.iter() if local(e) == tag and (klass is None or klass in cls(e))]


def text_of(el, skip=("code", "script", "style")) -> str:
    """The visible text of `el`, leaving out code spans (field paths, ids, file names)."""
    parts = []

    def walk(e):
        if local(e) in skip:
            if e.tail:
                parts.append(e.tail)
            return
        if e.text:
            parts.append(e.text)
        for child in e:
            walk(child)
        if e.tail:
            parts.append(e.tail)
    walk(el)
    return " ".join(parts)


def section(root, ident: str):
    found = [s for s in find(root, "section", "initiative") if s.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


def ring_states(sec) -> dict:
    svg = find(sec, "svg", "ring")
    assert len(svg) == 1
    return {g.get("data-domain"): (g.get("data-state"), int(g.get("data-count")))
            for g in find(svg[0], "g", "seg")}


def table_states(sec) -> dict:
    table = find(sec, "table", "ring-alt")[0]
    return {tr.get("data-domain"): tr.get("data-state") for tr in table.iter("tr")
            if tr.get("data-domain")}


# --- the initiative report -----------------------------------------------------------------

def test_one_ring_per_initiative_with_every_domain(examples):
    root = parse(html_report.render(examples, "en"))
    rings = find(root, "svg", "ring")
    assert len(rings) == len(examples.initiatives) == 3
    for svg in rings:
        assert svg.get("role") == "img" and svg.get("aria-labelledby")
        segs = find(svg, "g", "seg")
        assert [g.get("data-domain") for g in segs] == [
            "principles", "legacy", "results", "stakeholders", "direction", "design",
            "operations", "cadence"]
        assert "frame" in cls(segs[0])       # principles are the binding frame
        for g in segs:
            assert g.get("data-state") in html_report.STATES
            state = g.get("data-state")
            # colour is not the only signal: a pattern fill and an icon in the label
            assert any("st-" + state in cls(p) for p in g if local(p) in ("path", "rect"))
            assert html_report.ICONS[state] in text_of(g)


def test_segment_states_and_counts_of_the_example_with_findings(examples):
    root = parse(html_report.render(examples, "en"))
    sec = section(root, "ini-ini-2026-031")
    assert ring_states(sec) == {
        "legacy": ("clean", 0), "results": ("missing_error", 2), "stakeholders": ("clean", 0),
        "direction": ("warnings", 3), "design": ("errors", 9), "operations": ("errors", 5),
        "principles": ("warnings", 7), "cadence": ("clean", 0)}
    # the text alternative shows the same states
    assert table_states(sec) == {d: s for d, (s, _) in ring_states(sec).items()}
    clean = section(root, "ini-ini-2026-014")
    assert {s for s, _ in ring_states(clean).values()} == {"clean"}


def test_ring_labels_carry_name_w_question_and_count(examples):
    root = parse(html_report.render(examples, "nl"))
    sec = section(root, "ini-ini-2026-031")
    svg = find(sec, "svg", "ring")[0]
    labels = {g.get("data-domain"): text_of(g) for g in find(svg, "g", "seg")}
    assert "Nalatenschap" in labels["legacy"] and "Waarom?" in labels["legacy"]
    assert "Resultaten" in labels["results"] and "Wat levert het op?" in labels["results"]
    assert "Belanghebbenden" in labels["stakeholders"] and "Voor wie?" in labels["stakeholders"]
    assert "Richten" in labels["direction"] and "Wat?" in labels["direction"]
    assert "Inrichten" in labels["design"] and "Hoe?" in labels["design"]
    assert "Verrichten" in labels["operations"] and "Waarmee?" in labels["operations"]
    assert "Principes" in labels["principles"] and "Binnen welke kaders?" in labels["principles"]
    assert "Wanneer?" in labels["cadence"]
    assert re.search(r"\b9\b", labels["design"])     # LEG-012 (v1.1) added the ninth


def test_findings_grouped_by_domain_then_severity(examples):
    root = parse(html_report.render(examples, "en"))
    sec = section(root, "ini-ini-2026-031")
    groups = find(sec, "div", "domain-findings")
    order = [g.get("data-domain") for g in groups]
    assert order == [d for d in DOMAINS if d in order]
    design = next(g for g in groups if g.get("data-domain") == "design")
    severities = [li.get("data-severity") for li in find(design, "li", "finding")]
    assert severities == sorted(severities, key=lambda s: -Severity[s])
    for li in find(design, "li", "finding"):
        assert li.get("data-domain") == "design"
    leg = [li for li in find(sec, "li", "finding") if "LEG-004" in text_of(li)]
    assert leg, "LEG-004 fires on the example with findings"
    body = text_of(leg[0], skip=())
    for word in ("Path", "Rationale", "Remediation"):
        assert word in body
    assert "examples/with-findings.yaml:" in body


def test_waived_findings_show_justification_approver_and_expiry(ruleset):
    result = check(["examples/portfolio/05-jeugdhulp.yaml"], ruleset, DATE)
    root = parse(html_report.render(result, "en"))
    waived = find(root, "ol", "waived")
    assert len(waived) == 1
    body = text_of(waived[0], skip=())
    assert "TEC-001" in body and "Architectuurboard" in body and "30 June 2027" in body
    assert "Het contract bevat een exitregeling" in body


def test_maturity_current_to_target(examples):
    root = parse(html_report.render(examples, "en"))
    sec = section(root, "ini-ini-2026-031")
    rows = [[" ".join(text_of(c, skip=()).split()) for c in tr] for tr in
            find(sec, "table", "maturity")[0].iter("tr")][1:]
    assert rows == [["data", "integration", "→ basis"]]


def test_domain_state_rules():
    def ini(findings, required=(), uncovered=()):
        cov = {d: DomainCoverage(d, d in required, d not in uncovered, ()) for d in DOMAINS}
        return InitiativeResult("X", "x", "x.yaml", None, {}, cov, findings)
    state = html_report.domain_state
    waived = run_result().initiatives[1].findings[0]  # TEC-001, waived, operations
    assert waived.waived and waived.domain == "operations"
    # a waived finding does not colour a domain; it shows as waived
    assert state(ini([waived]), "operations") == "waived"
    err = finding("LEG-001", "design.privacy.purpose", "x.yaml", 1, 1, "X")
    warn = finding("COV-005", "design", "x.yaml", 1, 1, "X")
    info = finding("BUS-006", "direction.goals[0]", "x.yaml", 1, 1, "X")
    assert state(ini([warn, err]), "design") == "errors"
    assert state(ini([warn]), "design") == "warnings"
    assert state(ini([info]), "direction") == "clean"
    # required and missing: the severity of its coverage finding, never "covered with findings"
    assert state(ini([err], {"design"}, {"design"}), "design") == "missing_error"
    assert state(ini([warn], {"design"}, {"design"}), "design") == "missing_warning"
    assert state(ini([], {"design"}, {"design"}), "design") == "missing_warning"
    # not required and not described: neutral, unless findings say otherwise
    assert state(ini([], (), {"design"}), "design") == "not_required"
    assert state(ini([warn], (), {"design"}), "design") == "warnings"
    assert state(ini([], {"design"}), "design") == "clean"


def test_every_report_shows_the_same_state(examples):
    """HTML ring, HTML table, JSON coverage, Markdown and text agree for every domain."""
    import json
    from idm.engine.report import markdown, render, text as text_report
    from idm.engine.report.states import domain_state
    data = json.loads(render(examples, "json"))
    md = markdown.render(examples, "en")
    txt = text_report.render(examples, "en")
    root = parse(html_report.render(examples, "en"))
    for r, j in zip(examples.initiatives, data["initiatives"]):
        sec = section(root, "ini-" + r.id.lower())
        for d, cov in j["coverage"].items():
            s = domain_state(r, d)
            assert cov["state"] == s
            assert ring_states(sec)[d][0] == s and table_states(sec)[d] == s
            assert "| %s %s |" % (markdown.STATE_ICONS[s], LABELS["en"]["state." + s]) in md
            assert "%s%s" % (text_report.MARKS[s], LABELS["en"]["domain." + d]) in txt


def test_hand_built_result_renders_in_both_languages():
    for lang in ("en", "nl"):
        for render in (html_report.render, html_report.render_portfolio):
            root = parse(render(run_result(), lang))
            assert root.get("lang") == lang
            assert "mapping values are not allowed here" in text_of(root)


# --- the portfolio dashboard ---------------------------------------------------------------

def test_matrix_has_a_cell_per_initiative_and_domain_linking_to_it(portfolio):
    root = parse(html_report.render_portfolio(portfolio, "en"))
    matrix = [t for t in root.iter("table") if t.get("id") == "matrix"][0]
    rows = [tr for tr in matrix.iter("tr") if tr.get("data-id")]
    # most trouble first: errors, then warnings, more of them first, then the run's order
    assert [r.get("data-id") for r in rows] == ["RIV-2026-%03d" % i for i in (5, 7, 2, 3, 1, 4,
                                                                              6)]
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for row in rows:
        cells = [td for td in row if td.get("data-domain")]
        assert [c.get("data-domain") for c in cells] == list(DOMAINS)
        for c in cells:
            href = c.find("a").get("href")
            assert href.startswith("#") and href[1:] in ids
    states = {r.get("data-id"): {c.get("data-domain"): c.get("data-state") for c in r
                                 if c.get("data-domain")} for r in rows}
    assert states["RIV-2026-005"]["results"] == "missing_error"
    assert states["RIV-2026-005"]["design"] == "errors"
    assert states["RIV-2026-007"]["direction"] == "missing_error"
    assert states["RIV-2026-004"]["design"] == "not_required"    # not required in initiation
    assert states["RIV-2026-004"]["legacy"] == "clean"


def test_every_anchor_resolves_and_ids_are_unique(portfolio, examples):
    for text in (html_report.render_portfolio(portfolio, "nl"), html_report.render(examples, "en")):
        root = parse(text)
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids))
        for a in root.iter("a"):
            href = a.get("href") or ""
            if href.startswith("#"):
                assert href[1:] in ids, href


def test_counts_by_severity_and_category(portfolio):
    root = parse(html_report.render_portfolio(portfolio, "en"))
    table = find(root, "table", "counts")[0]
    rows = {tr.get("data-category"): tr for tr in table.iter("tr") if tr.get("data-category")}
    total = {td.get("data-severity"): int(td.text) for td in rows["total"] if
             td.get("data-severity")}
    summary = portfolio.summary()["by_severity"]
    # INF-006 (format v1.1) adds a warning, EXC-005 (stale exceptions) two info findings
    assert total == summary == {"error": 4, "warning": 22, "info": 3}
    portfolio_row = {td.get("data-severity"): int(td.text) for td in rows["portfolio"]
                     if td.get("data-severity")}
    assert portfolio_row == {"error": 1, "warning": 4, "info": 1}


def test_portfolio_findings_listed(portfolio):
    root = parse(html_report.render_portfolio(portfolio, "en"))
    listed = find(root, "ol", "portfolio")[0]
    rules = [text_of(li).split("·")[1].split()[0] for li in find(listed, "li", "finding")]
    assert rules[0] == "POR-003"
    assert {"POR-001", "POR-004", "POR-005"} <= set(rules)


def test_exception_register_sorted_by_expiry_with_highlights(portfolio):
    root = parse(html_report.render_portfolio(portfolio, "en"))
    register = [t for t in root.iter("table") if t.get("id") == "register"][0]
    rows = [tr for tr in register.iter("tr") if tr.get("data-expires") is not None]
    assert [(r.get("data-expires"), r.get("data-status")) for r in rows] == [
        ("2026-09-30", "expired"), ("2027-01-15", "soon"), ("2027-06-30", "valid"),
        ("2028-03-31", "valid")]
    assert "status-expired" in cls(rows[0]) and "status-soon" in cls(rows[1])
    assert "Expired" in text_of(rows[0]) and "Expires within 90 days" in text_of(rows[1])


def test_exception_status_boundaries():
    s = html_report.exception_status
    assert s("2026-11-21", DATE) == "expired"
    assert s("2026-11-22", DATE) == "soon"        # expiring on the day is not yet expired
    assert s("2027-02-20", DATE) == "soon"        # 90 days later
    assert s("2027-02-21", DATE) == "valid"
    assert s("not a date", DATE) == "unknown"


def test_phases_budgets_and_maturity(portfolio):
    root = parse(html_report.render_portfolio(portfolio, "en"))
    phases = {tr.get("data-phase"): int(tr[1].text) for tr in
              find(root, "table", "phases")[0].iter("tr") if tr.get("data-phase")}
    assert phases == {"initiation": 1, "foundation": 2, "improvement": 2,
                      "continuous-improvement": 1, "none": 1}
    budgets = find(root, "table", "budgets")[0]
    foot = {tr.get("class"): [td.text for td in tr if td.tag == "td"] for tr in
            budgets.iter("tr") if tr.get("class")}
    assert foot["total"] == ["€\u00a0960,000", "€\u00a0170,000"]
    assert foot["approved"] == ["€\u00a0260,000", "€\u00a075,000"]
    themes = {tr.get("data-theme"): text_of(tr, skip=()) for tr in
              find(root, "table", "maturity-portfolio")[0].iter("tr") if tr.get("data-theme")}
    assert set(themes) == {"data", "security", "service_delivery", "technology"}
    assert re.search(r"RIV-2026-003: integration\s*→\s*,?\s*transformation",
                     themes["service_delivery"])
    # averages over the initiatives naming the theme: (3 + 2 + 4) / 3 now, (4 + 3 + 5) / 3 target
    assert themes["service_delivery"].split()[2:5] == ["3", "development", "integration"]


def test_dutch_amounts(portfolio):
    root = parse(html_report.render_portfolio(portfolio, "nl"))
    budgets = find(root, "table", "budgets")[0]
    assert "€\u00a0960.000" in text_of(budgets) and "€\u00a075.000" in text_of(budgets)
    # numbers and dates in messages follow the language too
    text = text_of(root)
    assert "75.000 euro per jaar" in text and "260.000 euro" in text
    assert "22 november 2026" in text


# --- language, accessibility, self-containment -------------------------------------------

# Labels that name YAML values (phase, decision, level, ...) are left out: Dutch rule texts quote
# the values a user types, such as "zet decision terug op proposed".
_VALUES = ("phase.", "chain.", "decision.", "review.", "level.", "category.", "org_type.",
           "ai_role.", "risk_class.", "fria.", "channel_type.", "records_action.")
ENGLISH_ONLY = sorted({v for k, v in LABELS["en"].items() if v != LABELS["nl"][k]
                       and "%" not in v and len(v) > 2 and not k.startswith(_VALUES)},
                      key=len, reverse=True)


def _labels_only(root) -> str:
    """Visible text without what the page quotes: reference titles, the initiative's own words
    (the seven W's), and 'quoted' names in messages."""
    for klass in ("refs", "says"):
        for ul in find(root, "ul", klass):
            ul.clear()
    return re.sub(r"'[^']*'", "", text_of(root))


@pytest.mark.parametrize("which", ["report", "dashboard"])
def test_a_dutch_page_has_no_english_label(which, examples, portfolio):
    text = (html_report.render(examples, "nl") if which == "report"
            else html_report.render_portfolio(portfolio, "nl"))
    visible = _labels_only(parse(text))
    leaks = [w for w in ENGLISH_ONLY if re.search(r"(?<![\w.])%s(?![\w.])" % re.escape(w),
                                                  visible)]
    assert leaks == []
    assert "Nalatenschap" in visible and "Waarom?" in visible
    # and the other way round: no Dutch label on an English page
    en = _labels_only(parse(html_report.render(examples, "en")))
    dutch = sorted({v for k, v in LABELS["nl"].items() if v != LABELS["en"][k]
                    and "%" not in v and len(v) > 3})
    assert [w for w in dutch if re.search(r"(?<![\w.])%s(?![\w.])" % re.escape(w), en)] == []


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_lang_attribute_and_heading_order(lang, examples, portfolio):
    for text in (html_report.render(examples, lang), html_report.render_portfolio(portfolio, lang)):
        root = parse(text)
        assert root.get("lang") == lang
        levels = [int(local(e)[1]) for e in root.iter() if re.fullmatch(r"h[1-6]", local(e))]
        assert levels[0] == 1 and levels.count(1) == 1
        for a, b in zip(levels, levels[1:]):
            assert b <= a + 1, "heading jumps from h%d to h%d" % (a, b)


@pytest.mark.parametrize("which", ["report", "dashboard"])
def test_no_external_resources(which, examples, portfolio):
    text = (html_report.render(examples, "en") if which == "report"
            else html_report.render_portfolio(portfolio, "en"))
    root = parse(text)
    assert not list(root.iter("link")) and not list(root.iter("img"))
    assert not [e for e in root.iter() if local(e) in ("iframe", "object", "embed", "video",
                                                     "audio", "source")]
    for script in root.iter("script"):
        assert script.get("src") is None
    for el in root.iter():
        for attr in ("src", "srcset", "data", "poster", "action"):
            assert el.get(attr) is None, (el.tag, attr)
        href = el.get("href") or el.get("{http://www.w3.org/1999/xlink}href")
        if href is not None:
            assert href.startswith("#") or (el.tag == "a" and "ref" in cls(el)), href
    for style in root.iter("style"):
        # a fragment, or an image inside the page (the printed states' pattern tiles)
        assert not re.search(r"url\(\s*(?!['\"]?(?:#|data:image/png;base64,))", style.text)
        assert "@import" not in style.text and "@font-face" not in style.text
    refs = [a.get("href") for a in root.iter("a") if "ref" in cls(a)]
    assert text.count("http") == sum(1 for r in refs if r.startswith("http"))
    if which == "report":
        assert refs, "the examples have findings with reference links"


def test_contrast_of_state_colours():
    """WCAG 2.1 AA: 4.5:1 for the text colour on each state background of the stylesheet."""
    def lum(hexcolour):
        rgb = [int(hexcolour[i:i + 2], 16) / 255.0 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    import os
    css = open(os.path.join(os.path.dirname(html_report.__file__), "templates",
                            "report.css"), encoding="utf-8").read()
    var = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    for state in html_report.STATES:
        hi, lo = sorted([lum(var[state]), lum(var[state + "-ink"])], reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, state
    hi, lo = lum("#ffffff"), lum(var["link"])
    assert (hi + 0.05) / (lo + 0.05) >= 4.5


def test_text_runs_do_not_load_jinja2():
    code = ("import sys, engine.report.html, engine.report.text; "
            "assert 'jinja2' not in sys.modules, 'jinja2 loaded'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_print_stylesheet_breaks_pages_between_initiatives(examples):
    root = parse(html_report.render(examples, "en"))
    css = "".join(s.text for s in root.iter("style"))
    printing = css[css.index("@media print"):]
    assert re.search(r"\.initiative\s*\{[^}]*break-before:\s*page", printing)
