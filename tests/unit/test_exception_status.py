"""One status per comply-or-explain exception (engine/report/exception_status.py): the register,
the dashboard and the dossier say the same, and an exception that EXC-003 finds waives
nothing is never shown as valid."""
from __future__ import annotations

import json
import os

import pytest

from idm.engine.app import (DashboardOptions, DossierOptions, ExceptionsOptions, dossier,
                            exceptions, report)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FILE = os.path.join(ROOT, "examples", "with-findings.yaml")   # TEC-099: no such rule


@pytest.mark.parametrize("lang, unknown, valid", [("en", "Unknown rule", "Valid"),
                                                  ("nl", "Onbekende regel", "Geldig")])
def test_an_exception_on_an_unknown_rule_is_never_valid_in_the_dossier(lang, unknown, valid):
    shown = dossier(DossierOptions(FILE, fmt="markdown", date="2026-11-22", lang=lang)).stdout
    row = [line for line in shown.splitlines() if line.startswith("| TEC-099 |")]
    assert len(row) == 1 and "| %s |" % unknown in row[0] and valid not in row[0]


def test_the_register_the_dashboard_and_the_dossier_agree():
    register = json.loads(exceptions(ExceptionsOptions([FILE], fmt="json",
                                                       date="2026-11-22")).stdout)
    html = report(DashboardOptions([FILE], date="2026-11-22")).stdout
    page = dossier(DossierOptions(FILE, date="2026-11-22")).stdout
    by_rule = {e["rule"]: e["status"] for e in register["exceptions"]}
    assert by_rule["TEC-099"] == "unknown-rule"
    assert 'data-status="unknown-rule"' in html and 'data-status="unknown-rule"' in page
    for rule, status in by_rule.items():
        if status != "active":          # the register's word for every status by date
            assert html.count('data-status="%s"' % status) >= 1, rule
