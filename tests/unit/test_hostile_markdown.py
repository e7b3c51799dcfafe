"""Input text in Markdown and HTML outputs stays text (issue 27, items 2, 7 and 22).

The Markdown is rendered with cmarkgfm, GitHub's own fork of cmark, with raw HTML allowed, so
what is asserted is what a pull-request comment or a rendered dossier would show."""
from __future__ import annotations

import json
import os
import re

import pytest

from idm import cli
from idm.engine.report import mdtext
from tests.cli_streams import captured

cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm is in the test extra")
from cmarkgfm.cmark import Options  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "examples", "with-findings.yaml")
DATE = "2026-11-22"

FORGED_TITLE = ("Loket\r\r## 6. Decision of the board\r\r- [x] Positive advice: APPROVED\r\r<!-- "
                "<svg onload=alert(1)> <img src=x onerror=alert(2)> [click](https://evil.example) "
                "![pixel](https://evil.example/p.png) @octocat @acme/board *bold* `code` ~~gone~~ "
                "\u202eevil\u202c \u2066iso\u2069")


def gfm(text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


def hostile_file(tmp_path, title: str = FORGED_TITLE, ident: str = "INI-2026-031") -> str:
    text = open(EXAMPLE, encoding="utf-8").read()
    text = text.replace("title: Risicoscore bijstandsaanvragen", "title: %s" % json.dumps(title))
    text = text.replace("id: INI-2026-031", "id: %s" % json.dumps(ident))
    text = text.replace("approved_by: CIO", "approved_by: %s" % json.dumps("@acme/board <b>x</b>"),
                        1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(args) -> str:
    with captured() as (out, err):
        cli.run(args)
    return out.getvalue().decode("utf-8")


def assert_inert(html: str, links: int = 0) -> None:
    """No element, comment, emphasis or mention from input; `links`: the links idm makes."""
    assert html.count("<a ") == links, html
    for element in ("<img", "<svg", "<!--", "<em>", "<strong>bold", "<del>", "<b>"):
        assert element not in html, element
    assert "\u202e" not in html and "\u2066" not in html
    assert not re.search(r"(?<![\w\u200b])@(octocat|acme)", html), "a live mention"


def test_a_title_cannot_forge_a_dossier_section_or_hide_it(tmp_path):
    md = run(["dossier", hostile_file(tmp_path), "--format", "markdown", "--date", DATE])
    assert "\r" not in md
    html = gfm(md)
    assert html.count("<h2>1. Decision of the board</h2>") == 1
    assert "<li>[x]" not in html and 'checked=""' not in html
    assert_inert(html)
    # Every section is still there: nothing was commented out.
    assert html.count("<h2>") == 6
    assert "\\u202e" in md   # the override is shown, not applied


def test_check_report_markdown_keeps_input_inert(tmp_path):
    md = run(["check", hostile_file(tmp_path, ident="A``<img src=x onerror=alert(1)>``B"),
              "--format", "markdown", "--date", DATE, "--jobs", "1"])
    html = gfm(md)
    assert_inert(html)
    # The id stays inside one code span, shown as written.
    assert "<code>A``&lt;img src=x onerror=alert(1)&gt;``B</code>" in html


@pytest.mark.parametrize("raw", ["`", "``", "a`b", "``x``", "`` ` ``", "a|b", "x\ny"])
def test_code_span_holds_any_backticks(raw):
    html = gfm("| c |\n|---|\n| %s |\n" % mdtext.code(raw))
    cells = re.findall(r"<td>(.*?)</td>", html, re.S)
    assert cells == ["<code>%s</code>" % raw.replace("\n", " ").replace("&", "&amp;")], html


@pytest.mark.parametrize("raw, shown", [
    ("open_data", "open_data"),                         # ordinary names stay as written
    ("goals[0].success_criteria", "goals[0].success_criteria"),
    ("write to info@example.org", "write to info@example.org"),
    ("ask @octocat", "ask @\u200boctocat"),
    ("_x_ *y* [a](b) ![c](d) <e> & `f`",
     "\\_x\\_ \\*y\\* [a\\](b) ![c\\](d) &lt;e&gt; &amp; \\`f\\`"),
    ("# heading", "\\# heading"),
    ("a\u202eb\u2067c", "a\\\\u202eb\\\\u2067c"),   # shown as \\u202e once rendered
    ("line\rbreak", "line<br>break"),
])
def test_inline(raw, shown):
    assert mdtext.inline(raw) == shown


def test_bidi_controls_are_visible_in_html_reports_and_the_dashboard(tmp_path):
    path = hostile_file(tmp_path, title="Loket \u202eTPECCA\u202c \u2066x\u2069 \u200f")
    for args in (["check", path, "--format", "html"], ["report", path],
                 ["dossier", path]):
        page = run(args + ["--date", DATE, "--jobs", "1"] if args[0] != "dossier"
                   else args + ["--date", DATE])
        for char in ("\u202e", "\u202c", "\u2066", "\u2069", "\u200f"):
            assert char not in page, (args[0], char)
        assert "\\u202eTPECCA\\u202c" in page


def test_bidi_controls_are_visible_in_the_register(tmp_path):
    path = hostile_file(tmp_path)
    text = open(path, encoding="utf-8").read().replace(
        "justification: Oude regel", "justification: %s" % json.dumps("Oude \u202eregel"))
    open(path, "w", encoding="utf-8").write(text)
    for fmt in ("text", "csv", "json"):
        out = run(["exceptions", path, "--date", DATE, "--format", fmt])
        assert "\u202e" not in out, fmt
        assert "\\u202e" in out, fmt
    data = json.loads(run(["exceptions", path, "--date", DATE, "--format", "json"]))
    assert "Oude \u202eregel" in [e["justification"] for e in data["exceptions"]]


HOSTILE_PACK = '''apiVersion: idm/v1
kind: RulePack
name: hostile
rules:
  - id: ORG-100
    title: {en: "Owner <img src=x onerror=alert(1)> @octocat", nl: "Eigenaar"}
    message: {en: "No owner\\r## Forged heading", nl: "Geen eigenaar"}
    rationale: {en: "<!-- hide the rest", nl: "Waarom"}
    remediation: {en: "[click](https://evil.example)", nl: "Herstel"}
    references:
      - {title: "Ref2", url: "https://example.org/a) [x](https://evil.example"}
    category: business
    domain: direction
    severity: warning
    when: {path: owner.name, equals: "```"}
    at: owner.name
    examples:
      fail: [{owner: {name: "```\\n<img src=x onerror=alert(3)>\\n```"}}]
      pass: [{owner: {name: Afdeling}}]
'''


def test_the_rules_catalogue_keeps_a_packs_text_inert(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(HOSTILE_PACK, encoding="utf-8")
    assert cli.run(["rules", "docs", str(pack), "-o", str(tmp_path / "docs")]) == 0
    page = (tmp_path / "docs" / "business.md").read_text(encoding="utf-8")
    html = gfm(page)
    assert_inert(html, links=1)
    # The pack's URL stays one link: its ")" cannot end it and start another.
    assert re.findall(r'href="([^"]*)"', html) == [
        "https://example.org/a)%20%5Bx%5D(https://evil.example"]
    assert "<h2>Forged heading</h2>" not in html and html.count("<h2>") == 1
    listing = run(["rules", "list", str(pack), "--format", "markdown"])
    assert_inert(gfm(listing))


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

# Markdown's special characters, HTML's, line breaks, controls, a bidi override and two letters
# (no `.`, so no e-mail address or domain for GFM's autolinks to find).
ALPHABET = list("\\`*_[]()!<>&|~#+-=:@/ ab1\n\r\t\x1b\u202e\u2028\"'{}^$%")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_any_text_is_one_table_cell_showing_exactly_that_text(raw):
    import html as html_lib
    md = "| a | b |\n|---|---|\n| %s | x |\n" % mdtext.inline(raw)
    body = gfm(md).split("<tbody>")[1]
    cells = re.findall(r"<td>(.*?)</td>", body, re.S)
    assert len(cells) == 2 and cells[1] == "x", body
    cell = cells[0]
    assert re.sub(r"<br />|<br>", "", cell).count("<") == 0, cell   # no element but <br>
    from idm.engine.errors import escape_controls
    expected = "<br>".join(escape_controls(line) for line in re.split(r"\r\n|\r|\n", raw))
    shown = html_lib.unescape(cell.replace("<br />", "<br>")).replace(mdtext.ZWSP, "")
    assert shown.strip() == expected.strip(" \t")
