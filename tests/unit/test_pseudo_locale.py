"""Every report format in the pseudo-locale (engine.i18n.PSEUDO: every catalogue text and every
rule-pack text accented and lengthened): any plain English word left in what a user reads was
written past the catalogue.

What may stay plain is data: the initiatives' own text, rule ids, file paths, reference titles
and URLs from the packs, the values a user types (severity, domain and category keys, which the
formats carry as keywords), and markup.
"""
from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from idm.engine.authoring.catalogue import render_docs, render_list
from idm.engine.check.run import check
from idm.engine.i18n import PSEUDO
from idm.engine.model import CATEGORIES, DOMAINS
from idm.engine.pack.rulepack import load_ruleset_collecting
from idm.engine.report import dossier, register
from idm.engine.report import render as render_report

ROOT = Path(__file__).resolve().parents[2]
DATE = "2026-11-22"
INPUTS = ["examples/clean.yaml", "examples/with-findings.yaml", "examples/early-phase.yaml",
          "examples/portfolio", "tests/fixtures/decisions"]
WORD = re.compile(r"(?<![\w\-./#:@%{])[A-Za-z]{4,}(?![\w\-./])")
# Words of the formats themselves (option values, tool names), not of any language.
KEYWORDS = {"idm", "fail-on", "never", "error", "warning", "info", "none", "true", "false",
            "json", "sarif", "junit", "markdown", "html", "text", "github", "yaml",
            "durable_rules", "phase", "IDM"} | set(DOMAINS) | set(CATEGORIES)


@pytest.fixture(scope="module")
def ruleset():
    rs, problems = load_ruleset_collecting(None)
    assert not problems
    return rs


# An initiative with schema errors: its input errors are shown by every format too.
BROKEN = """\
id: BRK-1
title: Broken
phase: initiation
budget: {one_off: many}
unknwon_field: 1
"""
# A rule pack whose one rule misspells an operator: a rule-language parse error.
BROKEN_PACK = """\
apiVersion: idm/v1
kind: RulePack
name: broken
rules:
  - id: ORG-001
    title: {en: Purpose}
    message: {en: No purpose.}
    category: legislation
    domain: design
    severity: error
    when: {path: design.privacy.purpose, mising: true}
    at: design.privacy.purpose
"""


@pytest.fixture(scope="module")
def result(ruleset, tmp_path_factory):
    broken = tmp_path_factory.mktemp("pseudo") / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    out = check(INPUTS + [str(broken)], ruleset, DATE)
    assert out.errors, "the broken input must give input errors"
    return out


@pytest.fixture(scope="module")
def data_words(ruleset):
    """Words that are data: everything the input files say, the packs' reference titles and
    URLs, reference data names, and the rule ids."""
    text = []
    text.append(BROKEN)
    for item in INPUTS:
        path = ROOT / item
        files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
        text += [f.read_text(encoding="utf-8") for f in files]
    for spec in ruleset.specs:
        text += [spec.id] + ["%s %s" % (r.title, r.url or "") for r in spec.rule.references]
    for data in ruleset.defs.data.values():
        text += [data.name, data.source or ""] + [i.name for i in data.items]
    return {w.lower() for w in re.findall(r"[A-Za-z]+", "\n".join(text))}


def _leaks(text: str, data_words) -> list:
    keywords = {k.lower() for k in KEYWORDS}
    text = re.sub(r"https?://\S+", " ", text)
    return sorted({w for w in WORD.findall(text)
                   if w.lower() not in data_words and w.lower() not in keywords})


def _visible_html(page: str) -> str:
    """The text and the attributes a reader or a screen reader meets (title, alt, aria-*)."""
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", page)
    attrs = re.findall(r'\s(?:title|alt|aria-label|placeholder|summary)="([^"]*)"', page)
    body = re.sub(r"(?s)<[^>]*>", " ", page)
    return html.unescape(body + "\n" + "\n".join(attrs))


def _json_words(node, key="") -> str:
    """The JSON report's texts: messages, titles and labels (not its keys or enum values)."""
    if isinstance(node, dict):
        return "\n".join(_json_words(v, k) for k, v in node.items())
    if isinstance(node, list):
        return "\n".join(_json_words(v, key) for v in node)
    if isinstance(node, str) and re.search(r"message|title|label|summary|text|markdown", key):
        return node
    return ""


def _xml_words(page: str) -> str:
    root = ElementTree.fromstring(page)
    out = []
    for el in root.iter():
        out += [el.text or ""] + [v for k, v in el.attrib.items() if k in ("message",)]
    return "\n".join(out)


