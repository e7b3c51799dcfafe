"""The board reports in a real browser (issue 16): headless Chromium renders the dashboard, the
check report and a review dossier at 1366 px and at 390 px (a phone) and prints them to A4 PDF.

From the DOM it checks that no element reaches past the viewport, that the counts are visible
on the first screen, that the states of known initiatives are the ones the model gives, that
the filters work, that nothing is fetched and no script fails; from the PDF, that the page
counts stay within bounds (at most two pages per initiative of the examples).

Skipped, with the reason, when Chromium (Debian: apt-get install chromium) or websocket-client
is not installed.  tools/screenshots.py makes the pictures in docs/ with the same browser.
"""
from __future__ import annotations

import os

import pytest

from idm import cli
from tests.chromium_support import browser_or_skip, made_reports
from tools.chromium import pdf_pages

pytestmark = pytest.mark.slow

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATE = "2026-11-22"
EXAMPLES = ["examples/clean.yaml", "examples/with-findings.yaml", "examples/early-phase.yaml"]
SIZES = [(1366, 768, False), (390, 844, True)]

# Elements whose right edge is past the viewport, and the page's own scroll width.
OVERFLOW = """(function () {
  var W = document.documentElement.clientWidth, out = [];
  document.querySelectorAll('body *').forEach(function (e) {
    if (e.closest('.sr-only, .defs')) { return; }
    var r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > W + 1) { out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); }
  });
  return {scroll: document.documentElement.scrollWidth, width: W, over: out.slice(0, 10)};
})()"""

# Each count tile: its number, and whether it is wholly inside the first screen.
TILES = """Array.from(document.querySelectorAll('.tiles [data-count]')).map(function (t) {
  var r = t.getBoundingClientRect();
  return [t.dataset.count, t.querySelector('.value').textContent,
          r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth];
})"""


