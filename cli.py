"""The idm command line: wires options to the engine, picks a reporter, returns the exit code."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import os
import signal
import sys
from typing import (TYPE_CHECKING, Any, Callable, List, NoReturn, Optional, Sequence, Tuple,
                    TextIO, TypeVar, cast)

import click

from idm import engine
from idm.engine.check.baseline import BASELINE_LIMIT
from idm.engine.errors import InputError, Problem, escape_controls
from idm.engine.inputs.loader import Limits
from idm.engine.report.output import STDOUT
from idm.engine.model import LANGS, Severity
from idm.engine.report import FORMATS

if TYPE_CHECKING:
    from idm.engine.pack.rulepack import RuleSet
    from idm.engine.report.options import ReportOptions

FAIL_ON = ("error", "warning", "info", "never")


def _date(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> str:
    if value is None:
        return _dt.date.today().isoformat()
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter("%r is not a date YYYY-MM-DD" % value)


def _optional_date(ctx: click.Context, param: click.Parameter, value: Optional[str]
                   ) -> Optional[str]:
    return None if value is None else _date(ctx, param, value)


class _Echo:
    """A text stream onto click.echo (which copes with the console's encoding), in chunks of
    64 KB: a portfolio's report is written as it is made, not held whole."""

    def __init__(self) -> None:
        self._parts: List[str] = []
        self._size = 0

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= 65536:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            click.echo("".join(self._parts), nl=False)
            self._parts, self._size = [], 0


def _emit_problems(problems: Sequence[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)


def _fail(problems: Sequence[Problem]) -> NoReturn:
    """Unusable input: every problem on stderr, exit code 2."""
    _emit_problems(problems)
    raise SystemExit(2)


def _ruleset(paths: Sequence[str], limits: Limits) -> "RuleSet":
    """The rule set of the packs at `paths` (the bundled pack when none), with the project's
    packs (idm.lock and the cache, never the network) and overrides; exit 2 when unusable."""
    from idm.engine.pack.project import project_ruleset
    ctx = click.get_current_context()
    date = ctx.params.get("date") or _dt.date.today().isoformat()
    ruleset, problems = project_ruleset(paths, ctx.meta.get("idm.rules_given", True),
                                        ctx.meta.get("idm.project"), date, limits)
    if problems:
        _fail(problems)
    return ruleset


def _parse_reports(values: Sequence[str]) -> List[Tuple[str, str]]:
    out = []
    for v in values:
        fmt, sep, path = v.partition(":")
        if not sep or fmt not in FORMATS or not path:
            raise click.BadParameter("%r: expected FORMAT:FILE with FORMAT one of %s"
                                     % (v, ", ".join(FORMATS)), param_hint="--report")
        out.append((fmt, path))
    return out


# ---- options shared by the commands: defined once, so every command reads them the same way

F = TypeVar("F", bound=Callable[..., Any])

lang_option = click.option("--lang", type=click.Choice(list(LANGS)), default="en",
                           show_default=True, help="Language of messages and labels.")
rules_option = click.option("--rules", "rules", multiple=True, metavar="PATH",
                            help="Rule pack file or directory (repeatable); idm-default "
                                 "is the bundled pack, the default.")


def date_option(help: str = "Evaluation date for expiries and rule validity. Default: today.",
                optional: bool = False) -> Callable[[F], F]:
    """--date YYYY-MM-DD; today when not given, or None when `optional`."""
    return click.option("--date", callback=_optional_date if optional else _date,
                        metavar="YYYY-MM-DD", help=help)


def _jobs(ctx: click.Context, param: click.Parameter, value: Optional[int]) -> int:
    return value or os.cpu_count() or 1


jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                           callback=_jobs, help="Worker processes. Default: the number of cores.")


def limits_options(f: F) -> F:
    """--max-file-size, --max-values and --max-depth, passed to the command as `limits`."""
    @functools.wraps(f)
    def command(*args: Any, max_file_size: int, max_values: int, max_depth: int,
                **kwargs: Any) -> Any:
        return f(*args, limits=Limits(max_bytes=max_file_size, max_nodes=max_values,
                                      max_depth=max_depth), **kwargs)
    options = [
        click.option("--max-file-size", type=click.IntRange(min=1), default=Limits().max_bytes,
                     show_default=True, help="Largest input file in bytes."),
        click.option("--max-values", type=click.IntRange(min=1), default=Limits().max_nodes,
                     show_default=True, help="Most values in one input file, each use of a "
                                             "YAML alias counted (docs/security.md)."),
        click.option("--max-depth", type=click.IntRange(min=1, max=200),
                     default=Limits().max_depth, show_default=True,
                     help="Deepest nesting of lists and mappings in one input file."),
    ]
    for option in reversed(options):
        command = option(command)
    return cast(F, command)



def record_option(f: Callable) -> Callable:
    return click.option(
        "--record", "record_to", is_flag=False, flag_value="", default=None, metavar="[TARGET]",
        help="Append this run to a history store: a file (SQLite), sqlite:///PATH or "
             "postgresql://... (password from IDM_DB_URL or PG* variables). Without TARGET: "
             "$IDM_DB_URL, else .idm/history.sqlite. Write --record=TARGET before the inputs.")(f)


def db_option(f: Callable) -> Callable:
    return click.option(
        "--db", "db", metavar="TARGET",
        help="The history store to read (as for --record). Default: the --record target, "
             "else $IDM_DB_URL, else .idm/history.sqlite.")(f)


def report_options(f: F) -> F:
    """--max-chars, --sarif-max-results, --max-annotations and --rules-doc-url: what the CI
    consumers' limits ask of a report (engine/report/options.py), passed to the command as
    `report_options`."""
    from idm.engine.report.options import (DEFAULT_MAX_ANNOTATIONS, DEFAULT_MAX_CHARS,
                                       DEFAULT_RULES_DOC_URL, DEFAULT_SARIF_MAX_RESULTS,
                                       ReportOptions)

    @functools.wraps(f)
    def command(*args: Any, max_chars: int, sarif_max_results: int, max_annotations: int,
                rules_doc_url: str, **kwargs: Any) -> Any:
        return f(*args, report_options=ReportOptions(max_chars, sarif_max_results,
                                                     max_annotations, rules_doc_url), **kwargs)
    options = [
        click.option("--max-chars", type=click.IntRange(min=0), default=DEFAULT_MAX_CHARS,
                     show_default=True, help="Most Unicode characters in a Markdown report; "
                     "what does not fit is left out and named (0: no limit)."),
        click.option("--sarif-max-results", type=click.IntRange(min=0),
                     default=DEFAULT_SARIF_MAX_RESULTS, show_default=True,
                     help="Most results in a SARIF run, errors kept first (0: no limit)."),
        click.option("--max-annotations", type=click.IntRange(min=0),
                     default=DEFAULT_MAX_ANNOTATIONS, show_default=True,
                     help="Most annotations of each type in the github format (0: no limit)."),
        click.option("--rules-doc-url", metavar="URL", default=DEFAULT_RULES_DOC_URL,
                     show_default=True, help="Base URL of the published rule catalogue (idm "
                     "rules docs) that SARIF helpUri links point into."),
    ]
    for option in reversed(options):
        command = option(command)
    return cast(F, command)


# Settings of .idm.yaml -> the command parameter each one fills when the command line does not.
CONFIG_PARAMS = {"paths": "paths", "rules": "rules", "fail-on": "fail_on", "lang": "lang",
                 "baseline": "baseline", "reports": "reports", "max-chars": "max_chars",
                 "sarif-max-results": "sarif_max_results", "max-annotations": "max_annotations",
                 "rules-doc-url": "rules_doc_url"}


def project_config(f: F) -> F:
    """--config FILE, and the project file (that, or the nearest .idm.yaml in the working
    directory or a parent) filling every parameter the command line left at its default.

    Put it above the other option decorators: it must see their values as given."""
    @functools.wraps(f)
    def command(*args: Any, config_file: Optional[str], **kwargs: Any) -> Any:
        from idm.engine.inputs.config import find_config, load_config
        path = config_file or find_config()
        if path is not None:
            config, problems = load_config(path)
            if config is None:
                _fail(problems)
            ctx = click.get_current_context()
            # The project's packs and overrides reach the rule set through _ruleset.
            ctx.meta["idm.project"] = config
            ctx.meta["idm.rules_given"] = \
                ctx.get_parameter_source("rules") == click.core.ParameterSource.COMMANDLINE \
                and bool(kwargs.get("rules"))
            for key, name in CONFIG_PARAMS.items():
                # Click 8.1 calls an empty nargs=-1 argument "from the command line"; an empty
                # tuple cannot be given there, so it is the default whatever Click says.
                given = ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE \
                    and kwargs.get(name) != ()
                if key in config.settings and name in kwargs and not given:
                    value = config.settings[key]
                    kwargs[name] = tuple(value) if isinstance(value, list) else value
        return f(*args, **kwargs)
    return cast(F, click.option(
        "--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
        help="Project file to read instead of the nearest .idm.yaml in the working directory "
             "or a parent.")(command))


def _require_paths(paths: Sequence[str]) -> None:
    """Exit 2 with one line when neither the command line nor the project file names inputs."""
    if not paths:
        click.echo("idm: no paths to check: name them, or list them under `paths:` in "
                   ".idm.yaml", err=True)
        raise SystemExit(2)


class _Group(click.Group):
    """A command group that behaves the same under every Click that pyproject allows: without a
    command it prints its help on stderr and exits 2, a usage error (Click 8.1 printed it on
    stdout with exit 0; 8.2 changed that).  Subgroups are of the same class."""

    group_class = type

    def parse_args(self, ctx: click.Context, args: List[str]) -> List[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            click.echo(ctx.get_help(), err=True)
            ctx.exit(2)
        return super().parse_args(ctx, args)


# "--help" first: usage errors end with "Try 'idm check --help'", whichever Click is installed.
@click.group(cls=_Group, context_settings={"help_option_names": ["--help", "-h"]})
@click.version_option(engine.__version__, prog_name="idm")
def main() -> None:
    """idm: check initiative descriptions against principles of the Integraal
    Digitaliseringsmodel (IDM)."""


@main.command()
@click.argument("paths", nargs=-1)
@project_config
@rules_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically).")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:FILE",
              help="Also write a report in FORMAT to FILE (repeatable).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity of an unwaived finding that makes the exit code 1.")
