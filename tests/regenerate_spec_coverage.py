"""Rewrite docs/rules/spec-coverage.md: the coverage of the bundled pack by its examples, test
file and the scenarios of features/rules (tests/unit/test_spec_coverage.py checks it is current).

    python -m tests.regenerate_spec_coverage
"""
from __future__ import annotations

import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(ROOT, "docs", "rules", "spec-coverage.md")
COMMAND = "idm rules test --features features/rules --coverage"


def bundled_coverage():
    """The bundled pack's CoverageReport, measured from the repository root."""
    from idm.engine.app.console import Console
    from idm.engine.app.rules import RuleTestOptions, test
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = test(RuleTestOptions(features=["features/rules"], coverage=True,
                                      console=Console()))
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.failed
    return result.coverage_report


def page() -> str:
    from idm.engine.authoring.coverage import markdown
    return markdown(bundled_coverage(), COMMAND)


if __name__ == "__main__":
    with open(PAGE, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(page())
    print(PAGE)
