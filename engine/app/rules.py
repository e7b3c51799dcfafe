"""`idm rules lint|test|list|docs`: the commands of rule authors (docs/authoring.md)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, List, Optional, Sequence

from ..errors import Problem
from ..i18n import catalogue, said
from ..inputs.loader import Limits
from .common import CommandResult, emit_problems, fail, finish, load_ruleset, run_command
from .console import Console
from .outputs import Outputs, Target


@dataclass
class LintOptions:
    paths: Sequence[str] = ()     # packs and profiles; none: the bundled pack
    limits: Limits = field(default_factory=Limits)
    console: Console = field(default_factory=Console)
    lang: str = "en"              # the language of its messages


@dataclass
class LintResult(CommandResult):
    errors: int = 0               # problems of severity error
    warnings: int = 0


def lint(options: LintOptions) -> LintResult:
    """Exit code 0 no errors (warnings may be shown), 1 errors found, 2 a file is unusable."""
    from ..authoring.lint import lint as run_lint
    console = options.console
    result = LintResult()

    def body() -> int:
        found = run_lint(options.paths, options.limits)
        emit_problems(console, found.unusable, options.lang)
        for p in found.problems:
            console.echo(p.line_in(options.lang))
        if found.unusable:
            console.error(found.summary(options.lang))
        else:
            console.echo(found.summary(options.lang))
        result.errors, result.warnings = found.errors(), found.warnings()
        return found.exit_code()
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result


@dataclass
class RuleTestOptions:
    paths: Sequence[str] = ()
    date: Optional[str] = None    # YYYY-MM-DD; None: a test file's date:, else 2026-11-22
    limits: Limits = field(default_factory=Limits)
    console: Console = field(default_factory=Console)
    lang: str = "en"              # the language of its messages
    features: Sequence[str] = ()  # more .feature files or folders (besides those in the packs)
    fmt: str = "text"             # text, junit or json
    coverage: bool = False        # measure and report the coverage of each rule's leaves
    threshold: Optional[float] = None   # exit 1 below this coverage (percent); implies coverage


@dataclass
class RuleTestResult(CommandResult):
    failed: List[str] = field(default_factory=list)   # the failed cases, explained
    coverage: Optional[dict] = None                    # CoverageReport.data() when measured
    coverage_report: Any = None                        # the CoverageReport itself


def test(options: RuleTestOptions) -> RuleTestResult:
    """Exit code 0 every case and scenario passed (and coverage reached --threshold), 1 one
    failed (or coverage is below it), 2 a pack, test file or feature file is unusable, or a
    scenario could not run as written (docs/authoring.md, "Writing specifications")."""
    from ..authoring.coverage import Recorder, measure
    from ..authoring.ruletest import own_specs, rule_ypath, run_tests
    from ..authoring.specrun import feature_files, run_features
    from ..authoring.testreport import as_json, junit
    console = options.console
    result = RuleTestResult()
    measuring = options.coverage or options.threshold is not None

    def body() -> int:
        ruleset = load_ruleset(console, options.paths, options.limits, lang=options.lang)
        recorder = Recorder() if measuring else None
        record = recorder.record if recorder is not None else None
        report, problems = run_tests(ruleset, options.paths, options.date, options.limits,
                                     record)
        if report is None:
            fail(console, problems, options.lang)
        missing = [Problem.of(f, said("input.no_such_file_or_directory"), None, None)
                   for f in options.features if not os.path.exists(f)]
        if missing:     # a mistyped --features would run nothing and pass
            fail(console, missing, options.lang)
        files = feature_files(list(options.paths) + list(options.features))
        scenarios, problems = run_features(ruleset, files, options.lang, record)
        if problems:
            fail(console, problems, options.lang)
        results = list(report.cases) + list(scenarios)
        failed = [r for r in results if not r.passed]
        result.failed = [r.explain(options.lang) for r in failed]
        coverage = None
        if recorder is not None:
            specs = [s for s in own_specs(ruleset) if not s.implicit]
            coverage = measure(ruleset, specs, {s.id: rule_ypath(s) for s in specs},
                               recorder.cases)
            result.coverage, result.coverage_report = coverage.data(), coverage
        if options.fmt == "junit":
            console.echo(junit(results, options.lang), nl=False)
        elif options.fmt == "json":
            console.echo(as_json(results, options.lang, result.coverage), nl=False)
        else:
            for text in result.failed:
                console.echo(text)
            if coverage is not None:
                console.echo(coverage.text(options.lang, options.threshold), nl=False)
            console.echo(catalogue(options.lang)("ruletest.summary") % {
                "passed": len(results) - len(failed), "failed": len(failed)})
        if any(getattr(r, "status", "") == "error" for r in failed):
            return 2
        if failed:
            return 1
        if coverage is not None and options.threshold is not None and \
                coverage.below(options.threshold):
            return 1
        return 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result


@dataclass
class ListOptions:
    paths: Sequence[str] = ()
    category: Optional[str] = None
    domain: Optional[str] = None
    fmt: str = "text"             # text, json or markdown
    data: bool = False            # the reference data sets instead of the rules
    lang: str = "en"
    limits: Limits = field(default_factory=Limits)
    console: Console = field(default_factory=Console)
    params: bool = False          # the parameters and their values in force instead
    project_file: Optional[str] = None   # whose params: set the values (with params)


@dataclass
class ListResult(CommandResult):
    text: str = ""                # the listing


def list_rules(options: ListOptions) -> ListResult:
    from ..authoring.catalogue import render_data, render_list, render_params, select
    console = options.console
    result = ListResult()

    def body() -> int:
        project_file = options.project_file if options.params else None
        ruleset = load_ruleset(console, options.paths or _project_rules(project_file),
                               options.limits, project_file, lang=options.lang)
        if options.params:
            result.text = render_params(ruleset, options.fmt, options.lang)
        elif options.data:
            result.text = render_data(ruleset, options.fmt, options.lang)
        else:
            result.text = render_list(select(ruleset, options.category, options.domain),
                                      options.fmt, options.lang)
        console.echo(result.text, nl=False)
        return 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result


def _project_rules(project_file: Optional[str]) -> Sequence[str]:
    """The `rules:` of the project file, which other commands take in place of `--rules`."""
    if project_file is None:
        return ()
    from ..inputs.config import load_config
    config, _ = load_config(project_file)
    return tuple(config.get("rules") or ()) if config is not None else ()


@dataclass
class DocsOptions:
    output: str                   # the folder for the Markdown (created when missing)
    paths: Sequence[str] = ()
    lang: str = "en"
    limits: Limits = field(default_factory=Limits)
    console: Console = field(default_factory=Console)


def docs(options: DocsOptions) -> CommandResult:
    """Write the Markdown catalogue (an index and one page per category), each file atomically;
    an input or rule-pack file is never written over.  Exit code 0 written, 2 not (all)."""
    from ..authoring.catalogue import render_docs
    console = options.console
    outputs = Outputs(console, options.lang)
    outputs.protect_inputs(options.paths)

    def body() -> int:
        ruleset = load_ruleset(console, options.paths, options.limits, lang=options.lang)
        pages = sorted(render_docs(ruleset, options.lang).items())
        targets = [Target("markdown", os.path.join(options.output, name),
                          "--output %s" % options.output) for name, _ in pages]
        refused = outputs.refuse(targets)
        if refused:
            fail(console, refused, options.lang)
        if not outputs.make_folder(options.output):
            return 2
        for target, (_, text) in zip(targets, pages):
            if outputs.write(target, text):
                console.echo(target.path)
        return 2 if outputs.failed else 0
    result = CommandResult(exit_code=run_command(console, body, options.lang))
    finish(result, console, outputs.written)
    return result


@dataclass
class InitOptions:
    name: str                     # the folder of the new pack
    lang: str = "en"
    console: Console = field(default_factory=Console)


def init(options: InitOptions) -> CommandResult:
    """Make a new pack folder (engine/authoring/scaffold.py).  Exit code 0 made, 2 the folder
    exists already (nothing is written over) or a file could not be written."""
    from ..authoring.scaffold import files
    console = options.console
    outputs = Outputs(console, options.lang)

    def body() -> int:
        if os.path.lexists(options.name):
            fail(console, [Problem.of(options.name, said("init.exists"), None, None)],
                 options.lang)
        made = files(options.name)
        for path, text in made.items():
            if not outputs.make_folder(os.path.dirname(path)):
                return 2
            if not outputs.write(Target("yaml", path, options.name), text):
                return 2
        console.echo(catalogue(options.lang)("init.made") % {
            "folder": options.name, "files": len(made)})
        return 0
    result = CommandResult(exit_code=run_command(console, body, options.lang))
    finish(result, console, outputs.written)
    return result