@date_option()
@lang_option
@jobs_option
@limits_options
@click.option("--baseline", metavar="FILE",
              help="A previous JSON report (idm baseline create): its findings are still shown "
                   "but do not count for the exit code.")
@click.option("--max-baseline-size", type=click.IntRange(min=1), default=BASELINE_LIMIT,
              show_default=True, help="Largest --baseline file in bytes.")
@click.option("--changed-only", metavar="GITREF",
              help="Check only the files among PATHS changed since GITREF (git diff, plus "
                   "untracked files), each in its own repository. Nothing changed: exit 0.")
@report_options
@record_option
@db_option
@click.option("--since-last", is_flag=True,
              help="Add 'since the last recorded run: N new, N resolved' to the text, Markdown "
                   "and HTML reports (the last run recorded for the same inputs).")
@click.option("--no-waivers", is_flag=True,
              help="Audit: report every finding as if no comply-or-explain exception existed.")
def check(paths: Tuple[str, ...], rules: Tuple[str, ...], fmt: str, output: Optional[str],
          reports: Tuple[str, ...], fail_on: str, date: str, lang: str, jobs: int,
          limits: Limits, baseline: Optional[str], max_baseline_size: int,
          changed_only: Optional[str], record_to: Optional[str], db: Optional[str],
          since_last: bool, report_options: "ReportOptions", no_waivers: bool) -> None:
    """Check initiative files (or directories of them; - reads standard input).

    Without PATHS, checks the paths that the project file .idm.yaml names; options given on
    the command line override its settings.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 an input or rule pack could not be used, or nothing was checked.
    \b
    Examples:
      idm check examples/
      idm check my.yaml --rules idm-default --rules extra.yaml --format json --fail-on warning
      idm check initiatives/ --baseline idm-baseline.json --changed-only origin/main
      idm check initiatives/ --record --since-last
      idm check            # what .idm.yaml names
    """
    from idm.engine.check.run import check as run_check
    from idm.engine.inputs.discovery import read_stream

    _require_paths(paths)
    extra = _parse_reports(reports)
    targets = [(fmt, output or STDOUT, "--output %s" % output if output else "--format %s" % fmt)]
    targets += [(f, path, "--report %s:%s" % (f, path)) for f, path in extra]
    _refuse_outputs(targets, list(paths) + list(rules) + ([baseline] if baseline else []))
    # The rule packs are loaded first, whatever else happens: a gate never passes on a pack
    # that cannot be used, also when nothing changed.
    ruleset = _ruleset(rules, limits)
    known = None
    if baseline:
        from idm.engine.check.baseline import load_baseline
        known = load_baseline(baseline, max_bytes=max_baseline_size)
    select = None
    anything = True
    if changed_only is not None:
        from idm.engine.inputs.changes import changed_selector
        select, anything = changed_selector(paths, changed_only)
    # Nothing changed: nothing is recorded or compared (the run checked no initiative).
    history = _history(paths, select, record_to, db) \
        if (record_to is not None or since_last) and anything else None
    read_stdin: Callable[[], bytes] = lambda: read_stream(sys.stdin.buffer,  # noqa: E731
                                                          limits.max_bytes)
    if history is not None:
        read_stdin = history.inputs.reading(read_stdin)
    result = run_check(paths, ruleset, date, None if fail_on == "never" else Severity[fail_on],
                       limits, jobs, read_stdin=read_stdin,
                       select=select, keep_documents=record_to is not None
                       or "html" in [f for f, _, _ in targets], baseline=known,
                       apply_waivers=not no_waivers)
    _emit_problems(result.errors)
    if since_last and history is not None:
        result.since_last = _history_step(history.since_last, result)
    written = _deliver(result, targets, lang, dataclasses.replace(report_options, jobs=jobs))
    if history is not None:
        _record(history, result, "check", ruleset, lang)
    if history is not None and history.failed:
        raise SystemExit(2)
    if not anything:
        # The one empty run that passes: only changed files were asked for (docs/ci/README.md).
        # Its reports are still written, so no stale report from an earlier run is uploaded.
        click.echo(escape_controls("idm: no initiative file changed since %s; nothing to check"
                                   % changed_only), err=True)
        raise SystemExit(0 if written else 2)
    raise SystemExit(result.exit_code() if written else 2)