@pytest.fixture(scope="module")
def browser():
    b = browser_or_skip("the browser test of the HTML reports")
    yield b
    b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The three reports, made once through the command line."""
    reports = {"dashboard": ["report", "examples/portfolio", "--lang", "nl"],
               "check": ["check"] + EXAMPLES + ["--format", "html"],
               "dossier": ["dossier", "examples/with-findings.yaml"]}
    reports.update({"one-%d" % i: ["check", path, "--format", "html"]
                    for i, path in enumerate(EXAMPLES)})
    return made_reports(tmp_path_factory.mktemp("pages"), reports, DATE)


def _open(browser, path, width, height, mobile):
    browser.viewport(width, height, mobile)
    browser.open("file://" + path)


@pytest.mark.parametrize("width,height,mobile", SIZES)
@pytest.mark.parametrize("name", ["dashboard", "check", "dossier"])
def test_nothing_overflows_and_the_counts_are_on_the_first_screen(browser, pages, name, width,
                                                                  height, mobile):
    _open(browser, pages[name], width, height, mobile)
    got = browser.evaluate(OVERFLOW)
    assert got["over"] == [] and got["scroll"] <= got["width"], got
    tiles = browser.evaluate(TILES)
    assert tiles and all(visible for _, _, visible in tiles), tiles
    if width == 1366 and name != "dossier":
        # and the whole matrix, counts included, fits beside each other
        cells = browser.evaluate("Array.from(document.querySelectorAll('#matrix td.count'))"
                                 ".every(function (c) { return c.getBoundingClientRect().right"
                                 " <= window.innerWidth; })")
        assert cells
    assert browser.problems("file://" + pages[name]) == []


def test_first_screen_says_who_is_in_trouble(browser, pages):
    _open(browser, pages["dashboard"], 1366, 768, False)
    first = browser.evaluate("""Array.from(document.querySelectorAll('ol.trouble > li'))
      .filter(function (li) { return li.getBoundingClientRect().bottom <= window.innerHeight; })
      .map(function (li) { return [li.dataset.id, li.dataset.status,
        Array.from(li.querySelectorAll('ul.why .rule-id')).map(function (s) { return s.textContent; })]; })""")
    # the gravest rule first: a legal obligation, then a portfolio concern, a coverage gap last
    assert first[0] == ["RIV-2026-005", "errors", ["LEG-004", "COV-002"]]
    assert first[1] == ["RIV-2026-007", "errors", ["POR-004", "COV-004"]]
    assert len(first) >= 3


def test_known_states_are_drawn_apart(browser, pages):
    _open(browser, pages["dashboard"], 1366, 768, False)
    states = browser.evaluate("""(function () { var out = {};
      document.querySelectorAll('#matrix tbody tr').forEach(function (tr) {
        tr.querySelectorAll('td.cell').forEach(function (td) {
          var s = getComputedStyle(td);
          out[tr.dataset.id + ' ' + td.dataset.domain] = [td.dataset.state, s.backgroundColor,
            s.outlineStyle, td.querySelector('.icon').textContent];
        }); }); return out; })()""")
    assert states["RIV-2026-005 results"][0] == "missing_error"
    assert states["RIV-2026-005 design"][0] == "errors"
    assert states["RIV-2026-004 design"][0] == "not_required"
    assert states["RIV-2026-004 legacy"][0] == "clean"
    # required-but-missing has its own outline and icon, never the look of "covered with findings"
    missing, errors = states["RIV-2026-005 results"], states["RIV-2026-005 design"]
    assert missing[2] == "double" and errors[2] == "none" and missing[3] != errors[3]
    # and missing with an error differs from missing with a warning in line style and icon
    legend = browser.evaluate("""Array.from(document.querySelectorAll('.legend li')).map(function (li) {
      return [li.dataset.state, getComputedStyle(li).outlineStyle, li.querySelector('.icon').textContent]; })""")
    looks = {state: (outline, icon) for state, outline, icon in legend}
    assert looks["missing_error"] == ("double", "\u2297")
    assert looks["missing_warning"] == ("dashed", "\u2298")
    assert len({icon for _, icon in looks.values()}) == len(looks)
    # not required is neutral, visibly different from covered
    not_required, clean = states["RIV-2026-004 design"], states["RIV-2026-004 legacy"]
    assert not_required[1] != clean[1] and not_required[3] != clean[3]
    # the ring draws the same states
    ring = browser.evaluate("""(function () { var s = document.getElementById('ini-riv-2026-005');
      var out = {}; s.querySelectorAll('svg.ring g.seg').forEach(function (g) {
        out[g.dataset.domain] = g.dataset.state; }); return out; })()""")
    assert ring["results"] == "missing_error" and ring["design"] == "errors"


def test_filters_work(browser, pages):
    _open(browser, pages["dashboard"], 1366, 768, False)
    assert browser.evaluate("document.getElementById('filters').hidden") is False
    visible = ("Array.from(document.querySelectorAll('#matrix tbody tr'))"
               ".filter(r => !r.hidden).map(r => r.dataset.id)")
    assert len(browser.evaluate(visible)) == 7
    browser.evaluate("(function(){var f=document.getElementById('filters');"
                     "f.phase.value='foundation';f.dispatchEvent(new Event('change'));})()")
    assert sorted(browser.evaluate(visible)) == ["RIV-2026-002", "RIV-2026-006"]
    browser.evaluate("(function(){var f=document.getElementById('filters');f.phase.value='';"
                     "f.severity.value='error';f.sort.value='id';"
                     "f.dispatchEvent(new Event('change'));})()")
    assert browser.evaluate(visible) == ["RIV-2026-005", "RIV-2026-007"]


# The dossier: the decision record on page 1 and the annex of rules on pages of their own.
@pytest.mark.parametrize("name,most", [("dashboard", 16), ("check", 7), ("dossier", 8)])
def test_printed_page_counts(browser, pages, tmp_path, name, most):
    _open(browser, pages[name], 1366, 768, False)
    n = pdf_pages(browser.pdf(str(tmp_path / "x.pdf")))
    assert 1 < n <= most, n


@pytest.mark.parametrize("i", range(len(EXAMPLES)))
def test_at_most_two_printed_pages_per_initiative(browser, pages, tmp_path, i):
    _open(browser, pages["one-%d" % i], 1366, 768, False)
    # the first page answers who is in trouble; the initiative follows on at most two pages
    assert pdf_pages(browser.pdf(str(tmp_path / "x.pdf"))) <= 3


# Each state of the legend drawn as a swatch of the same size at a whole-pixel position, with
# its icon and the same placeholder text, so only what shows the state (fill, pattern, outline,
# bar, icon) differs; the page in greyscale, as printed in black and white.
GREY_LEGEND = """(function () {
  document.documentElement.style.filter = 'grayscale(1)';
  window.scrollTo(0, 0);
  var ul = document.createElement('ul'), out = [];
  ul.className = 'legend';
  ul.style.cssText = 'position:absolute;left:0;top:0;margin:0;padding:0;z-index:9;background:#fff;width:200px';
  document.querySelectorAll('.legend li').forEach(function (li, i) {
    var s = document.createElement('li');
    s.className = li.className;
    s.style.cssText = 'position:absolute;left:10px;top:' + (10 + 40 * i) + 'px;width:150px;height:28px;margin:0';
    s.innerHTML = '<span class="icon" aria-hidden="true"></span> Xxxxxxx';
    s.firstChild.textContent = li.querySelector('.icon').textContent;
    ul.appendChild(s);
    out.push([li.dataset.state, 10, 10 + 40 * i, 150, 28]);
  });
  document.body.appendChild(ul);
  return out;
})()"""

# The grey levels of a PNG (a data URL), read back through a canvas, 80 x 32 samples.
GREYS = """(function (url) { return new Promise(function (done) {
  var img = new Image();
  img.onload = function () {
    var c = document.createElement('canvas'); c.width = 80; c.height = 32;
    var g = c.getContext('2d'); g.drawImage(img, 0, 0, 80, 32);
    var d = g.getImageData(0, 0, 80, 32).data, out = [];
    for (var i = 0; i < d.length; i += 4) { out.push(Math.round((d[i] + d[i + 1] + d[i + 2]) / 3)); }
    done(out);
  };
  img.src = url; }); })"""


def test_every_state_differs_in_greyscale(browser, pages):
    """WCAG 1.4.1: no state told apart by hue alone.  The legend in greyscale: every pair of
    states differs in at least 20 of 2,560 samples by more than 48 grey levels.  Two states
    drawn alike but in different hues (as missing with an error and missing with a warning
    were: the same icon and dashed outline, red or amber) differ by at most about 35 levels
    and fail; an icon of another shape alone gives about 26 samples, fill and outline
    hundreds."""
    import base64
    _open(browser, pages["dashboard"], 1366, 768, False)
    boxes = browser.evaluate(GREY_LEGEND)
    width = min(b[3] for b in boxes)
    shots = {}
    for state, x, y, w, h in boxes:
        data = browser.call("Page.captureScreenshot", session=True, format="png",
                            captureBeyondViewport=True,
                            clip={"x": x, "y": y, "width": width, "height": h, "scale": 1})["data"]
        shots[state] = base64.b64decode(data)
    greys = {}
    for state, png in shots.items():
        url = "data:image/png;base64," + base64.b64encode(png).decode()
        res = browser.call("Runtime.evaluate", session=True, awaitPromise=True,
                           returnByValue=True, expression="%s(%r)" % (GREYS, url))
        greys[state] = res["result"]["value"]
    states = sorted(greys)
    assert "missing_error" in states and "missing_warning" in states and len(states) >= 7
    alike = []
    for i, a in enumerate(states):
        for b in states[i + 1:]:
            differ = sum(1 for p, q in zip(greys[a], greys[b]) if abs(p - q) > 48)
            print("PAIR", a, b, differ)
            if differ < 20:
                alike.append((a, b, differ))
    assert alike == []


def test_the_dossier_with_a_decision_prints_it_on_its_own_page_under_a_running_header(
        browser, tmp_path):
    """Every printed page of a dossier names the initiative and the date; page 1 is the board's
    decision record, on a page of its own: the next section starts the next page."""
    pymupdf = pytest.importorskip("pymupdf", reason="PyMuPDF reads the printed pages")
    fixture = os.path.join(ROOT, "tests", "fixtures", "decisions")
    out = str(tmp_path / "dossier.html")
    assert cli.run(["dossier", os.path.join(fixture, "initiatives", "vergunningen.yaml"),
                    "--decision", os.path.join(fixture, "decisions", "bes-2026-031.yaml"),
                    "--portfolio", os.path.join(fixture, "initiatives"),
                    "--date", DATE, "--output", out]) == 0
    browser.viewport(1366, 900)
    browser.open("file://" + out)
    browser.pdf(str(tmp_path / "x.pdf"))
    with pymupdf.open(str(tmp_path / "x.pdf")) as doc:
        texts = [p.get_text() for p in doc]
    assert all(t.startswith("Review dossier \u00b7 INI-2026-021 \u00b7 22 November 2026")
               for t in texts), [t[:60] for t in texts]
    starts = [i for i, t in enumerate(texts) if "1. Decision of the board" in t]
    assert starts == [0]
    assert "2. The seven W's" not in texts[0] and "Signature" in texts[0]
    # The next page starts with section 2: after the running header, the page number and the
    # running footer (idm's version and the date).
    second = [i for i, t in enumerate(texts) if "2. The seven W's" in t]
    assert second == [1] and "2. The seven W's" in texts[1].splitlines()[:4]


# The boxes of the ring's labels as the browser draws them (SVG user units), per segment: the
# straight texts of the core and the rings' upright icons, and each curved name's extent.
RING_LABELS = """(function (id) { var svg = document.querySelector(id + ' svg.ring'), out = [];
  svg.querySelectorAll('g.seg.sector text, g.seg.ring text.icon').forEach(function (t) {
    var b = t.getBBox();
    out.push([t.closest('g.seg').dataset.domain, t.getAttribute('class'), b.x, b.y,
              b.x + b.width, b.y + b.height]); });
  return out; })"""


@pytest.mark.parametrize("name,section", [("dashboard", "#ini-riv-2026-005"),
                                          ("dossier", "")])
def test_ring_labels_do_not_collide(browser, pages, name, section):
    """The core's labels ("Verrichten" and "Inrichten" once shared a baseline) and the rings'
    icons, measured in the browser: no two labels of different segments overlap."""
    _open(browser, pages[name], 1366, 768, False)
    boxes = browser.evaluate("%s(%r)" % (RING_LABELS, section or "body"))
    assert len(boxes) >= 12
    clashes = [(a[0], a[1], b[0], b[1]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[0] != b[0] and a[2] < b[4] and b[2] < a[4] and a[3] < b[5] and b[3] < a[5]]
    assert clashes == []


# Headings whose text is wider than their cell (it would run into the next column).
OVERFULL = """(function (sel) { return Array.from(document.querySelectorAll(sel)).filter(
  function (th) { return th.offsetParent !== null && th.scrollWidth > th.clientWidth + 1; }).map(
  function (th) { return th.textContent.trim() + ' ' + th.scrollWidth + '>' + th.clientWidth; }); })"""


def test_count_headings_break_only_between_syllables_on_a_phone(browser, pages):
    """At 390 px the count table's headings break where the catalogue allows ("Waar-schu-
    wingen"), never anywhere ("Waars chuwi ngen"): so no heading is wider than its cell."""
    _open(browser, pages["dashboard"], 390, 844, True)
    assert browser.evaluate("document.querySelectorAll('table.counts thead th').length") >= 5
    assert browser.evaluate("%s('table.counts thead th')" % OVERFULL) == []


