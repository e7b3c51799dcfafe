"""A realistic RunResult built by hand, shared by the reporter tests.

Two initiatives (one with a waived finding, one whose phase is missing and whose finding has no
line), a portfolio-level finding, and an input error.  Paths are relative, so the reports do not
depend on the working directory.  The threshold is `warning`, so the info finding shows what
"below the threshold" looks like.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

from idm.engine.errors import Problem
from idm.engine.model import (DomainCoverage, Finding, InitiativeResult, Reference, Rule, RunResult,
                          Severity, Waiver)

FILE_A = "initiatives/gem-001.yaml"
FILE_B = "initiatives/sociaal domein/gem-002.yaml"   # a space, to exercise URI quoting
BROKEN = "initiatives/broken.yaml"


def _rule(rule_id: str, en: str, nl: str, category: str, domain: str, severity: Severity,
          references=(), portfolio_level: bool = False) -> Rule:
    return Rule(
        id=rule_id,
        title={"en": en, "nl": nl},
        message={"en": en + ".", "nl": nl + "."},
        category=category,
        domain=domain,
        severity=severity,
        rationale={"en": "Why %s matters." % rule_id, "nl": "Waarom %s ertoe doet." % rule_id},
        remediation={"en": "Fix %s." % rule_id, "nl": "Herstel %s." % rule_id},
        references=tuple(references),
        pack="idm-default",
        file="rules/%s.yaml" % rule_id,
        line=1,
        waivable=not portfolio_level,
        portfolio_level=portfolio_level,
    )


RULES = {r.id: r for r in [
    # Deliberately not in id order: the reporters must sort.
    _rule("TEC-001", "No exit strategy", "Geen exitstrategie", "technology", "operations",
          Severity.warning, [Reference("NORA Wendbaar")]),
    _rule("LEG-001", "Purpose of processing not stated", "Doelbinding ontbreekt", "legislation",
          "design", Severity.error,
          [Reference("AVG/GDPR art. 5(1)(b)", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"),
           Reference("Integraal Digitaliseringsmodel (IDM)")]),
    _rule("BUS-006", "Goal without success criteria", "Doel zonder succescriteria", "business",
          "direction", Severity.info),
    _rule("BUS-007", "Phase not stated", "Fase ontbreekt", "business", "direction",
          Severity.warning),
    _rule("COV-005", "Design not covered", "Inrichten niet beschreven", "coverage", "design",
          Severity.warning),
    _rule("INF-002", "Personal data marked as open data", "Persoonsgegevens als open data",
          "information", "design", Severity.error),
    _rule("POR-003", "Recurring costs dominate the portfolio",
          "Terugkerende lasten domineren de portfolio", "portfolio", "direction", Severity.info,
          portfolio_level=True),
]}

EVALUATED = ("BUS-006", "BUS-007", "COV-005", "INF-002", "LEG-001", "TEC-001")

WAIVER = Waiver(justification="Vendor contract ends 2026; exit plan follows",
                approved_by="CIO office", expires="2026-12-31", index=0)


def finding(rule_id: str, path: str, file: str, line: Optional[int], column: Optional[int],
            initiative: Optional[str], waiver: Optional[Waiver] = None,
            message: Optional[dict] = None) -> Finding:
    """A finding of a fixture rule, with the rule's severity, category and domain."""
    rule = RULES[rule_id]
    return Finding(rule=rule_id, severity=rule.severity, category=rule.category,
                   domain=rule.domain, message=message or dict(rule.message), path=path,
                   file=file, line=line, column=column, initiative=initiative, waiver=waiver)


def _coverage(required, missing) -> dict:
    out = {}
    for domain in ("legacy", "results", "stakeholders", "direction", "design"):
        gaps = tuple(missing.get(domain, ()))
        out[domain] = DomainCoverage(domain, domain in required, not gaps, gaps)
    return out


def run_result(**changes) -> RunResult:
    """The shared fixture; keyword arguments replace RunResult fields."""
    gem1 = InitiativeResult(
        id="GEM-001",
        title="Digitaal loket | Wmo",
        file=FILE_A,
        phase="foundation",
        data={},
        coverage=_coverage({"legacy", "stakeholders", "direction", "design"},
                           {"design": ("design.processes", "design.privacy.personal_data"),
                            "results": ("results.outcomes",)}),
        findings=[
            finding("TEC-001", "operations.applications[0].exit_strategy", FILE_A, 30, 7,
                    "GEM-001", waiver=WAIVER),
            finding("LEG-001", "design.privacy.purpose", FILE_A, 12, 5, "GEM-001"),
            finding("BUS-006", "direction.goals[1]", FILE_A, 20, 7, "GEM-001",
                    message={"en": "Goal 'save 100%' has no success criteria,\nsee: plan",
                             "nl": "Doel 'bespaar 100%' heeft geen succescriteria,\nzie: plan"}),
        ],
        rules_evaluated=EVALUATED,
    )
    gem2 = InitiativeResult(
        id="GEM-002",
        title="Zaakgericht werken",
        file=FILE_B,
        phase=None,
        data={},
        coverage=_coverage({"legacy", "stakeholders", "direction"}, {}),
        findings=[
            finding("COV-005", "design", FILE_B, 1, 1, "GEM-002"),
            finding("BUS-007", "phase", FILE_B, None, None, "GEM-002"),
        ],
        rules_evaluated=EVALUATED,
    )
    fields = dict(
        tool_version="0.1.0",
        date="2025-06-30",
        rules=dict(RULES),
        # GEM-002 first: the reporters must sort initiatives too.
        initiatives=[gem2, gem1],
        portfolio_findings=[finding("POR-003", "direction.portfolio", "", None, None, None)],
        errors=[Problem(BROKEN, "mapping values are not allowed here", 3, 9, "design")],
        fail_on=Severity.warning,
    )
    fields.update(changes)
    return RunResult(**fields)


def shift_lines(result: RunResult, by: int) -> RunResult:
    """The same result with every finding moved `by` lines down, as after an edit above them."""
    def move(f: Finding) -> Finding:
        return dataclasses.replace(f, line=f.line + by if f.line is not None else None)
    for initiative in result.initiatives:
        initiative.findings = [move(f) for f in initiative.findings]
    result.portfolio_findings = [move(f) for f in result.portfolio_findings]
    return result