def _history(paths: Sequence[str], select: Optional[Callable[[str], bool]],
             record_to: Optional[str], db: Optional[str]) -> Any:
    from idm.engine.history.record import RunHistory
    return RunHistory(paths, select, record_to, db)


def _history_step(step: Callable[..., Any], *args: Any) -> Any:
    """One step of a run's history; a failing store is one line on stderr (exit 2 follows)."""
    from idm.engine.history.store import HistoryError
    try:
        return step(*args)
    except HistoryError as e:
        click.echo(str(e), err=True)
        return None


def _record(history: Any, result: Any, command: str, ruleset: "RuleSet", lang: str) -> None:
    from idm.engine.history.render import label
    done = _history_step(history.record, result, command, ruleset)
    if done is not None:
        click.echo(label("recorded_as", lang) % done, err=True)


def _refuse_outputs(targets: Sequence[Tuple[str, str, str]], inputs: Sequence[str]) -> None:
    """Stop before the run when a report would overwrite an input, or two go to stdout."""
    from idm.engine.inputs.discovery import expand_inputs
    from idm.engine.report.output import refuse_inputs, refuse_two_on_stdout
    from idm.engine.pack.rulepack import rule_files
    outputs = [(option, path) for _, path, option in targets]
    problems = refuse_two_on_stdout(outputs)
    if any(path != STDOUT and os.path.exists(path) for _, path in outputs):
        files = [p for p, _ in expand_inputs([p for p in inputs if os.path.exists(p)])[0]]
        problems += refuse_inputs(outputs, files + rule_files([p for p in inputs
                                                                if os.path.isdir(p)]))
    if problems:
        _fail(problems)