def test_printed_text_has_no_soft_hyphens_and_headings_fit(browser, pages, tmp_path):
    """Text copied from a printed dashboard (pdftotext) has no soft hyphen (U+00AD), and the
    printed overview's headings ("Belanghebbenden") fit their columns."""
    import shutil
    import subprocess
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    # laid out as printed: A4 less the page's margins is 186 mm, 703 CSS pixels wide
    _open(browser, pages["dashboard"], 703, 1000, False)
    browser.call("Emulation.setEmulatedMedia", session=True, media="print")
    try:
        assert browser.evaluate("%s('table.matrix thead th')" % OVERFULL) == []
        # the overview's right border is inside the page, not clipped at its edge
        right, width = browser.evaluate("""[document.querySelector('table.matrix')
          .getBoundingClientRect().right, document.documentElement.clientWidth]""")
        assert right <= width - 1
    finally:
        browser.call("Emulation.setEmulatedMedia", session=True, media="")
    _open(browser, pages["dashboard"], 1366, 768, False)
    pdf = tmp_path / "dashboard.pdf"
    browser.pdf(str(pdf))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    assert "Belanghebbenden" in text.replace("\n", "").replace("\u2010", "")
    assert "\u00ad" not in text
    # no page holds only an initiative's maturity table (it comes before its findings)
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        assert not (lines and lines[0].startswith("Volwassenheid per ICT-thema")
                    and len(lines) < 10), lines


