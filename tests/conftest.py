"""Shared step modules (pytest only takes pytest_plugins from the top-level conftest)."""
pytest_plugins = ["tests.steps.initiatives", "tests.steps.cli", "tests.steps.ci", "tests.steps.history",
                  "tests.postgres"]