def _deliver(result: Any, targets: Sequence[Tuple[str, str, str]], lang: str = "en",
             report_options: Optional["ReportOptions"] = None) -> bool:
    """Write every report (files first, then the one on stdout); False when one failed."""
    from idm.engine.report import write
    from idm.engine.report.options import ReportOptions
    o = report_options or ReportOptions()
    # A report cut to a limit names the run's other report files that hold everything.
    capped = {"markdown": o.max_chars, "sarif": o.sarif_max_results, "github": o.max_annotations}
    files = [path for fmt, path, _ in targets if path != STDOUT and not capped.get(fmt)]

    def options(this: str) -> "ReportOptions":
        return dataclasses.replace(o, full_reports=[f for f in files if f != this])

    ok = True
    for fmt, path, _ in sorted(targets, key=lambda t: t[1] == STDOUT):
        ok = _write_one(fmt, path, functools.partial(write, result, fmt, lang=lang,
                                                     options=options(path))) and ok
    for notice in dict.fromkeys(o.notices):   # once, however many reports of the format
        click.echo(notice, err=True)
    return ok


def _write_one(fmt: str, path: Optional[str], writer: Callable[[TextIO], None]) -> bool:
    """Write one report to `path` (standard output when None or -); a report that fails,
    because of the file or because of the reporter, is one line on stderr and False, so the
    other reports asked for are still written."""
    from idm.engine.report.output import OutputError, write_report
    try:
        if path and path != STDOUT:
            write_report(path, writer)
        else:
            out = _Echo()
            writer(out)
            out.flush()
    except OutputError as e:
        click.echo(str(e), err=True)
        return False
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:   # a reporter bug must not cost the other reports
        click.echo(escape_controls("idm: could not write the %s report to %s: %s: %s" % (
            fmt, path if path and path != STDOUT else "standard output", type(e).__name__, e)),
            err=True)
        return False
    return True