# --- print: the overview plus the initiatives ticked "Print"; no page of a footer alone ------

def _pdf_texts(browser, tmp_path) -> list:
    """The text of each printed page (pdftotext), the running footer and page number left
    out; skipped without pdftotext."""
    import re
    import shutil
    import subprocess
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    pdf = tmp_path / "printed.pdf"
    browser.pdf(str(pdf))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()               # pdftotext ends the last page with a form feed too
    running = re.compile(r"^(\d+ / \d+|(Generated by|Gemaakt met) idm .*|Review dossier \u00b7 .*|"
                         r"Toetsingsdossier \u00b7 .*)$")
    return [[line for line in page.splitlines() if line.strip() and not running.match(line)]
            for page in pages]


@pytest.mark.parametrize("name", ["dashboard", "check", "dossier", "one-0", "one-1", "one-2"])
def test_no_printed_report_ends_on_a_page_with_only_its_footer(browser, pages, tmp_path, name):
    """The footer (idm's version, the evaluation date) runs at the foot of every printed page
    beside the page number, so no last page holds the footer alone."""
    _open(browser, pages[name], 1366, 768, False)
    texts = _pdf_texts(browser, tmp_path)
    assert len(texts) >= 2 and all(texts), [t[:3] for t in texts]


HEADINGS = """Array.from(document.querySelectorAll('section.initiative')).map(function (s) {
  return s.dataset.id; })"""


