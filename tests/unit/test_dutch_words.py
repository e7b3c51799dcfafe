"""`--lang nl` reports speak Dutch: no English word of idm's own (its English catalogue, the
English texts of the bundled packs) in the text, Markdown and HTML check reports, the
dashboard or the dossier of the examples.

What may stay: the initiatives' own text, field names and paths (a user types them), rule ids,
sources marked as such (`lang="en"` on a reference title, `<code>`), and the short list of
proper names and loanwords below. A value of one of the format's enumerated fields is shown in
Dutch in a message ("is 'goedgekeurd'"), so it is not data here: the scan reports it when it
shows up in English.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from idm.engine.check.run import check
from idm.engine.pack.rulepack import load_ruleset_collecting
from idm.engine.report import dossier
from idm.engine.report import html as html_report
from idm.engine.report import render as render_report

ROOT = Path(__file__).resolve().parents[2]
DATE = "2026-11-22"
INPUTS = ["examples/clean.yaml", "examples/with-findings.yaml", "examples/early-phase.yaml",
          "examples/portfolio", "examples/v1.1"]
TOKEN = re.compile(r"[A-Za-zÀ-ÿ]+(?:[-_'][A-Za-zÀ-ÿ]+)*")
# A word standing alone: not part of a path (a.b), an identifier (a_b, not-ai) or an address.
WORD = re.compile(r"(?<![\w\-./#:@%{\[])[A-Za-z]{3,}(?![\w\-./\[(])")
# Words the scan may find although they are English, each with its reason. (Words Dutch shares
# with English, such as "contract" or "impact", are in the Dutch texts and never count.)
ALLOWED = {
    "flanders",   # "Flanders: Decreet Lokaal Bestuur": a Flemish source's title, as cited
}
# Values of the format that Dutch writes the same way (catalogue keys value.*).
LOANWORDS = {"api", "app", "website", "intranet", "extranet", "basis", "contract", "saas", "bpo",
             "cots"}


def _words(text: str) -> set:
    return {w.lower() for w in TOKEN.findall(text)}


def _collect(node, pick) -> set:
    """Lower-cased words `pick(mapping)` gives for every mapping inside a JSON schema."""
    out = set()
    if isinstance(node, dict):
        out |= {str(w).lower() for w in pick(node)}
        for v in node.values():
            out |= _collect(v, pick)
    elif isinstance(node, list):
        for v in node:
            out |= _collect(v, pick)
    return out


def _enum_values(schema) -> set:
    return _collect(schema, lambda n: [v for v in n.get("enum", ()) if isinstance(v, str)]
                    if isinstance(n.get("enum"), list) else [])


def _property_names(schema) -> set:
    return _collect(schema, lambda n: n.get("properties", {}) if isinstance(
        n.get("properties"), dict) else [])


def _catalogue_words(lang: str) -> set:
    po = (ROOT / "engine" / "locale" / lang / "LC_MESSAGES" / "idm.po").read_text("utf-8")
    return _words("\n".join(re.findall(r'msgstr(?:\[\d\])? "(.*)"', po)))


@pytest.fixture(scope="module")
def ruleset():
    rs, problems = load_ruleset_collecting(None)
    assert not problems
    return rs


@pytest.fixture(scope="module")
def english(ruleset) -> set:
    """Words idm writes in English and never in Dutch."""
    schema = json.loads((ROOT / "engine" / "schemas" / "initiative.schema.json").read_text())
    enums = _enum_values(schema)
    en, nl = _catalogue_words("en"), _catalogue_words("nl")
    for spec in ruleset.specs:
        r = spec.rule
        for t in (r.title, r.message, r.rationale, r.remediation):
            if t:
                en |= _words(t.get("en", ""))
                nl |= _words(t.get("nl", ""))
    data = []
    for item in INPUTS:
        path = ROOT / item
        data += [f.read_text("utf-8") for f in
                 (sorted(path.rglob("*.yaml")) if path.is_dir() else [path])]
    for d in ruleset.defs.data.values():
        data += [d.name, d.source or ""] + [i.name for i in d.items]
    # The initiatives' own words are data, but a value of an enumerated field is not.
    known = (nl | _words("\n".join(data)) | _property_names(schema) | ALLOWED) - enums
    known |= LOANWORDS
    return {w for w in en - known if not w.startswith("idm")}


def _visible(page: str) -> str:
    """What a reader meets on a page, without sources marked as another language and code."""
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", page)
    page = re.sub(r'(?s)<(\w+)\b[^>]*\blang="en"[^>]*>.*?</\1>', " ", page)
    page = re.sub(r"(?s)<code\b.*?</code>", " ", page)
    attrs = re.findall(r'\s(?:title|alt|aria-label|placeholder)="([^"]*)"', page)
    return html.unescape(re.sub(r"(?s)<[^>]*>", " ", page) + "\n" + "\n".join(attrs))


def english_in(text: str, english: set) -> list:
    """The English words of `text`, leaving out addresses, `code` and (Markdown's) HTML tags."""
    text = re.sub(r"https?://\S+|`[^`\n]*`|<[^<>\n]*>", " ", text)
    return sorted({w for w in WORD.findall(text) if w.lower() in english})


@pytest.fixture(scope="module")
def result(ruleset):
    return check(INPUTS, ruleset, DATE)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_dutch_check_report_has_no_english_word(fmt, result, english):
    out = render_report(result, fmt, "nl")
    assert english_in(_visible(out) if fmt == "html" else out, english) == []


def test_the_dutch_dashboard_has_no_english_word(ruleset, english):
    page = html_report.render_portfolio(check(["examples/portfolio"], ruleset, DATE), "nl")
    assert english_in(_visible(page), english) == []


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_dutch_dossier_has_no_english_word(fmt, ruleset, english):
    out = dossier.render(check(["examples/with-findings.yaml"], ruleset, DATE), ruleset, "nl", fmt)
    assert english_in(_visible(out) if fmt == "html" else out, english) == []


def test_an_english_enum_value_is_found(english):
    """The scan can fail: a value of the format left in English in a Dutch sentence."""
    assert english_in("Het portfoliobesluit is 'approved'; hosting buiten de EU.",
                      english) == ["approved"]