@main.command("exceptions")
@click.argument("paths", nargs=-1)
@project_config
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Register format.")
@click.option("--output", "-o", metavar="FILE", help="Write the register to FILE (atomically).")
@date_option()
@lang_option
@jobs_option
@limits_options
def exceptions(paths: Tuple[str, ...], rules: Tuple[str, ...], fmt: str, output: Optional[str],
               date: str, lang: str, jobs: int, limits: Limits) -> None:
    """The comply-or-explain register: every exception of the initiatives in PATHS with its
    initiative, rule, justification, approver, expiry and status (active, incomplete, expired,
    unknown rule, rule not waivable, stale).

    Without PATHS, the paths that the project file .idm.yaml names; its rule packs and
    language apply unless given here.

    \b
    Exit codes: 0 the register was written, 2 an input or rule pack could not be used.
    \b
    Example:
      idm exceptions initiatives/ --format csv -o register.csv
    """
    from idm.engine.check.run import check as run_check
    from idm.engine.report.register import register, write

    _require_paths(paths)
    ruleset = _ruleset(rules, limits)
    result = run_check(paths, ruleset, date, None, limits, jobs)
    _emit_problems(result.errors)
    entries = register(result)
    if output:
        from idm.engine.report.output import OutputError, write_report
        try:
            write_report(output, functools.partial(write, entries, fmt, lang=lang))
        except OutputError as e:
            click.echo(str(e), err=True)
            raise SystemExit(2)
    else:
        out = _Echo()
        write(entries, fmt, out, lang)
        out.flush()
    raise SystemExit(2 if result.errors and not result.initiatives else 0)


@main.group()
def baseline() -> None:
    """Baselines: known findings that a gate reports but does not fail on."""


@baseline.command("create")
@click.argument("paths", nargs=-1)
@project_config
@rules_option
@click.option("--output", "-o", metavar="FILE", required=True, help="Where to write the baseline.")
@date_option()
@lang_option
@jobs_option
@limits_options
def baseline_create(paths: Tuple[str, ...], rules: Tuple[str, ...], output: str, date: str,
                    lang: str, jobs: int, limits: Limits) -> None:
    """Write the current findings of PATHS as a baseline for `idm check --baseline`.

    Without PATHS, the paths that the project file .idm.yaml names; its rule packs apply
    unless given here, so the baseline holds the findings the gate will compare.

    \b
    The baseline is the JSON report (idm check --format json). Exit codes: 0 written,
    2 an input or rule pack could not be used (nothing is written).
    \b
    Example:
      idm baseline create initiatives/ --output idm-baseline.json --date 2026-11-22
    """
    from idm.engine.check.run import check as run_check

    _require_paths(paths)
    _refuse_outputs([("json", output, "--output %s" % output)], list(paths) + list(rules))
    ruleset = _ruleset(rules, limits)
    result = run_check(paths, ruleset, date, Severity.error, limits, jobs, keep_documents=False)
    _emit_problems(result.errors)
    if result.errors or not result.initiatives:
        raise SystemExit(2)
    if not _deliver(result, [("json", output, "--output %s" % output)], lang):
        raise SystemExit(2)
    click.echo(escape_controls("%s: %d findings of %d initiatives" % (
        output, result.summary()["findings"], len(result.initiatives))), err=True)


@main.command()
@click.argument("which", type=click.Choice(["initiative", "rulepack", "profiles", "config",
                                            "pack"]))
def schema(which: str) -> None:
    """Print a JSON Schema, for editors (see the README); `config` is that of .idm.yaml,
    `pack` that of a pack's manifest pack.yaml."""
    from importlib import resources
    click.echo(resources.files("idm.engine").joinpath("schemas/%s.schema.json" % which)
               .read_text("utf-8"), nl=False)


@main.group()
def rules() -> None:
    """Author rules: lint, test, list and document rule packs (docs/authoring.md)."""


@rules.command("lint")
@click.argument("paths", nargs=-1)
@limits_options
def rules_lint(paths: Tuple[str, ...], limits: Limits) -> None:
    """Check rule packs and coverage profiles (default: the bundled pack).

    \b
    Exit codes: 0 no errors (warnings may be shown), 1 errors found, 2 a file is unusable.
    """
    from idm.engine.authoring.lint import lint
    result = lint(paths, limits)
    _emit_problems(result.unusable)
    for p in result.problems:
        click.echo(str(p))
    click.echo(result.summary(), err=bool(result.unusable))
    raise SystemExit(result.exit_code())


@rules.command("test")
@click.argument("paths", nargs=-1)
@date_option("Evaluation date. Default: a test file's date:, else 2026-11-22.", optional=True)
@limits_options
def rules_test(paths: Tuple[str, ...], date: Optional[str], limits: Limits) -> None:
    """Run the rules' examples and the *_test.yaml files beside the packs.

    \b
    Exit codes: 0 every case passed, 1 a case failed, 2 a pack or test file is unusable.
    """
    from idm.engine.authoring.ruletest import run_tests
    ruleset = _ruleset(paths, limits)
    report, problems = run_tests(ruleset, paths, date, limits)
    if report is None:
        _fail(problems)
    for case in report.failed:
        click.echo(case.explain())
    click.echo(report.summary())
    raise SystemExit(report.exit_code())


