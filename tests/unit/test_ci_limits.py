"""The CI reports hold on a real portfolio (issue 17): 500 initiatives made from the example files
with unique ids give a Markdown report under a pull-request comment's limit, summary first, and
capped GitHub annotations."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from idm.engine.report import github, markdown
from idm.engine.report.options import ReportOptions
from idm.engine.check.run import check
from tests.steps.world import default_ruleset

ROOT = Path(__file__).resolve().parent.parent.parent
DATE = "2026-11-22"
# GitHub's limit for a pull-request comment, in characters.
COMMENT_LIMIT = 65536


@pytest.fixture(scope="module")
def portfolio500(tmp_path_factory):
    """The result of checking 500 initiatives: the example files in turn, each with its own id."""
    folder = tmp_path_factory.mktemp("portfolio500")
    sources = sorted(p for p in (ROOT / "examples").rglob("*.yaml")
                     if "packs" not in p.relative_to(ROOT / "examples").parts)   # an example pack
    for i in range(500):
        source = sources[i % len(sources)]
        text, n = re.subn(r"(?m)^id:.*$", "id: GEN-%04d" % i, source.read_text("utf-8"), count=1)
        assert n == 1, source
        (folder / ("%04d-%s" % (i, source.name))).write_text(text, "utf-8")
    # Held in memory (no spooling to disk): the tests read the result several times.
    result = check([str(folder)], default_ruleset(), DATE, jobs=2, keep_documents=False,
                   spool_after=1000)
    assert len(result.initiatives) == 500 and not result.errors
    return result


def test_500_initiatives_fit_a_pull_request_comment(portfolio500):
    text = markdown.render(portfolio500)
    assert len(text) <= 65000 < COMMENT_LIMIT
    # Summary first: the verdict, the counts by domain, the blocking findings.
    headings = re.findall(r"^#{2,3} .*$", text, re.M)
    assert headings[0] == "## ❌ idm — Compliance gate: failed"
    assert headings[1] == "### Findings by domain"
    assert headings[2].startswith("### Blocking findings (")
    # Then as many details as fit, and one line saying what was left out and where it is.
    last = text.rstrip("\n").splitlines()[-1]
    assert re.fullmatch(r"_Left out to stay under 65,000 characters: \d+ table rows, \d+ "
                        r"sections\. The full report: rerun with `--max-chars 0` for the "
                        r"whole report\._", last), last
    whole = markdown.render(portfolio500, options=ReportOptions(max_chars=0))
    assert len(whole) > 10 * 65000
    assert whole.startswith(text[:text.index("### Blocking findings")])


def test_the_limit_counts_characters_not_bytes(portfolio500):
    text = markdown.render(portfolio500, "nl", ReportOptions(max_chars=20000,
                                                             full_reports=["idm.json"]))
    assert 19000 < len(text) <= 20000
    assert len(text.encode("utf-8")) > len(text)   # the icons are several bytes each
    assert text.rstrip("\n").endswith("Het volledige rapport: `idm.json`._")


def test_annotations_capped_per_type_with_one_summary_line(portfolio500):
    lines = github.render(portfolio500).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds[0] == "::notice" and "annotations shown: 10 of " in lines[0]
    assert kinds.count("::error") == 10 and kinds.count("::warning") == 10
    assert kinds.count("::notice") <= 10
    # Errors first.
    assert kinds[1:11] == ["::error"] * 10
