"""Screenshots of the board reports for docs/: the dashboard, the check report and a review
dossier, each at 1366 px, at 390 px (a phone) and as printed page 1 (A4); and the first screen
of the dashboard of a generated portfolio of 3,000 initiatives.

    python tools/screenshots.py            # writes docs/screenshots/*.png

    python tools/screenshots.py dossier-decision    # only the reports named

Needs Chromium (Debian: apt-get install chromium) and, for the printed page, pdftoppm
(apt-get install poppler-utils) or PyMuPDF (pip install pymupdf).  The reports are made from
examples/ (the decision dossier from tests/fixtures/decisions) with a fixed date, so the
pictures change only when the reports do.  The decision dossier's printed picture is the page
that holds the board's decision (page 1, the decision record).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from idm import cli  # noqa: E402
from tools.chromium import CHROMIUM, Browser, pdf_pages  # noqa: E402

DATE = "2026-11-22"
OUT = os.path.join(ROOT, "docs", "screenshots")
REPORTS = {
    "dashboard": ["report", "examples/portfolio", "--lang", "nl"],
    "check": ["check", "examples/clean.yaml", "examples/with-findings.yaml",
              "examples/early-phase.yaml", "--format", "html"],
    "dossier": ["dossier", "examples/with-findings.yaml", "--lang", "nl"],
    "dossier-decision": ["dossier", "tests/fixtures/decisions/initiatives/vergunningen.yaml",
                         "--decision", "tests/fixtures/decisions/decisions/bes-2026-031.yaml",
                         "--lang", "nl"],
}
DECISION_HEADING = "1. Besluit van het architectuurboard"   # the decision record (Dutch)


def make(name: str, folder: str) -> str:
    path = os.path.join(folder, name + ".html")
    code = cli.run(REPORTS[name] + ["--output", path, "--date", DATE])
    if code not in (0, 1):
        raise SystemExit("idm %s exited %d" % (" ".join(REPORTS[name]), code))
    return path


def shoot(browser: Browser, path: str, name: str, folder: str) -> None:
    url = "file://" + path
    for width, height, mobile in ((1366, 900, False), (390, 844, True)):
        browser.viewport(width, height, mobile)
        browser.open(url)
        browser.screenshot(os.path.join(OUT, "%s-%d.png" % (name, width)))
    browser.viewport(1366, 900)
    browser.open(url)
    pdf = os.path.join(folder, name + ".pdf")
    pages = pdf_pages(browser.pdf(pdf))
    page, label = 1, "page1"
    if name == "dossier-decision":
        page, label = decision_page(pdf), "decision"
    target = os.path.join(OUT, "%s-print-%s" % (name, label))
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page),
                        "-singlefile", pdf, target], check=True)
    else:
        try:
            import pymupdf
        except ImportError:
            print("neither pdftoppm nor PyMuPDF: no printed page", file=sys.stderr)
        else:
            with pymupdf.open(pdf) as doc:
                doc[page - 1].get_pixmap(dpi=80).save(target + ".png")
    print("%s: %d printed pages" % (name, pages))


def large_first_screen(browser: Browser, folder: str) -> None:
    """The first screen of the dashboard of a generated portfolio of 3,000 initiatives (the
    benchmark's realistic profile, seed 1): tiles, search, the capped attention list."""
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    from generate import generate
    corpus = os.path.join(folder, "realistic-3000")
    generate(3000, 1, corpus, "realistic")
    path = os.path.join(folder, "dashboard-3000.html")
    code = cli.run(["report", corpus, "--lang", "nl", "--output", path, "--date", DATE,
                    "--jobs", str(os.cpu_count() or 1)])
    if code not in (0, 1):
        raise SystemExit("idm report of 3,000 initiatives exited %d" % code)
    browser.viewport(1366, 900)
    browser.open("file://" + path)
    browser.screenshot(os.path.join(OUT, "dashboard-3000-1366.png"))


def decision_page(pdf: str) -> int:
    """The printed page (from 1) on which the dossier's decision section starts."""
    try:
        import pymupdf
    except ImportError:
        return 1
    with pymupdf.open(pdf) as doc:
        for i, p in enumerate(doc):
            if DECISION_HEADING in p.get_text():
                return i + 1
    return 1


def main() -> int:
    if CHROMIUM is None:
        print("chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    os.makedirs(OUT, exist_ok=True)
    os.chdir(ROOT)
    folder = tempfile.mkdtemp(prefix="idm-shots-")
    browser = Browser()
    try:
        for name in sys.argv[1:] or REPORTS:
            shoot(browser, make(name, folder), name, folder)
        large_first_screen(browser, folder)
    finally:
        browser.close()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
