"""Shared step modules (pytest only takes pytest_plugins from the top-level conftest), and the
JUnit schema check that every JUnit report made by any test goes through."""
import pytest

pytest_plugins = ["tests.steps.initiatives", "tests.steps.cli", "tests.steps.ci",
                  "tests.steps.history", "tests.steps.packs", "tests.postgres",
                  "tests.steps.archimate", "tests.steps.editor",
                  "tests.steps.cache"]


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


def pytest_addoption(parser):
    parser.addoption("--result-cache", action="store_true",
                     help="Run every check with the result cache on (docs/cache.md): "
                          "pytest --result-cache tests/unit/test_robustness.py ...")


@pytest.fixture(scope="session")
def result_cache_folder(tmp_path_factory):
    return str(tmp_path_factory.mktemp("result-cache"))


@pytest.fixture
def result_cache_on(result_cache_folder, monkeypatch):
    """Every check uses one result cache folder for the whole session, whether or not a project
    file is in force (an explicit --no-cache still turns it off): later tests read what earlier
    ones wrote."""
    import idm.engine.app.cache as app_cache
    import idm.engine.check.run as run
    from idm.engine.check.cache import ResultCache
    folder = result_cache_folder
    monkeypatch.setattr(app_cache, "cache_folder",
                        lambda project_file, asked: None if asked is False else folder)
    defaults = list(run.check.__defaults__)
    defaults[-1] = ResultCache(folder)
    monkeypatch.setattr(run.check, "__defaults__", tuple(defaults))
    return folder


@pytest.fixture(autouse=True)
def _result_cache_when_asked(request):
    if request.config.getoption("--result-cache") and \
            request.node.get_closest_marker("own_cache") is None:
        request.getfixturevalue("result_cache_on")