@rules.command("list")
@click.argument("paths", nargs=-1)
@click.option("--category", help="Only rules of this category.")
@click.option("--domain", help="Only rules of this domain.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True)
@click.option("--data", "data", is_flag=True,
              help="List the reference data sets of the packs (name, snapshot date, source).")
@lang_option
@limits_options
def rules_list(paths: Tuple[str, ...], category: Optional[str], domain: Optional[str], fmt: str,
               data: bool, lang: str, limits: Limits) -> None:
    """List the rules of the packs given (default: the bundled pack)."""
    from idm.engine.authoring.catalogue import render_data, render_list, select
    ruleset = _ruleset(paths, limits)
    if data:
        click.echo(render_data(ruleset, fmt, lang), nl=False)
        return
    click.echo(render_list(select(ruleset, category, domain), fmt, lang), nl=False)


@rules.command("docs")
@click.argument("paths", nargs=-1)
@click.option("--output", "-o", required=True, metavar="DIR", help="Folder for the Markdown.")
@lang_option
@limits_options
def rules_docs(paths: Tuple[str, ...], output: str, lang: str, limits: Limits) -> None:
    """Write a Markdown catalogue: an index and one page per category."""
    from idm.engine.authoring.catalogue import write_docs
    ruleset = _ruleset(paths, limits)
    for path in write_docs(ruleset, output, lang):
        click.echo(path)


@main.command()
@click.argument("rule_id")
@rules_option
@click.option("--initiative", metavar="FILE", help="Explain why the rule did or did not fire "
              "on this initiative.")
@date_option("Evaluation date (with --initiative). Default: today.")
@lang_option
@limits_options
def explain(rule_id: str, rules: Tuple[str, ...], initiative: Optional[str], date: str,
            lang: str, limits: Limits) -> None:
    """Everything about one rule; with --initiative, each part of its condition on that file."""
    from idm.engine.authoring.explain import describe, explain_initiative, find_rule
    ruleset = _ruleset(rules, limits)
    spec = find_rule(ruleset, rule_id)
    if initiative is None:
        click.echo(describe(ruleset, spec, lang), nl=False)
        return
    text, problems = explain_initiative(ruleset, spec, initiative, date, lang, limits)
    if text is None:
        _fail(problems)
    click.echo(text, nl=False)


@main.command()
@click.argument("paths", nargs=-1)
@project_config
@rules_option
@click.option("--output", "-o", metavar="FILE",
              help="Write the dashboard to FILE (atomically). Default: standard output.")
@date_option()
@lang_option
@jobs_option
@limits_options
@record_option
@click.option("--db", "db", is_flag=False, flag_value="", default=None, metavar="[TARGET]",
              help="Show the recorded reviews of a history store (as for --record) without "
                   "recording this one. Without TARGET: $IDM_DB_URL, else .idm/history.sqlite.")
def report(paths: Tuple[str, ...], rules: Tuple[str, ...], output: Optional[str], date: str,
           lang: str, jobs: int, limits: Limits, record_to: Optional[str],
           db: Optional[str]) -> None:
    """Portfolio dashboard: one self-contained HTML page for an architecture board.

    Without PATHS, the paths that the project file .idm.yaml names; its rule packs and
    language apply unless given here.

    \b
    Exit codes as for check: 0 no errors, 1 unwaived errors, 2 an input or rule pack
    could not be used, or nothing was checked.
    \b
    Example:
      idm report portfolio/ --output board.html --lang nl
      idm report portfolio/ --output board.html --record
    \b
    With --record or --db the dashboard also shows the recorded reviews of the same inputs:
    open findings per review, what changed since the last one, and exceptions over time.
    """
    from idm.engine.check.run import check as run_check
    from idm.engine.report.html import write_portfolio

    _require_paths(paths)
    if output:
        _refuse_outputs([("html", output, "--output %s" % output)], list(paths) + list(rules))
    ruleset = _ruleset(rules, limits)
    history = _history(paths, None, record_to, db) \
        if record_to is not None or db is not None else None
    result = run_check(paths, ruleset, date, Severity.error, limits, jobs)
    _emit_problems(result.errors)
    shown = _history_step(history.dashboard, result) if history is not None else None
    if shown is not None:
        result.since_last = shown.since_last
    written = _write_one("html", output, functools.partial(write_portfolio, result, lang=lang,
                                                          history=shown))
    if history is not None:
        _record(history, result, "report", ruleset, lang)
    raise SystemExit(2 if (history is not None and history.failed) or not written
                     else result.exit_code())


@main.command()
@click.argument("path", metavar="FILE")
@project_config
@rules_option
@click.option("--output", "-o", metavar="FILE",
              help="Write the dossier to FILE (atomically). Default: standard output.")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html",
              show_default=True, help="HTML (printable on A4) or Markdown.")
