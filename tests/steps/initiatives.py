"""Steps of the rule specifications (features/rules/*.feature, in Dutch): build initiatives from
short YAML doc strings, check them with the default pack, read findings."""
from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
import yaml
from pytest_bdd import given, parsers, then, when

from idm.engine.model import Finding
from idm.engine.check.run import check

from .world import World, default_ruleset, initiative


@pytest.fixture
def world() -> World:
    return World()


def _partial(docstring: str):
    data = yaml.safe_load(docstring) if docstring and docstring.strip() else {}
    assert data is None or isinstance(data, dict), "the doc string must be a YAML mapping"
    return data or {}


@given(parsers.parse("een initiatief met:"))
def an_initiative(world: World, docstring: str) -> None:
    world.initiatives.append(initiative(_partial(docstring)))


@given(parsers.parse('een initiatief "{ident}" met:'))
def a_named_initiative(world: World, ident: str, docstring: str) -> None:
    world.initiatives.append(initiative(_partial(docstring), ident))


@given(parsers.parse("een besluit met:"))
def a_decision(world: World, docstring: str) -> None:
    """A board decision: the doc string merged onto a minimal one (on INI-TEST)."""
    from idm.engine.authoring.examples import MINIMAL_DECISION, merge
    world.decisions.append(merge(dict(MINIMAL_DECISION, id="BES-%02d" % (len(world.decisions) + 1)),
                                 _partial(docstring)))


@given(parsers.parse('het voorbeeldinitiatief "{path}"'))
def an_example_initiative(world: World, path: str) -> None:
    """One of the initiatives under examples/, as shipped (path from the project root)."""
    root = Path(__file__).resolve().parent.parent.parent
    world.initiatives.append(yaml.safe_load((root / path).read_text("utf-8")))


@given(parsers.parse("de evaluatiedatum {date}"))
def evaluation_date(world: World, date: str) -> None:
    world.date = date


@when("ik het initiatief controleer")
@when("ik de portfolio controleer")
def check_initiatives(world: World, tmp_path) -> None:
    paths = world.write_initiatives(tmp_path)
    world.result = check(paths, default_ruleset(), world.date, jobs=1)
    assert not world.result.errors, "\n".join(map(str, world.result.errors))


def _findings(world: World, rule: str) -> List[Finding]:
    assert world.result is not None, "check the initiatives first"
    return [f for f in world.result.all_findings() if f.rule == rule]


def _describe(world: World) -> str:
    return ", ".join(sorted("%s@%s" % (f.rule, f.path) for f in world.result.all_findings()))


@then(parsers.re(r"vuurt regel (?P<rule>[A-Z]+-\d{3})$"))
def rule_fires(world: World, rule: str) -> None:
    assert _findings(world, rule), "%s did not fire; fired: %s" % (rule, _describe(world))


@then(parsers.re(r"vuurt regel (?P<rule>[A-Z]+-\d{3}) niet$"))
def rule_does_not_fire(world: World, rule: str) -> None:
    found = _findings(world, rule)
    assert not found, "%s fired at %s" % (rule, [f.path for f in found])


@then(parsers.re(r'vuurt regel (?P<rule>[A-Z]+-\d{3}) op "(?P<path>[^"]+)"$'))
def rule_fires_at(world: World, rule: str, path: str) -> None:
    paths = [f.path for f in _findings(world, rule)]
    assert path in paths, "%s fired at %s, not at %s; fired: %s" % (rule, paths, path,
                                                                     _describe(world))


@then(parsers.re(r"vuurt regel (?P<rule>[A-Z]+-\d{3}) (?P<n>\d+) keer$"))
def rule_fires_n_times(world: World, rule: str, n: str) -> None:
    found = _findings(world, rule)
    assert len(found) == int(n), "%s fired %d times at %s" % (rule, len(found),
                                                             [f.path for f in found])


@then(parsers.re(r'vuurt regel (?P<rule>[A-Z]+-\d{3}) bij initiatief "(?P<ident>[^"]+)"$'))
def rule_fires_on(world: World, rule: str, ident: str) -> None:
    ids = [f.initiative for f in _findings(world, rule)]
    assert ident in ids, "%s fired on %s, not on %s" % (rule, ids, ident)


@then(parsers.re(r'vuurt regel (?P<rule>[A-Z]+-\d{3}) bij initiatief "(?P<ident>[^"]+)" '
                 r'op "(?P<path>[^"]+)"$'))
def rule_fires_on_at(world: World, rule: str, ident: str, path: str) -> None:
    found = [(f.initiative, f.path) for f in _findings(world, rule)]
    assert (ident, path) in found, "%s fired at %s" % (rule, found)


@then(parsers.re(r'vuurt regel (?P<rule>[A-Z]+-\d{3}) op "(?P<path>[^"]+)" van besluit '
                 r'"(?P<ident>[^"]+)"$'))
def rule_fires_on_decision(world: World, rule: str, path: str, ident: str) -> None:
    files = {d.decision.doc.file: d.decision.id for d in world.result.decisions}
    found = [(files.get(f.file), f.path) for f in _findings(world, rule)]
    assert (ident, path) in found, "%s fired at %s" % (rule, found)


@then(parsers.re(r"vuurt regel (?P<rule>[A-Z]+-\d{3}) op portfolioniveau$"))
def rule_fires_portfolio(world: World, rule: str) -> None:
    found = [f for f in world.result.portfolio_findings if f.rule == rule]
    assert found, "%s did not fire at portfolio level; fired: %s" % (rule, _describe(world))
    assert all(f.initiative is None for f in found)


@then(parsers.re(r"is de bevinding van regel (?P<rule>[A-Z]+-\d{3}) opgeschort$"))
def finding_waived(world: World, rule: str) -> None:
    found = _findings(world, rule)
    assert found and all(f.waived for f in found), "%s: waived %s" % (
        rule, [f.waived for f in found])


@then(parsers.re(r"is de bevinding van regel (?P<rule>[A-Z]+-\d{3}) niet opgeschort$"))
def finding_not_waived(world: World, rule: str) -> None:
    found = _findings(world, rule)
    assert found and not any(f.waived for f in found), "%s: waived %s" % (
        rule, [f.waived for f in found])


@then(parsers.re(r'bevat de melding van regel (?P<rule>[A-Z]+-\d{3}) "(?P<text>[^"]+)"$'))
def message_contains(world: World, rule: str, text: str) -> None:
    messages = [f.message["nl"] for f in _findings(world, rule)]
    assert any(text in m for m in messages), "%r not in %s" % (text, messages)