def test_print_gives_the_overview_and_the_initiatives_ticked_print(browser, pages, tmp_path):
    _open(browser, pages["dashboard"], 1366, 768, False)
    ids = browser.evaluate(HEADINGS)
    assert len(ids) == 7
    everything = _pdf_texts(browser, tmp_path)
    printed = "\n".join("\n".join(p) for p in everything)
    assert all("%s \u2014" % i in printed for i in ids)        # all ticked on a small page
    # the reader unticks all but one: the overview and that one initiative
    browser.evaluate("""document.querySelectorAll('section.initiative input[name=print]')
      .forEach(function (b) { b.checked = b.value === 'RIV-2026-005'; })""")
    texts = _pdf_texts(browser, tmp_path)
    printed = "\n".join("\n".join(p) for p in texts)
    assert [i for i in ids if "%s \u2014" % i in printed] == ["RIV-2026-005"]
    assert "Volledig: alleen de initiatieven met een vinkje bij \u2018Afdrukken\u2019" in \
        printed.replace("\n", " ")
    # nothing ticked: the overview alone, a few pages
    browser.evaluate("""document.querySelectorAll('section.initiative input[name=print]')
      .forEach(function (b) { b.checked = false; })""")
    overview = _pdf_texts(browser, tmp_path)
    assert len(overview) < len(texts) < len(everything) and len(overview) <= 5
    assert not any("%s \u2014" % i in "\n".join("\n".join(p) for p in overview) for i in ids)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A dashboard of 150 generated initiatives (the benchmarks' realistic profile), those with
    errors in full: a large page, on which nothing is ticked for print."""
    import subprocess
    import sys
    folder = tmp_path_factory.mktemp("large")
    subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "generate.py"), "--count",
                    "150", "--seed", "1", "--profile", "realistic", "--out", str(folder / "in")],
                   check=True, stdout=subprocess.DEVNULL)
    out = str(folder / "dashboard.html")
    assert cli.run(["report", str(folder / "in"), "--details", "errors", "--lang", "nl",
                    "--output", out, "--date", DATE]) in (0, 1)
    return out


def test_a_large_dashboard_prints_its_overview_in_a_few_pages(browser, large, tmp_path):
    _open(browser, large, 1366, 768, False)
    ids = browser.evaluate(HEADINGS)
    assert len(ids) > 20
    texts = _pdf_texts(browser, tmp_path)
    printed = " ".join(" ".join(p) for p in texts)
    assert len(texts) <= 12 and all(texts)
    assert not any("%s \u2014" % i in printed for i in ids)
    assert ("Afgedrukt: de eerste 50 van de 150 initiatieven van het overzicht" in printed)
    # the overview prints its first 50 rows (the most trouble first), laid out as printed
    browser.call("Emulation.setEmulatedMedia", session=True, media="print")
    try:
        drawn = browser.evaluate("Array.from(document.querySelectorAll('#matrix tbody tr'))"
                                 ".map(function (r) { return r.getClientRects().length > 0; })")
    finally:
        browser.call("Emulation.setEmulatedMedia", session=True, media="")
    assert drawn == [True] * 50 + [False] * 100
    # ticked, an initiative prints in full; filtered, every row that is kept prints
    browser.evaluate("document.querySelector('section.initiative input[name=print]').click()")
    browser.evaluate("(function(){var f=document.getElementById('filters');"
                     "f.severity.value='error';f.dispatchEvent(new Event('change'));})()")
    assert browser.evaluate("document.getElementById('matrix').classList"
                            ".contains('print-capped')") is False
    kept = browser.evaluate("Array.from(document.querySelectorAll('#matrix tbody tr'))"
                            ".filter(function (r) { return !r.hidden; }).map(function (r) {"
                            " return r.dataset.id; })")
    texts = _pdf_texts(browser, tmp_path)
    printed = " ".join(" ".join(p) for p in texts)
    assert "%s \u2014" % ids[0] in printed
    assert len(kept) > 50 and all(i in printed for i in kept)
    # "tick every initiative shown" ticks those the filters keep, "untick all" none
    ticked = ("Array.from(document.querySelectorAll('section.initiative'))"
              ".filter(function (s) { return s.querySelector('input[name=print]').checked; })"
              ".map(function (s) { return s.hidden; })")
    browser.evaluate("(function(){var f=document.getElementById('filters');f.severity.value='';"
                     "f.phase.value='foundation';f.dispatchEvent(new Event('change'));})()")
    browser.evaluate("document.querySelector('#print-all button[data-print=shown]').click()")
    shown = browser.evaluate("document.querySelectorAll('section.initiative:not([hidden])')"
                             ".length")
    assert 0 < shown < len(ids) and browser.evaluate(ticked) == [False] * shown
    browser.evaluate("document.querySelector('#print-all button[data-print=none]').click()")
    assert browser.evaluate(ticked) == []
