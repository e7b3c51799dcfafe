"""One honest state per IDM domain of an initiative, shared by every report (HTML, Markdown, text,
JSON, the dossier), so no two reports can disagree about a domain.

The states, worst first:
- missing_error / missing_warning: the phase requires the domain and the initiative does not
  describe it; drawn with the severity of the worst unwaived finding in the domain (its coverage
  finding), never like "covered with findings";
- errors / warnings: described (or not required) with unwaived findings of that severity;
- waived: no unwaived error or warning, but a waived finding (an accepted exception);
- clean: described, no unwaived error or warning (info findings do not colour a domain);
- not_required: the phase does not require it and the initiative does not describe it;
- not_assessed: no coverage rule in force speaks about the domain (a pack without coverage
  rules) and no finding either: idm cannot tell whether it is described, so never "clean".
"""
from __future__ import annotations

from typing import Dict, Iterable, Optional, Set

from ..model import DOMAINS, InitiativeResult, Severity

STATES = ("missing_error", "errors", "missing_warning", "warnings", "waived", "clean",
          "not_required", "not_assessed")
# Icons carry the state without colour (black-and-white print, colour-blind readers): no two
# states share one, so a missing domain with an error (circled times) never reads like one with
# a warning (circled slash).
ICONS = {"missing_error": "\u2297", "errors": "\u2715", "missing_warning": "\u2298",
         "warnings": "!", "waived": "\u25c7", "clean": "\u2713", "not_required": "\u2013",
         "not_assessed": "?"}
# The severity a state stands for; the colour of a state follows it.
TONE = {"missing_error": "error", "errors": "error", "missing_warning": "warning",
        "warnings": "warning", "waived": "neutral", "clean": "ok", "not_required": "neutral",
        "not_assessed": "neutral"}


def domain_state(initiative: InitiativeResult, domain: str) -> str:
    """The state of `domain` in `initiative` (see the module docstring)."""
    return states_of(initiative, (domain,))[domain]


def states_of(initiative: InitiativeResult, domains: Iterable[str]) -> Dict[str, str]:
    """domain_state of each of `domains`, the findings read once (reports of a portfolio ask
    for every domain of every initiative)."""
    worst: Dict[str, Severity] = {}
    waived: Set[str] = set()
    for f in initiative.findings:
        if f.waived:
            waived.add(f.domain)
        elif f.severity >= Severity.warning and f.severity > worst.get(f.domain, 0):
            worst[f.domain] = f.severity
    return {d: _state(initiative, d, worst.get(d), d in waived) for d in domains}


def _state(initiative: InitiativeResult, domain: str, worst: Optional[Severity],
           waived: bool) -> str:
    cov = initiative.coverage.get(domain)
    if cov is not None and cov.required and not cov.covered:
        if worst == Severity.error:
            return "missing_error"
        if worst is None and waived:
            return "waived"
        return "missing_warning"
    if worst == Severity.error:
        return "errors"
    if worst == Severity.warning:
        return "warnings"
    if waived:
        return "waived"
    if cov is None:
        return "not_assessed"
    if not cov.covered:
        return "not_required"
    return "clean"


def domain_states(initiative: InitiativeResult) -> Dict[str, str]:
    """Every domain's state, in the model's order, for the domains the coverage knows plus any
    domain a finding names."""
    names = [d for d in DOMAINS]
    names += sorted({f.domain for f in initiative.findings} | set(initiative.coverage)
                    - set(DOMAINS))
    return states_of(initiative, names)


def initiative_status(initiative: InitiativeResult) -> str:
    """One word for an initiative as a whole: errors, warnings or clean (unwaived findings,
    baselined ones included: a baseline changes the exit code, not what is wrong)."""
    worst = max((f.severity for f in initiative.findings if not f.waived), default=None)
    if worst == Severity.error:
        return "errors"
    if worst == Severity.warning:
        return "warnings"
    return "clean"
