"""The step library of rule specifications: Gherkin scenarios (Dutch and English) that build
initiatives from short YAML doc strings, check them against a rule set and read what fired.

`idm rules test` runs the `.feature` files of any pack through pytest-bdd with this module as a
plugin (engine/authoring/specrun.py); the repository's own features reuse the same steps
(tests/steps/initiatives.py).  docs/gherkin-steps.md lists every step with an example.

A step never passes vacuously: a rule id that no loaded pack defines, an unusable date and an
initiative that fails validation raise `SpecError` (an error, not a failed expectation); a
missed expectation raises `SpecFailure`.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Set

import pytest
from pytest_bdd import given, parsers, then, when

from ..dates import is_date
from ..errors import InputError
from ..i18n import catalogue
from ..inputs.loader import load_file, parse_yaml
from ..model import Finding, RunResult
from ..pack.rulepack import RuleSet, load_ruleset
from .examples import DEFAULT_DATE, MINIMAL_DECISION, DocumentChecker, initiative, merge

# A rule id as written in a step: any id of any pack (no spaces, no quotes).
RULE = r"(?P<rule>[^\s\"]+)"


class SpecError(Exception):
    """The scenario cannot be run as written: counted as an error, never as a pass."""


class SpecFailure(AssertionError):
    """The scenario ran and an expectation did not hold."""


@dataclass
class SpecWorld:
    """What one scenario builds up: its initiatives, its date and the result of the check."""

    initiatives: List[Dict[str, Any]] = field(default_factory=list)
    decisions: List[Dict[str, Any]] = field(default_factory=list)   # board decisions
    date: str = DEFAULT_DATE
    result: Optional[RunResult] = None
    feature_file: str = ""        # the scenario's .feature file (files are read beside it)
    rules: Optional[Set[str]] = None   # the ids of the rule set the check used

    def own_ruleset(self) -> Optional[RuleSet]:
        """A rule set of the scenario's own to check against instead of the run's (none here;
        the repository's scenarios give packs of their own, tests/steps/world.py)."""
        return None


class SpecContext:
    """The rule set scenarios are checked against, the language of step messages, and what is
    told of each check (coverage: `record(initiatives, date, rule ids that fired)`)."""

    def __init__(self, ruleset: RuleSet, lang: str = "en",
                 record: Optional[Callable[[List[Dict[str, Any]], str, Any], None]] = None):
        self.ruleset = ruleset
        self.lang = lang
        self.record = record
        self.known = {s.id for s in ruleset.specs}
        self._checkers: Dict[str, DocumentChecker] = {}

    def say(self, key: str, **values: Any) -> str:
        return catalogue(self.lang)(key) % values

    def checker(self, date: str) -> DocumentChecker:
        """One compiled rule set per date, made when first needed and kept for the run."""
        if date not in self._checkers:
            self._checkers[date] = DocumentChecker(self.ruleset, date)
        return self._checkers[date]

    def close(self) -> None:
        for checker in self._checkers.values():
            checker.close()
        self._checkers = {}


@functools.lru_cache(maxsize=None)
def _bundled() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="session")
def idm_specs(request: pytest.FixtureRequest):
    """The runner's context when `idm rules test` runs the scenarios; else the bundled pack."""
    for plugin in request.config.pluginmanager.get_plugins():
        if isinstance(getattr(plugin, "idm_spec_context", None), SpecContext):
            yield plugin.idm_spec_context      # the runner's (engine/authoring/specrun.py)
            return
    context = SpecContext(_bundled())
    yield context
    context.close()


@pytest.fixture
def world() -> SpecWorld:
    return SpecWorld()


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any,
                               scenario: Any) -> None:
    """Tell the scenario's world which file it is written in (pytest-bdd's hook)."""
    found = request.getfixturevalue("world")
    if isinstance(found, SpecWorld):
        found.feature_file = feature.filename


def _partial(context: SpecContext, docstring: Optional[str]) -> Dict[str, Any]:
    """The doc string read as initiative files are (dates stay text), a mapping or nothing."""
    if not docstring or not docstring.strip():
        return {}
    try:
        data = parse_yaml("<doc string>", docstring).data
    except InputError as e:
        raise SpecError(e.problem.shown(context.lang))
    if data is not None and not isinstance(data, dict):
        raise SpecError(context.say("specs.docstring_mapping"))
    return data or {}


def _findings(context: SpecContext, world: SpecWorld, rule: str) -> List[Finding]:
    """The findings of `rule`; an error when nothing was checked or no loaded pack has it."""
    if world.result is None:
        if rule not in context.known:
            raise SpecError(context.say("specs.unknown_rule", rule=rule))
        raise SpecError(context.say("specs.not_checked"))
    if rule not in (world.rules if world.rules is not None else context.known):
        raise SpecError(context.say("specs.unknown_rule", rule=rule))
    return [f for f in world.result.all_findings() if f.rule == rule]


def _fired(context: SpecContext, world: SpecWorld) -> str:
    found = sorted("%s@%s" % (f.rule, f.path or "-") for f in world.result.all_findings())
    return ", ".join(found) or context.say("specs.nothing")