@date_option()
@lang_option
@limits_options
def dossier(path: str, rules: Tuple[str, ...], output: Optional[str], fmt: str, date: str,
            lang: str, limits: Limits) -> None:
    """Review dossier of one initiative: the document an architecture board decides on.

    The rule packs and language of the project file .idm.yaml apply unless given here.

    \b
    The initiative in the seven W's, the rule packs applied, every rule with its outcome
    (passed, finding, waived, not in force on the date), the frameworks it declares, the
    open comply-or-explain items and a decision block with signature lines.
    \b
    Exit codes: 0 written (findings are the board's to weigh), 2 the initiative or a rule
    pack could not be used, or the dossier could not be written.
    \b
    Example:
      idm dossier initiatives/loket.yaml --output dossier.html --lang nl
    """
    from idm.engine.check.run import check as run_check
    from idm.engine.inputs.discovery import read_stream
    from idm.engine.report.dossier import write as write_dossier

    if os.path.isdir(path):
        raise click.BadParameter("%r is a directory; a dossier is made for one initiative "
                                 "file" % path, param_hint="FILE")
    ruleset = _ruleset(rules, limits)
    result = run_check([path], ruleset, date, Severity.error, limits, 1,
                       read_stdin=lambda: read_stream(sys.stdin.buffer, limits.max_bytes))
    _emit_problems(result.errors)
    if result.errors or len(result.initiatives) != 1:
        raise SystemExit(2)
    ok = _write_one(fmt, output, lambda out: write_dossier(result, ruleset, out, lang, fmt))
    raise SystemExit(0 if ok else 2)


class _DefaultCommandGroup(_Group):
    """A group whose first command runs when no subcommand is named: `idm history [INITIATIVE]`
    beside `idm history prune` and `idm history erase`."""

    def parse_args(self, ctx: click.Context, args: List[str]) -> List[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = [next(iter(self.commands))] + list(args)
        return super().parse_args(ctx, args)


def _history_store(db: Optional[str], create: bool = False):
    from idm.engine.history.record import open_store
    from idm.engine.history.store import HistoryError
    try:
        return open_store(db, create)
    except HistoryError as e:
        click.echo(str(e), err=True)
        raise SystemExit(2)


def _history_call(fn: Callable, *args: object):
    from idm.engine.history.store import HistoryError
    try:
        return fn(*args)
    except HistoryError as e:
        click.echo(str(e), err=True)
        raise SystemExit(2)


@main.group(cls=_DefaultCommandGroup)
def history() -> None:
    """Recorded runs (idm check/report --record): runs over time, retention and erasure.

    \b
    idm history [INITIATIVE] lists the runs; prune and erase delete from the store
    (retention and erasure under the AVG/GDPR: the store keeps names of owners and approvers).
    """


@history.command("show")
@click.argument("initiative", required=False)
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True)
@lang_option
def history_show(initiative: Optional[str], db: Optional[str], fmt: str, lang: str) -> None:
    """Runs over time: findings by severity, waived, coverage and the gate; with INITIATIVE,
    that initiative in every run (also where it was absent).

    \b
    Exit codes: 0 shown, 2 the store cannot be read.
    Examples:
      idm history
      idm history INI-2026-031 --format csv --lang nl
    """
    from idm.engine.history import render, views
    store = _history_store(db)
    click.echo(render.history(_history_call(views.history, store, initiative), fmt, lang,
                              initiative), nl=False)


@history.command("prune")
@click.option("--before", required=True, callback=_date, metavar="YYYY-MM-DD",
              help="Delete the runs recorded before this date.")
@db_option
@lang_option
def history_prune(before: str, db: Optional[str], lang: str) -> None:
    """Delete runs recorded before a date: the retention period of the history (AVG/GDPR)."""
    from idm.engine.history.render import label
    store = _history_store(db)
    n = _history_call(store.prune, before)
    click.echo(label("pruned", lang) % (n, before, store.where()))


@history.command("erase")
@click.option("--initiative", required=True, metavar="ID",
              help="The initiative whose records are deleted from every run.")
@db_option
@lang_option
def history_erase(initiative: str, db: Optional[str], lang: str) -> None:
    """Delete everything recorded about one initiative (erasure request under the AVG/GDPR)."""
    from idm.engine.history.render import label
    store = _history_store(db)
    n = _history_call(store.erase, initiative)
    click.echo(label("erased", lang) % (n, initiative, store.where()))


