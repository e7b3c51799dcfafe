"""Silent wrong answers an outside rule author found (issue 27, item 13)."""
from __future__ import annotations

import json
import os
import re

import pytest

from idm import cli
from tests.cli_streams import captured

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extra")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACK = os.path.join(ROOT, "tests", "fixtures", "semantics", "retention-pack.yaml")
CLEAN = os.path.join(ROOT, "examples", "clean.yaml")
DATE = "2026-11-22"


def run(args):
    with captured() as (out, err):   # Click < 8.2 closes the streams with the block
        code = cli.run(args)
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


@pytest.mark.parametrize("other, fires", [("P120M", False), ("P520W", True), ("P11Y", True),
                                          ("P3652D", True)])
def test_portfolio_differ_compares_durations_as_values(tmp_path, other, fires):
    pack = open(PACK, encoding="utf-8").read()
    for ident, term in (("INI-A", "P10Y"), ("INI-B", other)):
        (tmp_path / ("%s.yaml" % ident)).write_text(
            "apiVersion: idm/v1\nkind: Initiative\nid: %s\ntitle: T\nphase: foundation\n"
            "design:\n  records:\n    retention:\n      - {object: Aanvraag, term: %s}\n"
            % (ident, term), encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(pack, encoding="utf-8")
    code, out, err = run(["check", str(tmp_path / "INI-A.yaml"), str(tmp_path / "INI-B.yaml"),
                          "--rules", str(tmp_path / "pack.yaml"), "--date", DATE,
                          "--format", "json", "--jobs", "1", "--fail-on", "never"])
    assert code == 0, err
    fired = [f["rule"] for i in json.loads(out)["initiatives"] for f in i["findings"]]
    assert ("ORG-RET-001" in fired) == fires   # P10Y is P120M; P3652D is not exactly ten years


def test_the_packs_own_examples_pass():
    assert run(["rules", "test", PACK])[0] == 0


def _states(page: str) -> set:
    """The states of the domain cells (table cells), not of the legend."""
    root = html5lib.parse(page, namespaceHTMLElements=False)
    return {c[len("state-"):] for td in root.iter("td")
            for c in (td.get("class") or "").split() if c.startswith("state-")}


def test_without_coverage_rules_no_domain_is_covered_and_clean():
    code, page, err = run(["check", CLEAN, "--rules", PACK, "--date", DATE, "--format", "html",
                           "--jobs", "1"])
    assert code == 0, err
    states = _states(page)
    assert "clean" not in states and "not_assessed" in states
    assert "Not assessed: no coverage rule in force" in page
    code, dossier, err = run(["dossier", CLEAN, "--rules", PACK, "--date", DATE])
    assert "clean" not in _states(dossier) and "not_assessed" in _states(dossier)
    assert "Not assessed: no coverage rule in force" in dossier
    code, md, err = run(["dossier", CLEAN, "--rules", PACK, "--date", DATE, "--format",
                         "markdown", "--lang", "nl"])
    assert "Gedekt en in orde" not in md and "Niet beoordeeld: geen dekkingsregel" in md
    # JSON agrees: no domain state is claimed for a domain no coverage rule assessed.
    code, out, err = run(["check", CLEAN, "--rules", PACK, "--date", DATE, "--format", "json",
                          "--jobs", "1"])
    assert json.loads(out)["initiatives"][0]["coverage"] == {}


def test_with_the_bundled_pack_domains_are_assessed():
    code, page, err = run(["check", CLEAN, "--date", DATE, "--format", "html", "--jobs", "1"])
    assert "not_assessed" not in _states(page)


def test_a_one_file_dossier_does_not_pass_portfolio_rules():
    code, page, err = run(["dossier", CLEAN, "--date", DATE])
    assert code == 0, err
    root = html5lib.parse(page, namespaceHTMLElements=False)
    outcomes = {tr.get("data-rule"): tr.get("data-outcome") for tr in root.iter("tr")
                if tr.get("data-outcome")}
    assert outcomes["POR-002"] == "not_assessed"   # duplicate ids: only a portfolio can tell
    assert outcomes["BUS-001"] == "passed"
    assert "Not judged – portfolio only" in page
    code, md, err = run(["dossier", CLEAN, "--date", DATE, "--format", "markdown",
                         "--lang", "nl"])
    assert re.search(r"\*\*POR-002\*\* .* \| \? Niet beoordeeld – alleen in portfoliocontext \|",
                     md)
