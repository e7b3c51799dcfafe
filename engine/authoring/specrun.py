"""Run the `.feature` files of packs through pytest-bdd, in this process, for `idm rules test`.

The user writes Gherkin only: no conftest, no Python, no pytest.  pytest runs with its
configuration pinned (no ini file, no conftest, no plugin but pytest-bdd and this runner, no
cache, no terminal output) and with bytecode writing off, so nothing is written into the
user's tree.  The scenarios are bound to a module made here in memory (never imported from a
file); the step library is engine/authoring/gherkin_steps.py.  docs/design/specs.md.
"""
from __future__ import annotations

import os
import sys
import types
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ..errors import Problem
from ..i18n import catalogue, said
from ..inputs.discovery import display_name
from ..pack.rulepack import RuleSet, pack_path

FEATURE_SUFFIX = ".feature"
_PYTEST_ENV = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS")


@dataclass
class ScenarioResult:
    """One scenario (or one row of a scenario outline): where, its outcome and why."""

    where: str                   # FILE:LINE of the scenario
    name: str
    status: str = "passed"       # passed | failed | error
    lines: List[str] = field(default_factory=list)   # why it failed, one thing a line

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def explain(self, lang: str = "en") -> str:
        words = catalogue(lang)
        head = words("specs.error" if self.status == "error" else "specs.fail") % {
            "where": self.where, "name": self.name}
        return "\n".join([head] + ["  " + line for line in self.lines])


def feature_files(paths: Sequence[str]) -> List[str]:
    """`.feature` files: given directly, under a given directory, or in the folder of a given
    pack file's manifest (a pack directory)."""
    out: List[str] = []
    for p in map(pack_path, paths):
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
                out.extend(os.path.join(root, f) for f in sorted(files)
                           if f.endswith(FEATURE_SUFFIX))
        elif p.endswith(FEATURE_SUFFIX):
            out.append(p)
    seen: set = set()
    return [f for f in out if not (os.path.realpath(f) in seen or seen.add(os.path.realpath(f)))]


def parse_problems(files: Sequence[str]) -> List[Problem]:
    """A feature file that Gherkin cannot read, as one problem with its line (exit 2)."""
    from pytest_bdd.exceptions import GherkinParseError
    from pytest_bdd.parser import FeatureParser
    problems: List[Problem] = []
    for f in files:
        try:
            FeatureParser(os.path.dirname(os.path.abspath(f)), os.path.basename(f)).parse()
        except GherkinParseError as e:
            problems.append(Problem.of(display_name(f), said("specs.gherkin", problem=e.message),
                                       e.line, None))
        except (OSError, UnicodeDecodeError) as e:
            problems.append(Problem.of(display_name(f), said("specs.unreadable",
                                                             problem=str(e)), None, None))
    return problems


class _Runner:
    """The pytest plugin that binds the scenarios and collects their outcomes."""

    def __init__(self, context: Any, files: Sequence[str], anchor: str, lang: str):
        self.idm_spec_context = context     # what gherkin_steps' idm_specs fixture looks for
        self.files = [os.path.abspath(f) for f in files]
        self.names = {os.path.abspath(f): display_name(f) for f in files}
        self.anchor = anchor
        self.lang = lang
        self.results: Dict[str, ScenarioResult] = {}
        self.order: List[str] = []
        self.problems: List[Problem] = []

    def _result(self, nodeid: str) -> Optional[ScenarioResult]:
        return self.results.get(nodeid)

    # -- collection
    def pytest_pycollect_makemodule(self, module_path: Any, parent: Any) -> Any:
        if os.path.abspath(str(module_path)) == self.anchor:
            return _module_class(self).from_parent(parent, path=module_path)
        return None

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            self.problems.append(Problem.of("<features>", said(
                "specs.collect", problem=str(report.longrepr).strip().splitlines()[-1]),
                None, None))

    # -- pytest-bdd's hooks
    def pytest_bdd_before_scenario(self, request: Any, feature: Any, scenario: Any) -> None:
        name = self.names.get(os.path.abspath(feature.filename), feature.filename)
        node = request.node
        title = scenario.name
        params = getattr(getattr(node, "callspec", None), "id", None)
        if params:
            title = "%s [%s]" % (title, params)
        self.results[node.nodeid] = ScenarioResult("%s:%d" % (name, scenario.line_number), title)
        self.order.append(node.nodeid)

    def _step(self, request: Any, feature: Any, step: Any, status: str, text: str) -> None:
        result = self._result(request.node.nodeid)
        if result is None:
            return
        name = self.names.get(os.path.abspath(feature.filename), feature.filename)
        words = catalogue(self.lang)
        result.status = status
        result.lines.append(words("specs.step") % {"where": "%s:%d" % (name, step.line_number),
                                                   "step": "%s %s" % (step.keyword, step.name)})
        result.lines.extend(line for line in text.splitlines() if line.strip())

    def pytest_bdd_step_error(self, request: Any, feature: Any, scenario: Any, step: Any,
                              step_func: Any, step_func_args: Any, exception: Exception) -> None:
        from .gherkin_steps import SpecError, SpecFailure
        status = "failed" if isinstance(exception, SpecFailure) else "error"
        text = str(exception) if isinstance(exception, (SpecFailure, SpecError)) else \
            "%s: %s" % (type(exception).__name__, exception)
        self._step(request, feature, step, status, text)

    def pytest_bdd_step_func_lookup_error(self, request: Any, feature: Any, scenario: Any,
                                          step: Any, exception: Exception) -> None:
        self._step(request, feature, step, "error", catalogue(self.lang)("specs.undefined") % {
            "step": "%s %s" % (step.keyword, step.name)})

    def pytest_runtest_logreport(self, report: Any) -> None:
        if not report.failed:
            return
        result = self._result(report.nodeid)
        if result is None:      # failed before its scenario started: still never a pass
            result = self.results[report.nodeid] = ScenarioResult(report.nodeid, report.nodeid)
            self.order.append(report.nodeid)
        if result.status != "passed":
            return
        result.status = "error"     # failed outside a step (a fixture, pytest itself)
        text = str(report.longrepr).strip().splitlines()
        result.lines.append(text[-1] if text else "error")