@main.command()
@click.argument("run_a", type=click.IntRange(min=1), required=False)
@click.argument("run_b", type=click.IntRange(min=1), required=False)
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@lang_option
def diff(run_a: Optional[int], run_b: Optional[int], db: Optional[str], fmt: str,
         lang: str) -> None:
    """New, resolved and changed findings per initiative between two recorded runs
    (default: the last two; one run given: that run and the last).

    \b
    A finding is the same when its initiative, rule and field path are; initiatives missing
    from one run are listed as such.  Exit codes: 0 shown, 2 the store cannot be read.
    Example:
      idm diff 3 5 --lang nl
    """
    from idm.engine.history import render, views
    store = _history_store(db)
    click.echo(render.diff(_history_call(views.diff, store, run_a, run_b), fmt, lang), nl=False)


# ---- idm packs: the command logic is in engine/pack/packs_command.py

def _packs_config(config_file: Optional[str]) -> Any:
    from idm.engine.inputs.config import find_config, load_config
    path = config_file or find_config()
    if path is None:
        click.echo("idm packs: no .idm.yaml here or in a parent folder; the project's packs are "
                   "listed under packs: there (docs/packs.md)", err=True)
        raise SystemExit(2)
    config, problems = load_config(path)
    if config is None:
        _fail(problems)
    return config


def _packs_run(step: Callable[[], Any]) -> None:
    from idm.engine.pack.packs_command import PacksError
    try:
        outcome = step()
    except PacksError as e:
        click.echo(escape_controls(str(e)), err=True)
        raise SystemExit(2)
    for line in outcome.lines:
        click.echo(escape_controls(line))


packs_config_option = click.option(
    "--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
    help="Project file to read instead of the nearest .idm.yaml.")


@main.group(cls=_Group)
def packs() -> None:
    """Packs of the project (.idm.yaml packs:): pin them in idm.lock, fill the cache, update,
    list (docs/packs.md).  Only these commands use the network; idm check reads the lock and
    the cache."""


@packs.command("lock")
@packs_config_option
@lang_option
def packs_lock(config_file: Optional[str], lang: str) -> None:
    """Resolve every pack of .idm.yaml and write idm.lock beside it (a pack already locked
    keeps its locked version: `idm packs update` moves it).

    \b
    Exit codes: 0 written, 2 a source or pack could not be used."""
    from idm.engine.pack import packs_command
    config = _packs_config(config_file)
    _packs_run(lambda: packs_command.lock(config, lang=lang))


@packs.command("fetch")
@packs_config_option
@lang_option
def packs_fetch(config_file: Optional[str], lang: str) -> None:
    """Fill the cache from idm.lock, without changing it (a CI job runs this before idm check).

    \b
    Exit codes: 0 every locked pack is in the cache, 2 one could not be fetched or has
    changed at its source."""
    from idm.engine.pack import packs_command
    config = _packs_config(config_file)
    _packs_run(lambda: packs_command.fetch(config, lang=lang))


@packs.command("update")
@click.argument("name", required=False)
@packs_config_option
@lang_option
def packs_update(name: Optional[str], config_file: Optional[str], lang: str) -> None:
    """Resolve NAME (default: every pack) at its source again, print what changes per rule
    (added, removed, severity, condition, message, reference data) and rewrite idm.lock.

    \b
    Exit codes: 0 updated, 2 a source or pack could not be used."""
    from idm.engine.pack import packs_command
    config = _packs_config(config_file)
    _packs_run(lambda: packs_command.update(config, name, lang=lang))


@packs.command("list")
@packs_config_option
@lang_option
def packs_list(config_file: Optional[str], lang: str) -> None:
    """The project's packs: name, version, source, digest and number of rules."""
    from idm.engine.inputs.config import find_config
    from idm.engine.pack import packs_command
    config = _packs_config(config_file) if config_file or find_config() else None
    _packs_run(lambda: packs_command.list_packs(config, lang=lang))


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(143)


def run(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point: exit codes as documented; no traceback for input problems or interrupts."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        rv = main.main(args=list(argv) if argv is not None else None, prog_name="idm",
                       standalone_mode=False)
        if isinstance(rv, int):   # ctx.exit(code): Click returns the code outside standalone mode
            return rv
    except SystemExit as e:
        if isinstance(e.code, int) or e.code is None:
            return e.code or 0
        click.echo(str(e.code), err=True)   # a message, e.g. from an installation check
        return 2
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return 2
    except InputError as e:
        click.echo(str(e), err=True)
        return 2
    return 0


def entry() -> None:
    sys.exit(run())


if __name__ == "__main__":
    entry()
