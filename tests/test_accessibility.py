"""axe-core on the board reports (issue 32): the dashboard (`idm report examples/portfolio
--lang nl`, and of 150 generated initiatives), the HTML check report and a review dossier, in
English and Dutch, each opened in headless Chromium at 1366 px and at 390 px (a phone), with
axe-core injected into the page; no rule of axe may find a violation.  A failure lists each
violation's rule id, impact and the elements it found.

axe-core is vendored under tests/fixtures/axe/ (version, source and licence in its README.md):
nothing is fetched.  Skipped, with the reason, when Chromium (Debian: apt-get install chromium)
or websocket-client is not installed, or the vendored file is missing.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from idm import cli
from tests.chromium_support import browser_or_skip, made_reports
from tools.chromium import Browser

pytestmark = pytest.mark.slow

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AXE = os.path.join(ROOT, "tests", "fixtures", "axe", "axe.min.js")
DATE = "2026-11-22"
SIZES = [(1366, 768, False), (390, 844, True)]
REPORTS = {
    "dashboard": ["report", "examples/portfolio", "--lang", "nl"],
    "dashboard-en": ["report", "examples/portfolio"],
    "check": ["check", "examples/clean.yaml", "examples/with-findings.yaml",
              "examples/early-phase.yaml", "--format", "html"],
    "check-nl": ["check", "examples/with-findings.yaml", "--format", "html", "--lang", "nl"],
    "dossier": ["dossier", "examples/with-findings.yaml"],
    "dossier-nl": ["dossier", "examples/with-findings.yaml", "--lang", "nl"],
}

# Every rule axe runs by default (WCAG 2.0, 2.1 and 2.2 A and AA, and its best practices), on
# the whole document; only the violations come back, each with the elements it names.
RUN = """axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 8).map(function (n) { return n.target.join(' '); }),
            nodes: v.nodes.length};
  });
})"""


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(AXE):
        pytest.skip("axe-core is missing (tests/fixtures/axe/axe.min.js; see the README.md "
                    "there)")
    b = browser_or_skip("the accessibility test of the HTML reports")
    yield b
    b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The reports, made once through the command line."""
    folder = tmp_path_factory.mktemp("a11y")
    made = made_reports(folder, REPORTS, DATE)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        # a large page (150 generated initiatives, those with errors in full): capped lists,
        # unticked "Print" boxes, the notes of what a print leaves out
        subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "generate.py"),
                        "--count", "150", "--seed", "1", "--profile", "realistic", "--out",
                        str(folder / "large")], check=True, stdout=subprocess.DEVNULL)
        made["dashboard-large"] = str(folder / "dashboard-large.html")
        assert cli.run(["report", str(folder / "large"), "--details", "errors", "--lang", "nl",
                        "--output", made["dashboard-large"], "--date", DATE]) in (0, 1)
    finally:
        os.chdir(cwd)
    return made


def violations(browser: Browser) -> list:
    """axe-core's violations on the page open in `browser`."""
    with open(AXE, encoding="utf-8") as fh:
        browser.evaluate(fh.read() + "\n;0")
    assert browser.evaluate("typeof axe.run") == "function"
    browser.ws.settimeout(300)      # the large page takes axe half a minute on this machine
    res = browser.call("Runtime.evaluate", session=True, expression=RUN, awaitPromise=True,
                       returnByValue=True)
    if "exceptionDetails" in res:
        raise AssertionError("axe-core failed: %s" % res["exceptionDetails"])
    return res["result"]["value"]


@pytest.mark.parametrize("width,height,mobile", SIZES)
@pytest.mark.parametrize("name", sorted(REPORTS) + ["dashboard-large"])
def test_axe_core_finds_no_violation(browser, pages, name, width, height, mobile):
    browser.viewport(width, height, mobile)
    browser.open("file://" + pages[name])
    found = violations(browser)
    assert found == [], "axe-core at %d px on %s:\n%s" % (
        width, name, "\n".join(json.dumps(v, ensure_ascii=False) for v in found))