def _code_stripped(text: str) -> str:
    """Markdown and terminal text without `code` spans (paths, ids, option values)."""
    return re.sub(r"`[^`\n]*`|<[^<>\n]*>", " ", text)


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "junit", "sarif", "json", "html"])
def test_every_report_format_speaks_only_the_catalogue(fmt, result, data_words):
    out = render_report(result, fmt, PSEUDO)
    if fmt == "html":
        shown = _visible_html(out)
    elif fmt == "junit":
        shown = _xml_words(out)
    elif fmt in ("json", "sarif"):
        shown = _json_words(json.loads(out))
    else:
        # a workflow command's property names (::error file=...,line=...::) are keywords
        shown = re.sub(r"\b(file|line|col|endLine|endColumn|title)=", " ", _code_stripped(out))
    assert re.search(r"[ÅåÉéÎîÖöÛû]", shown), "the pseudo-locale was not used"
    assert _leaks(shown, data_words) == []


def test_the_dashboard_speaks_only_the_catalogue(ruleset, data_words):
    from idm.engine.report import html as html_report
    page = html_report.render_portfolio(check(["examples/portfolio"], ruleset, DATE), PSEUDO)
    assert _leaks(_visible_html(page), data_words) == []


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_dossier_speaks_only_the_catalogue(fmt, ruleset, data_words):
    one = check(["examples/with-findings.yaml"], ruleset, DATE)
    out = dossier.render(one, ruleset, PSEUDO, fmt)
    shown = _visible_html(out) if fmt == "html" else _code_stripped(out)
    assert _leaks(shown, data_words) == []


@pytest.mark.parametrize("fmt", ["text", "csv"])
def test_the_exceptions_register_speaks_only_the_catalogue(fmt, result, data_words):
    buf = io.StringIO()
    register.write(register.register(result), fmt, buf, PSEUDO)
    assert _leaks(buf.getvalue(), data_words) == []


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("recorded", [None, "BES-2026-031"])
def test_the_dossier_with_decisions_speaks_only_the_catalogue(fmt, recorded, ruleset,
                                                              data_words):
    from idm.engine.inputs.decisions import load_decisions
    found, _ = load_decisions(["tests/fixtures/decisions/decisions"])
    one = check(["tests/fixtures/decisions/initiatives/vergunningen.yaml"], ruleset,
                "2026-12-05", decisions=[d for d in found if d.initiative == "INI-2026-021"])
    out = dossier.render(one, ruleset, PSEUDO, fmt, recorded)
    shown = _visible_html(out) if fmt == "html" else _code_stripped(out)
    assert _leaks(shown, data_words) == []


@pytest.mark.parametrize("fmt", ["text", "csv"])
def test_the_decisions_register_speaks_only_the_catalogue(fmt, ruleset, data_words):
    from idm.engine.inputs.decisions import load_decisions
    from idm.engine.report import decision_register
    found, _ = load_decisions(["tests/fixtures/decisions/decisions"])
    run = check(["tests/fixtures/decisions/initiatives"], ruleset, "2026-12-05",
                decisions=found)
    buf = io.StringIO()
    decision_register.write(decision_register.register(run), fmt, buf, PSEUDO)
    assert _leaks(buf.getvalue(), data_words) == []


def test_the_rule_catalogue_speaks_only_the_catalogue(ruleset, data_words):
    pages = render_docs(ruleset, PSEUDO)
    shown = _code_stripped(re.sub(r"(?s)```.*?```", " ", "\n".join(pages.values())))
    shown += render_list(ruleset.specs, "text", PSEUDO)
    # Anchors and links are addresses, not words.
    shown = re.sub(r"\]\([^)]*\)", "]", shown)
    assert _leaks(shown, data_words) == []


def test_a_hard_coded_word_is_found(data_words):
    """The scan can fail: an English word next to pseudo-locale words is reported, data is not."""
    assert _leaks("[Ŵåîvéď~~] Waived examples/with-findings.yaml LEG-001 Risicoscore",
                  data_words) == ["Waived"]


def test_history_and_diff_speak_only_the_catalogue(result, tmp_path, data_words):
    """`idm history` and `idm diff` of two recorded runs (SQLite), in the pseudo-locale."""
    import dataclasses
    from idm.engine.history import render as history_render
    from idm.engine.history import views
    from idm.engine.history.record import open_store
    from idm.engine.history.snapshot import take
    store = open_store(str(tmp_path / "history.sqlite"))
    store.record(take(result, "check", "examples", [], {}, "2026-11-22T10:00:00Z"))
    fewer = dataclasses.replace(result, initiatives=result.initiatives[1:])
    store.record(take(fewer, "check", "examples", [], {}, "2026-11-23T10:00:00Z"))
    shown = history_render.history(views.history(store), "text", PSEUDO)
    shown += history_render.diff(views.diff(store), "text", PSEUDO)
    assert re.search(r"[ÅåÉéÎîÖöÛû]", shown)
    # the recorded root ("examples") is data, like a path
    assert _leaks(shown, data_words | {"examples"}) == []


