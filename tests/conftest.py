"""Shared step modules (pytest only takes pytest_plugins from the top-level conftest), and the
JUnit schema check that every JUnit report made by any test goes through."""
import pytest

pytest_plugins = ["tests.steps.initiatives", "tests.steps.cli", "tests.steps.ci",
                  "tests.steps.history", "tests.steps.packs", "tests.postgres",
                  "tests.steps.archimate", "tests.steps.cache"]


@pytest.fixture(autouse=True, scope="session")
def _every_junit_report_is_schema_valid():
    """Wrap the JUnit reporter: each report rendered during the tests is validated against
    junit-10.xsd before the test sees it (tests/junit_schema.py)."""
    from idm.engine.report import junit
    from tests.junit_schema import assert_valid

    original = junit.render

    def render(*args, **kwargs):
        text = original(*args, **kwargs)
        assert_valid(text)
        return text

    junit.render = render
    yield
    junit.render = original
