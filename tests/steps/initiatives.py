"""Steps of the rule specifications (features/rules/*.feature, in Dutch): the step library that
`idm rules test` runs any pack's features with (engine/authoring/gherkin_steps.py), reused here
so that the repository's features and a user's run on the same steps."""
from __future__ import annotations

import pytest

from idm.engine.authoring.gherkin_steps import *  # noqa: F401,F403  (steps, fixtures, hook)

from .world import World


@pytest.fixture
def world() -> World:
    return World()
