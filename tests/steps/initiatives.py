"""Steps of the rule specifications (features/rules/*.feature, in Dutch): the step library that
`idm rules test` runs any pack's features with (engine/authoring/gherkin_steps.py), reused here
so that the repository's features and a user's run on the same steps; plus the steps that give
a scenario rule packs and parameters of its own (features/packs/groepen.feature)."""
from __future__ import annotations

import pytest
import yaml
from pytest_bdd import given, parsers

from idm.engine.authoring.gherkin_steps import *  # noqa: F401,F403  (steps, fixtures, hook)

from .world import World


@pytest.fixture
def world(tmp_path) -> World:
    return World(folder=tmp_path)


@given(parsers.parse('het regelpakket "{name}" met:'))
def a_rule_pack(world: World, name: str, docstring: str) -> None:
    """A pack of the scenario's own: the initiatives are checked against it, not the default."""
    world.packs[name] = docstring


@given(parsers.parse('de projectparameter "{key}" is {value}'))
def a_project_parameter(world: World, key: str, value: str) -> None:
    world.params[key] = yaml.safe_load(value)