def _spec_module(anchor: str, files: Sequence[str]) -> types.ModuleType:
    """A module, made in memory, holding one test function per scenario of `files`."""
    from pytest_bdd import scenarios
    module = types.ModuleType("idm_specs")
    module.__file__ = anchor
    module.__dict__.update(_idm_scenarios=scenarios, _idm_files=list(files))
    # scenarios() binds the tests into the namespace of the module-level code calling it.
    exec(compile("_idm_scenarios(*_idm_files, features_base_dir='/')", anchor, "exec"),
         module.__dict__)
    return module


def _module_class(runner: "_Runner") -> Any:
    import pytest

    class SpecModule(pytest.Module):
        def _getobj(self) -> types.ModuleType:
            return _spec_module(runner.anchor, runner.files)

    return SpecModule


def run_features(ruleset: RuleSet, files: Sequence[str], lang: str = "en",
                 record: Optional[Callable[[List[Dict[str, Any]], str, Any], None]] = None
                 ) -> Tuple[List[ScenarioResult], List[Problem]]:
    """Every scenario of `files` against `ruleset`; problems: a file that cannot be read."""
    if not files:
        return [], []
    problems = parse_problems(files)
    if problems:
        return [], problems
    import pytest

    from . import gherkin_steps
    from .gherkin_steps import SpecContext
    context = SpecContext(ruleset, lang, record)
    anchor = os.path.abspath(gherkin_steps.__file__)
    runner = _Runner(context, files, anchor, lang)
    args = [anchor, "-c", os.devnull, "--rootdir", os.path.dirname(anchor), "--noconftest",
            "--disable-plugin-autoload", "-p", "pytest_bdd.plugin", "-p", "no:cacheprovider",
            "-p", "no:terminal", "-p", "no:stepwise", "-p", "no:junitxml", "-p", "no:pastebin",
            "-p", "no:doctest", "-p", "no:legacypath", "-p", "no:tmpdir", "-p", "no:faulthandler",
            "--capture=no",
            "-W", "ignore::pytest.PytestAssertRewriteWarning", "--assert", "plain",
            "-o", "python_functions=test_*", "-o", "bdd_features_base_dir=/"]
    writing = sys.dont_write_bytecode
    sys.dont_write_bytecode = True      # nothing imported for the run leaves a __pycache__
    # A user's PYTEST_ADDOPTS or PYTEST_PLUGINS is for their own test runs, not for this one.
    environment = {k: os.environ.pop(k) for k in _PYTEST_ENV if k in os.environ}
    try:
        code = pytest.main(args, plugins=[gherkin_steps, runner])
    finally:
        sys.dont_write_bytecode = writing
        os.environ.update(environment)
        context.close()
    if int(code) not in (0, 1, 5) and not runner.problems:     # 5: no scenario in the files
        runner.problems.append(Problem.of("<features>", said("specs.collect",
                                                             problem="pytest %d" % code),
                                          None, None))
    if runner.problems:
        return [], runner.problems
    return [runner.results[n] for n in runner.order], []