def _fail(context: SpecContext, world: SpecWorld, key: str, **values: Any) -> SpecFailure:
    return SpecFailure("%s\n%s" % (context.say(key, **values),
                                   context.say("specs.fired", rules=_fired(context, world))))


# ------------------------------------------------------------------ Given

@given(parsers.parse("een initiatief met:"))
@given(parsers.parse("an initiative with:"))
def an_initiative(idm_specs: SpecContext, world: SpecWorld, docstring: str) -> None:
    world.initiatives.append(initiative(_partial(idm_specs, docstring)))


@given(parsers.parse('een initiatief "{ident}" met:'))
@given(parsers.parse('an initiative "{ident}" with:'))
def a_named_initiative(idm_specs: SpecContext, world: SpecWorld, ident: str,
                       docstring: str) -> None:
    world.initiatives.append(initiative(_partial(idm_specs, docstring), ident))


@given(parsers.parse("een besluit met:"))
@given(parsers.parse("a decision with:"))
def a_decision(idm_specs: SpecContext, world: SpecWorld, docstring: str) -> None:
    """A board decision: the doc string merged onto a minimal one (on the initiative
    INI-TEST, which `een initiatief met:` makes)."""
    ident = "BES-%02d" % (len(world.decisions) + 1)
    world.decisions.append(merge(dict(MINIMAL_DECISION, id=ident),
                                 _partial(idm_specs, docstring)))


@given(parsers.parse('het initiatiefbestand "{path}"'))
@given(parsers.parse('the initiative file "{path}"'))
def an_initiative_file(idm_specs: SpecContext, world: SpecWorld, path: str) -> None:
    """A whole initiative file, its path relative to the folder of the .feature file."""
    full = os.path.join(os.path.dirname(world.feature_file), path)
    try:
        world.initiatives.append(load_file(full, display=path).data)
    except InputError as e:
        raise SpecError(e.problem.shown(idm_specs.lang))


@given(parsers.parse("de evaluatiedatum {date}"))
@given(parsers.parse("the evaluation date {date}"))
def evaluation_date(idm_specs: SpecContext, world: SpecWorld, date: str) -> None:
    if not is_date(date.strip()):
        raise SpecError(idm_specs.say("specs.bad_date", date=date))
    world.date = date.strip()


# ------------------------------------------------------------------ When

@when("ik het initiatief controleer")
@when("ik de portfolio controleer")
@when("I check the initiative")
@when("I check the portfolio")
def check_initiatives(idm_specs: SpecContext, world: SpecWorld) -> None:
    if not world.initiatives:
        raise SpecError(idm_specs.say("specs.no_initiative"))
    own = world.own_ruleset()
    if own is not None:
        with DocumentChecker(own, world.date) as checker:
            result = checker.check(world.initiatives, "<scenario>", world.decisions)
        world.rules = {s.id for s in own.specs}
    else:
        result = idm_specs.checker(world.date).check(world.initiatives, "<scenario>",
                                                     world.decisions)
    if result.errors:
        raise SpecError("\n".join([idm_specs.say("specs.invalid")] +
                                  ["  " + p.shown(idm_specs.lang) for p in result.errors]))
    world.result = result
    if idm_specs.record is not None and own is None:
        idm_specs.record(list(world.initiatives), world.date,
                         {f.rule for f in result.all_findings()})


# ------------------------------------------------------------------ Then

@then(parsers.re(r"vuurt regel %s$" % RULE))
@then(parsers.re(r"rule %s fires$" % RULE))
def rule_fires(idm_specs: SpecContext, world: SpecWorld, rule: str) -> None:
    if not _findings(idm_specs, world, rule):
        raise _fail(idm_specs, world, "specs.expected_fire", rule=rule)


@then(parsers.re(r"vuurt regel %s niet$" % RULE))
@then(parsers.re(r"rule %s does not fire$" % RULE))
def rule_does_not_fire(idm_specs: SpecContext, world: SpecWorld, rule: str) -> None:
    if _findings(idm_specs, world, rule):
        raise _fail(idm_specs, world, "specs.expected_not_fire", rule=rule)


@then(parsers.re(r'vuurt regel %s op "(?P<path>[^"]+)"$' % RULE))
@then(parsers.re(r'rule %s fires at "(?P<path>[^"]+)"$' % RULE))
def rule_fires_at(idm_specs: SpecContext, world: SpecWorld, rule: str, path: str) -> None:
    if path not in [f.path for f in _findings(idm_specs, world, rule)]:
        raise _fail(idm_specs, world, "specs.expected_fire_at", rule=rule, path=path)


@then(parsers.re(r"vuurt regel %s (?P<n>\d+) keer$" % RULE))
@then(parsers.re(r"rule %s fires (?P<n>\d+) times?$" % RULE))
def rule_fires_n_times(idm_specs: SpecContext, world: SpecWorld, rule: str, n: str) -> None:
    found = len(_findings(idm_specs, world, rule))
    if found != int(n):
        raise _fail(idm_specs, world, "specs.expected_times", rule=rule, n=int(n), found=found)


