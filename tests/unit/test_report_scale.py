"""Reports at portfolio size (issue 16): above 200 initiatives a run keeps its results on disk
and reads them back as new objects; every report must still be written.  A report that fails is
exit code 2 with one line, and the other reports asked for are still written."""
from __future__ import annotations

import glob
import json
import os
import re

import pytest

from idm import cli

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATE = "2026-11-22"
SOURCES = sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml"))
                 + glob.glob(os.path.join(ROOT, "examples", "portfolio", "*.yaml")))


def make_portfolio(folder: str, n: int) -> str:
    """n initiatives copied from the examples, each with an id of its own."""
    texts = [open(p, encoding="utf-8").read() for p in SOURCES]
    for i in range(n):
        text = texts[i % len(texts)]
        text = re.sub(r"(?m)^id: (\S+)", lambda m: "id: %s-%05d" % (m.group(1), i), text, count=1)
        with open(os.path.join(folder, "i%05d.yaml" % i), "w", encoding="utf-8") as fh:
            fh.write(text)
    return folder


@pytest.fixture(scope="module")
def portfolio_201(tmp_path_factory):
    return make_portfolio(str(tmp_path_factory.mktemp("p201")), 201)


def _sections(text: str) -> int:
    return text.count('<section class="initiative"')


def _anchors_resolve(text: str) -> None:
    ids = re.findall(r' id="([^"]+)"', text)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r'href="#([^"]+)"', text)) <= set(ids)


def test_every_report_of_201_initiatives_read_back_from_disk(portfolio_201):
    from idm.engine.report import html
    from idm.engine.report.options import ReportOptions
    from idm.engine.check.run import SPOOL_AFTER, check
    from tests.steps.world import default_ruleset
    assert SPOOL_AFTER < 201
    result = check([portfolio_201], default_ruleset(), DATE, jobs=2)
    page = html.render(result, "nl", ReportOptions(details="all"))
    board = html.render_portfolio(result, "en", details="all")
    assert _sections(page) == _sections(board) == 201
    assert len(re.findall(r'<tr id="row-[^"]+" data-id=', board)) == 201
    _anchors_resolve(page)
    _anchors_resolve(board)


@pytest.mark.slow
@pytest.mark.parametrize("n", [201, 2000])
def test_cli_writes_every_report(n, tmp_path, capsys):
    (tmp_path / "p").mkdir()
    folder = make_portfolio(str(tmp_path / "p"), n)
    out = tmp_path / "out"
    out.mkdir()
    md, page, js, board = (str(out / f) for f in ("x.md", "x.html", "x.json", "board.html"))
    code = cli.run(["check", folder, "--date", DATE, "--format", "markdown", "--output", md,
                    "--report", "html:" + page, "--report", "json:" + js, "--details", "all"])
    assert code == 1, capsys.readouterr().err
    assert os.path.getsize(md) > 0
    assert len(json.load(open(js, encoding="utf-8"))["initiatives"]) == n
    assert cli.run(["report", folder, "--date", DATE, "--output", board, "--details", "all"]) == 1
    for path in (page, board):
        with open(path, encoding="utf-8") as fh:
            assert _sections(fh.read()) == n


def test_a_failing_report_is_exit_2_with_one_line_and_the_others_are_written(
        tmp_path, monkeypatch, capsys):
    from idm.engine.report import html

    def broken(result, out, lang="en", options=None):
        raise KeyError(12345)
    monkeypatch.setattr(html, "write", broken)
    md, page = str(tmp_path / "x.md"), str(tmp_path / "x.html")
    code = cli.run(["check", os.path.join(ROOT, "examples", "clean.yaml"), "--date", DATE,
                    "--format", "markdown", "--output", md, "--report", "html:" + page])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err == ["idm: could not write the html report to %s: KeyError: 12345" % page]
    assert os.path.getsize(md) > 0 and not os.path.exists(page)
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".idm-")]