# --- the commands' own messages (engine/app): an error path of each command, in the pseudo-locale

def _stderr_leaks(text: str, data_words) -> list:
    """Leaks in command messages: quoted values ('x') and option names are what the user typed."""
    text = re.sub(r"'[^'\n]*'|--[\w-]+", " ", text)
    return _leaks(_code_stripped(text), data_words)


def test_the_commands_speak_only_the_catalogue(tmp_path, monkeypatch, data_words):
    from idm.engine import app
    from idm.engine.app.check import report_value_problem
    from idm.engine.app.outputs import refuse_two_on_stdout
    from idm.engine.authoring.ruletest import CASE_KEYS, CaseResult, Report, load_test_file
    from idm.engine.compile.regex_time import RegexTimeout
    from idm.engine.errors import InputError
    from idm.engine.inputs.changes import changed_files
    monkeypatch.chdir(tmp_path)      # no .idm.yaml here: the packs commands have no project
    clean = str(ROOT / "examples" / "clean.yaml")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "broken_pack.yaml").write_text(BROKEN_PACK, encoding="utf-8")
    (tmp_path / "cases_test.yaml").write_text("kind: RuleTests\ncases: [1]\n", encoding="utf-8")
    said = []
    for result in [
        app.check(app.CheckOptions(paths=[], lang=PSEUDO)),                          # no paths
        app.check(app.CheckOptions(paths=["broken.yaml"], output="broken.yaml",
                                   lang=PSEUDO)),                                    # overwrite
        app.check(app.CheckOptions(paths=[clean], reports=["nothing"], lang=PSEUDO)),
        app.check(app.CheckOptions(paths=["broken.yaml"], date=DATE, lang=PSEUDO)),  # input error
        app.check(app.CheckOptions(paths=[clean], changed_only="-x", lang=PSEUDO)),
        app.check(app.CheckOptions(paths=[clean], rules=["broken_pack.yaml"], date=DATE,
                                   lang=PSEUDO)),                                    # rule pack
        app.baseline_create(app.BaselineOptions(paths=[clean], output="b.json", date=DATE,
                                                lang=PSEUDO)),                       # written
        app.dossier(app.DossierOptions(path=clean, output=str(tmp_path), date=DATE,
                                       lang=PSEUDO)),                                # a folder
        app.exceptions(app.ExceptionsOptions(paths=[], lang=PSEUDO)),
        app.decisions(app.DecisionsOptions(paths=[], lang=PSEUDO)),
        app.report(app.DashboardOptions(paths=[], lang=PSEUDO)),
        app.explain(app.ExplainOptions("LEG-00", lang=PSEUDO)),                      # no such rule
        app.rules_list(app.ListOptions(paths=["missing.yaml"], lang=PSEUDO)),
        app.rules_docs(app.DocsOptions(output="broken.yaml/docs", lang=PSEUDO)),
        app.packs(app.PacksOptions("lock", lang=PSEUDO)),                            # no project
        app.history_show(app.HistoryOptions(db="none.sqlite", lang=PSEUDO)),         # no store
        app.diff(app.DiffOptions(db=str(tmp_path), lang=PSEUDO)),                    # a folder
    ]:
        assert result.exit_code == 2 or result.stderr, result
        said.append(result.stderr)
    problems = load_test_file("cases_test.yaml")[1] + refuse_two_on_stdout([("a", "-"), ("b", "-")])
    said += [p.shown(PSEUDO) for p in problems]
    case = CaseResult("t.yaml:1:1", "case", ("LEG-001",), ("LEG-002",), ("LEG-002",), problems)
    said += [case.explain(PSEUDO), Report([case]).summary(PSEUDO), report_value_problem("x", PSEUDO)]
    said.append(RegexTimeout("(a+)+$", 2).said.text(PSEUDO))
    with pytest.raises(InputError) as e:
        changed_files("-x")
    said.append(e.value.problem.shown(PSEUDO))
    shown = "\n".join(said)
    assert all(line.strip() for line in said), said
    assert re.search(r"[ÅåÉéÎîÖöÛû]", shown), "the pseudo-locale was not used"
    # file names and the keys of a test file are data
    assert _stderr_leaks(shown, data_words | {"broken", "docs", "cases", "missing", "none", "sqlite"}
                         | set(CASE_KEYS)) == [], shown