@then(parsers.re(r'vuurt regel %s bij initiatief "(?P<ident>[^"]+)"$' % RULE))
@then(parsers.re(r'rule %s fires on initiative "(?P<ident>[^"]+)"$' % RULE))
def rule_fires_on(idm_specs: SpecContext, world: SpecWorld, rule: str, ident: str) -> None:
    if ident not in [f.initiative for f in _findings(idm_specs, world, rule)]:
        raise _fail(idm_specs, world, "specs.expected_fire_on", rule=rule, ident=ident)


@then(parsers.re(r'vuurt regel %s bij initiatief "(?P<ident>[^"]+)" op "(?P<path>[^"]+)"$'
                 % RULE))
@then(parsers.re(r'rule %s fires on initiative "(?P<ident>[^"]+)" at "(?P<path>[^"]+)"$'
                 % RULE))
def rule_fires_on_at(idm_specs: SpecContext, world: SpecWorld, rule: str, ident: str,
                     path: str) -> None:
    found = [(f.initiative, f.path) for f in _findings(idm_specs, world, rule)]
    if (ident, path) not in found:
        raise _fail(idm_specs, world, "specs.expected_fire_on_at", rule=rule, ident=ident,
                    path=path)


@then(parsers.re(r'vuurt regel %s op "(?P<path>[^"]+)" van besluit "(?P<ident>[^"]+)"$'
                 % RULE))
@then(parsers.re(r'rule %s fires at "(?P<path>[^"]+)" of decision "(?P<ident>[^"]+)"$'
                 % RULE))
def rule_fires_on_decision(idm_specs: SpecContext, world: SpecWorld, rule: str, path: str,
                           ident: str) -> None:
    found = _findings(idm_specs, world, rule)
    files = {d.decision.doc.file: d.decision.id for d in world.result.decisions}
    if (ident, path) not in [(files.get(f.file), f.path) for f in found]:
        raise _fail(idm_specs, world, "specs.expected_fire_on_decision", rule=rule,
                    ident=ident, path=path)


@then(parsers.re(r"vuurt regel %s op portfolioniveau$" % RULE))
@then(parsers.re(r"rule %s fires at portfolio level$" % RULE))
def rule_fires_portfolio(idm_specs: SpecContext, world: SpecWorld, rule: str) -> None:
    _findings(idm_specs, world, rule)
    found = [f for f in world.result.portfolio_findings if f.rule == rule]
    if not found or not all(f.initiative is None for f in found):
        raise _fail(idm_specs, world, "specs.expected_portfolio", rule=rule)


@then(parsers.re(r"is de bevinding van regel %s opgeschort$" % RULE))
@then(parsers.re(r"the finding of rule %s is waived$" % RULE))
def finding_waived(idm_specs: SpecContext, world: SpecWorld, rule: str) -> None:
    found = _findings(idm_specs, world, rule)
    if not found or not all(f.waived for f in found):
        raise _fail(idm_specs, world, "specs.expected_waived", rule=rule)


@then(parsers.re(r"is de bevinding van regel %s niet opgeschort$" % RULE))
@then(parsers.re(r"the finding of rule %s is not waived$" % RULE))
def finding_not_waived(idm_specs: SpecContext, world: SpecWorld, rule: str) -> None:
    found = _findings(idm_specs, world, rule)
    if not found or any(f.waived for f in found):
        raise _fail(idm_specs, world, "specs.expected_not_waived", rule=rule)


@then(parsers.re(r'is de bevinding van regel %s bij initiatief "(?P<ident>[^"]+)" '
                 r'(?P<neg>niet )?opgeschort$' % RULE))
@then(parsers.re(r'the finding of rule %s on initiative "(?P<ident>[^"]+)" is '
                 r'(?P<neg>not )?waived$' % RULE))
def finding_waived_on(idm_specs: SpecContext, world: SpecWorld, rule: str, ident: str,
                      neg: Optional[str]) -> None:
    found = [f.waived for f in _findings(idm_specs, world, rule) if f.initiative == ident]
    if not found or any(w == bool(neg) for w in found):
        raise _fail(idm_specs, world, "specs.expected_not_waived_on" if neg else
                    "specs.expected_waived_on", rule=rule, ident=ident)


def _message_contains(context: SpecContext, world: SpecWorld, rule: str, text: str,
                      lang: str) -> None:
    messages = [f.message[lang] for f in _findings(context, world, rule)]
    if not any(text in m for m in messages):
        raise _fail(context, world, "specs.expected_message", rule=rule, text=text,
                    messages=" | ".join(messages) or context.say("specs.nothing"))


@then(parsers.re(r'bevat de melding van regel %s "(?P<text>[^"]+)"$' % RULE))
def message_contains_nl(idm_specs: SpecContext, world: SpecWorld, rule: str, text: str) -> None:
    _message_contains(idm_specs, world, rule, text, "nl")


@then(parsers.re(r'the message of rule %s contains "(?P<text>[^"]+)"$' % RULE))
def message_contains_en(idm_specs: SpecContext, world: SpecWorld, rule: str, text: str) -> None:
    _message_contains(idm_specs, world, rule, text, "en")
