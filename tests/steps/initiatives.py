"""Steps of the rule specifications (features/rules/*.feature, in Dutch): the step library that
`idm rules test` runs any pack's features with (engine/authoring/gherkin_steps.py), plus the
one step that reads an initiative shipped under examples/ in this repository."""
from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd import given, parsers

from idm.engine.authoring.gherkin_steps import *  # noqa: F401,F403  (the step definitions)
from idm.engine.inputs.loader import load_file

from .world import World


@pytest.fixture
def world() -> World:
    return World()


@given(parsers.parse('het voorbeeldinitiatief "{path}"'))
def an_example_initiative(world: World, path: str) -> None:
    """One of the initiatives under examples/, as shipped (path from the project root), read as
    idm reads initiative files (dates stay text)."""
    root = Path(__file__).resolve().parent.parent.parent
    world.initiatives.append(load_file(str(root / path)).data)
