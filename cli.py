"""The idm command line: parses options into the options object of a command of the application
layer (engine/app/), calls it, and ends with the exit code its result says.  No application
logic lives here; the commands' words reach the terminal through a ClickConsole."""
from __future__ import annotations

import codecs
import datetime as _dt
import functools
import os
import signal
import sys
from typing import (TYPE_CHECKING, Any, BinaryIO, Callable, List, NoReturn, Optional, Sequence,
                    FrozenSet, Tuple, TypeVar, cast)

import click

from idm import engine
from idm.engine.app.check import FAIL_ON
from idm.engine.app.console import Console
from idm.engine.check.baseline import BASELINE_LIMIT
from idm.engine.dates import parse_date
from idm.engine.errors import InputError, Problem, escape_controls
from idm.engine.i18n import catalogue
from idm.engine.inputs.loader import Limits
from idm.engine.model import LANGS
from idm.engine.report import FORMATS

if TYPE_CHECKING:
    from idm.engine.app.common import CommandResult
    from idm.engine.report.options import ReportOptions


def _lang(ctx: Optional[click.Context] = None) -> str:
    """The --lang of the command being run (known to every callback: --lang is eager), else
    English."""
    ctx = ctx or click.get_current_context(silent=True)
    lang = ctx.params.get("lang") if ctx is not None else None
    return lang if isinstance(lang, str) and lang in LANGS else "en"


def _date(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> str:
    if value is None:
        return _dt.date.today().isoformat()
    try:
        return parse_date(value).isoformat()
    except ValueError:
        raise click.BadParameter(catalogue(_lang(ctx))("cli.not_a_date") % {"value": repr(value)})


def _optional_date(ctx: click.Context, param: click.Parameter, value: Optional[str]
                   ) -> Optional[str]:
    return None if value is None else _date(ctx, param, value)


class ClickConsole(Console):
    """The terminal: standard output through click.echo (which copes with the console's
    encoding) in chunks of 64 KB, so a portfolio's report is written as it is made, not held
    whole; messages on standard error as they come."""

    def __init__(self) -> None:
        super().__init__()
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

    def echo(self, text: str, nl: bool = True) -> None:
        self.flush()
        click.echo(text, nl=nl)

    def binary(self) -> Optional[Tuple[Callable[[Any], Any], str]]:
        """Bytes onto standard output after the text so far (report parts the result cache
        kept as UTF-8), with its error handler; None when it does not write UTF-8 as is."""
        self.flush()
        stream = sys.stdout
        buffer, encoding = getattr(stream, "buffer", None), getattr(stream, "encoding", None)
        if buffer is None or not encoding or os.linesep != "\n" or \
                codecs.lookup(encoding).name != "utf-8":
            return None
        stream.flush()
        return buffer.write, stream.errors or "strict"

    def error(self, line: str) -> None:
        click.echo(line, err=True)

    def stdin(self) -> BinaryIO:
        return sys.stdin.buffer


def _fail(problems: Sequence[Problem], lang: str = "en") -> NoReturn:
    """Unusable input found while parsing options: every problem on stderr, exit code 2."""
    for p in problems:
        click.echo(p.shown(lang), err=True)
    raise SystemExit(2)


def _exit(result: "CommandResult") -> NoReturn:
    """End the command with the exit code its result says (its words are already shown)."""
    raise SystemExit(result.exit_code)


def _parse_reports(values: Sequence[str], lang: str = "en") -> List[str]:
    """The FORMAT:FILE values of --report, each checked."""
    from idm.engine.app.check import report_value_problem
    for v in values:
        problem = report_value_problem(v, lang)
        if problem is not None:
            raise click.BadParameter(problem, param_hint="--report")
    return list(values)


# ---- options shared by the commands: defined once, so every command reads them the same way

F = TypeVar("F", bound=Callable[..., Any])

# Eager: the callbacks of the other options (--date) speak the language given.
lang_option = click.option("--lang", type=click.Choice(list(LANGS)), default="en",
                           show_default=True, is_eager=True,
                           help="Language of messages and labels.")
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
cache_option = click.option("--cache/--no-cache", "cache", default=None,
                            help="Keep each file's results in .idm/cache for the next run "
                                 "(docs/cache.md). Default: on in a project (.idm.yaml), off "
                                 "elsewhere.")


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


def details_option() -> Callable:
    """--details of the HTML check report and the dashboard (docs/reports.md)."""
    return click.option(
        "--details", type=click.Choice(["auto", "all", "errors", "none"]), default="auto",
        show_default=True, help="HTML: which initiatives are shown in full below the overview: "
        "all, those with errors, or none; auto: all up to 100 initiatives, those with errors up "
        "to 500, none above (the overview lists every initiative).")


def report_options(f: F) -> F:
    """--max-chars, --sarif-max-results, --max-annotations and --rules-doc-url: what the CI
    consumers' limits ask of a report (engine/report/options.py), passed to the command as
    `report_options`."""
    from idm.engine.report.options import (DEFAULT_MAX_ANNOTATIONS, DEFAULT_MAX_CHARS,
                                       DEFAULT_RULES_DOC_URL, DEFAULT_SARIF_MAX_RESULTS,
                                       ReportOptions)

    @functools.wraps(f)
    def command(*args: Any, max_chars: int, sarif_max_results: int, max_annotations: int,
                rules_doc_url: str, details: str, **kwargs: Any) -> Any:
        return f(*args, report_options=ReportOptions(max_chars, sarif_max_results,
                                                     max_annotations, rules_doc_url,
                                                     details=details), **kwargs)
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
        details_option(),
    ]
    for option in reversed(options):
        command = option(command)
    return cast(F, command)


# Settings of .idm.yaml -> the command parameter each one fills when the command line does not.
CONFIG_PARAMS = {"paths": "paths", "rules": "rules", "fail-on": "fail_on", "lang": "lang",
                 "baseline": "baseline", "reports": "reports", "max-chars": "max_chars",
                 "sarif-max-results": "sarif_max_results", "max-annotations": "max_annotations",
                 "rules-doc-url": "rules_doc_url", "cache": "cache"}


def project_config(f: F) -> F:
    """--config FILE, and the project file (that, or the nearest .idm.yaml in the working
    directory or a parent) filling every parameter the command line left at its default.  The
    command gets the project file as `project_file` and the parameters it filled as
    `from_config`.

    Put it above the other option decorators: it must see their values as given."""
    @functools.wraps(f)
    def command(*args: Any, config_file: Optional[str], **kwargs: Any) -> Any:
        from idm.engine.inputs.config import find_config, load_config
        path = config_file
        filled = set()
        ctx = click.get_current_context()
        lang = _lang(ctx)
        if path is None:
            try:
                path = find_config()
            except InputError as e:
                _fail([e.problem], lang)
        if path is not None:
            config, problems = load_config(path)
            if config is not None and "lang" in config.settings and \
                    ctx.get_parameter_source("lang") != click.core.ParameterSource.COMMANDLINE \
                    and config.settings["lang"] in LANGS:
                lang = config.settings["lang"]    # the project's language, unless given here
            if not config_file:   # found, not named: say which file steers the run, first
                from idm.engine.inputs.config import shown_path
                click.echo(escape_controls(catalogue(lang)("cli.using_project_file")
                                           % {"file": shown_path(path)}), err=True)
            if config is None:
                _fail(problems, lang)
            for key, name in CONFIG_PARAMS.items():
                # Click 8.1 calls an empty nargs=-1 argument "from the command line"; an empty
                # tuple cannot be given there, so it is the default whatever Click says.
                given = ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE \
                    and kwargs.get(name) != ()
                if key in config.settings and name in kwargs and not given:
                    value = config.settings[key]
                    kwargs[name] = tuple(value) if isinstance(value, list) else value
                    filled.add(name)
        return f(*args, project_file=path, from_config=frozenset(filled), **kwargs)
    return cast(F, click.option(
        "--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
        help="Project file to read instead of the nearest .idm.yaml in the working directory "
             "or a parent up to the repository root.")(command))


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
@cache_option
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
          since_last: bool, report_options: "ReportOptions", no_waivers: bool,
          project_file: Optional[str], from_config: FrozenSet[str],
          cache: Optional[bool] = None) -> None:
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
    from idm.engine.app.check import CheckOptions, check as run
    _exit(run(CheckOptions(
        paths=paths, rules=rules, fmt=fmt, output=output, reports=_parse_reports(reports, lang),
        reports_configured="reports" in from_config, fail_on=fail_on, date=date, lang=lang,
        jobs=jobs, limits=limits, baseline=baseline, max_baseline_size=max_baseline_size,
        changed_only=changed_only, record_to=record_to, db=db, since_last=since_last,
        no_waivers=no_waivers, report_options=report_options, project_file=project_file,
        cache=cache, console=ClickConsole())))


def register_options(f: F) -> F:
    """--format and --output of a register (exceptions, decisions)."""
    f = click.option("--output", "-o", metavar="FILE",
                     help="Write the register to FILE (atomically).")(f)
    return click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]),
                        default="text", show_default=True, help="Register format.")(f)

@main.command("exceptions")
@click.argument("paths", nargs=-1)
@project_config
@rules_option
@register_options
@date_option()
@lang_option
@jobs_option
@cache_option
@limits_options
def exceptions(paths: Tuple[str, ...], rules: Tuple[str, ...], fmt: str, output: Optional[str],
               date: str, lang: str, jobs: int, limits: Limits, project_file: Optional[str],
               from_config: FrozenSet[str], cache: Optional[bool] = None) -> None:
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
    from idm.engine.app.exceptions import ExceptionsOptions, exceptions as run
    _exit(run(ExceptionsOptions(paths=paths, rules=rules, fmt=fmt, output=output, date=date,
                                lang=lang, jobs=jobs, limits=limits, project_file=project_file,
                                cache=cache, console=ClickConsole())))


@main.command("decisions")
@click.argument("paths", nargs=-1)
@project_config
@rules_option
@register_options
@date_option()
@lang_option
@jobs_option
@limits_options
@db_option
def decisions(paths: Tuple[str, ...], rules: Tuple[str, ...], fmt: str, output: Optional[str],
              date: str, lang: str, jobs: int, limits: Limits, db: Optional[str],
              project_file: Optional[str], from_config: FrozenSet[str]) -> None:
    """The register of the board's decisions (kind: Decision, docs/decisions.md) and their
    conditions, most urgent first: overdue, due soon, open, not judged, met.

    PATHS are initiatives and decision files or folders; without PATHS, the paths and the
    decisions that the project file .idm.yaml names.

    \b
    Exit codes: 0 the register was written, 2 an input, decision or rule pack could not be used.
    \b
    Example:
      idm decisions initiatives/ decisions/ --date 2026-12-01 --format csv -o besluiten.csv
    """
    from idm.engine.app.decisions import DecisionsOptions, decisions as run
    _exit(run(DecisionsOptions(paths=paths, rules=rules, fmt=fmt, output=output, date=date,
                               lang=lang, jobs=jobs, limits=limits, db=db,
                               project_file=project_file, console=ClickConsole())))


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
@cache_option
@limits_options
def baseline_create(paths: Tuple[str, ...], rules: Tuple[str, ...], output: str, date: str,
                    lang: str, jobs: int, limits: Limits, project_file: Optional[str],
                    from_config: FrozenSet[str], cache: Optional[bool] = None) -> None:
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
    from idm.engine.app.baseline import BaselineOptions, create
    _exit(create(BaselineOptions(paths=paths, output=output, rules=rules, date=date, lang=lang,
                                 jobs=jobs, limits=limits, project_file=project_file,
                                 cache=cache, console=ClickConsole())))


@main.command()
@click.argument("which", type=click.Choice(["initiative", "rulepack", "profiles", "config",
                                            "pack", "referencedata", "decision"]))
@click.option("--rules", "rules", multiple=True, metavar="PATH",
              help="With initiative: include the fields these packs declare (repeatable).")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="With initiative: the project file whose packs' declared fields to include "
                   "(default: the nearest .idm.yaml).")
@lang_option
@limits_options
def schema(which: str, rules: Tuple[str, ...], config_file: Optional[str], lang: str,
           limits: Limits) -> None:
    """Print a JSON Schema, for editors (see the README); `config` is that of .idm.yaml,
    `pack` that of a pack's manifest pack.yaml, `referencedata` that of a ReferenceData file,
    `decision` that of a board decision.
    The initiative schema includes the fields that the packs of --rules, else of the project
    file, declare."""
    from idm.engine.app.schema import SchemaOptions, schema as run
    from idm.engine.inputs.config import find_config
    project_file = config_file
    if which == "initiative" and project_file is None and not rules:
        try:
            project_file = find_config()
        except InputError as e:
            _fail([e.problem], lang)
    _exit(run(SchemaOptions(which, console=ClickConsole(), rules=rules,
                            project_file=project_file, limits=limits, lang=lang)))


@main.group("cache")
def cache_group() -> None:
    """The result cache of check, report, exceptions and baseline create (docs/cache.md)."""


@cache_group.command("clear")
@project_config
@lang_option
def cache_clear(lang: str, project_file: Optional[str], from_config: FrozenSet[str]) -> None:
    """Remove every entry of the result cache: .idm/cache beside the project file .idm.yaml,
    else in the working directory.  Exit code 0, also when it was empty."""
    from idm.engine.app.cache import CacheOptions, clear_cache
    _exit(clear_cache(CacheOptions(project_file=project_file, lang=lang,
                                   console=ClickConsole())))


@main.group("import")
def import_group() -> None:
    """Initiatives from another tool's model (docs/archimate.md)."""


@import_group.command("archimate")
@click.argument("model", metavar="MODEL.xml")
@click.option("--output", "-o", metavar="DIR", required=True,
              help="Folder for the initiative files, one per work package.")
@click.option("--folder", metavar="PATH",
              help="Also the work packages in this organizations folder (A/B), and below it.")
@click.option("--all-work-packages", is_flag=True,
              help="Every work package, not only those with the property idm:id.")
@lang_option
@limits_options
def import_archimate(model: str, output: str, folder: Optional[str], all_work_packages: bool,
                     lang: str, limits: Limits) -> None:
    """Write the opted-in work packages of an ArchiMate exchange file as initiatives.

    \b
      idm import archimate model.xml --output initiatives/
    """
    from idm.engine.app.archimate import ArchimateImportOptions, import_archimate as run_import
    _exit(run_import(ArchimateImportOptions(model, output, folder, all_work_packages, lang,
                                            limits, ClickConsole())))


@main.group("export")
def export_group() -> None:
    """Verdicts back into another tool's model (docs/archimate.md), and registrations for a
    public register (docs/algoritmeregister.md)."""


@export_group.command("algoritmeregister")
@click.argument("paths", nargs=-1)
@rules_option
@click.option("--output", "-o", metavar="FILE", required=True,
              help="Write the registrations to FILE (atomically); - for standard output.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True, help="A JSON array of records, or CSV with one column per field.")
@date_option()
@lang_option
@limits_options
def export_algoritmeregister(paths: Tuple[str, ...], rules: Tuple[str, ...], output: str,
                             fmt: str, date: str, lang: str, limits: Limits) -> None:
    """Registrations for the Algoritmeregister: one record per ai_systems item of PATHS, in the
    field names and order of publication standard 1.0.0 (docs/algoritmeregister.md).

    \b
    The ALG rules are the checks before publishing: a system with an ALG error, or whose
    record breaks the standard, gets no record, with one line per reason. idm writes a file
    and never calls the register; a person or the Algorithm Management Toolkit uploads it.
    \b
    Exit codes: 0 every system exported, 1 a system was left out, 2 an input or rule pack
    could not be used, or the file could not be written.
    \b
    Example:
      idm export algoritmeregister initiatives/ --output registraties.json
    """
    from idm.engine.app.algoritmeregister import ExportOptions, export as run
    _exit(run(ExportOptions(paths=paths, output=output, fmt=fmt, rules=rules, date=date,
                            lang=lang, limits=limits, console=ClickConsole())))


@export_group.command("archimate")
@click.option("--model", required=True, metavar="MODEL.xml", help="The ArchiMate exchange file.")
@click.option("--report", "report", required=True, metavar="REPORT.json",
              help="The JSON report of idm check on it.")
@click.option("--output", "-o", required=True, metavar="OUT.xml",
              help="Where to write the model with the verdicts.")
@lang_option
@limits_options
def export_archimate(model: str, report: str, output: str, lang: str, limits: Limits) -> None:
    """Add the verdicts of a report to an ArchiMate model: properties on each work package, an
    assessment per finding, all in one folder that the next export replaces.

    \b
      idm export archimate --model model.xml --report report.json --output verdicts.xml
    """
    from idm.engine.app.archimate import ArchimateExportOptions, export_archimate as run_export
    _exit(run_export(ArchimateExportOptions(model, report, output, lang, limits,
                                            ClickConsole())))


@main.group()
def rules() -> None:
    """Author rules: lint, test, list and document rule packs (docs/authoring.md)."""


@rules.command("lint")
@click.argument("paths", nargs=-1)
@lang_option
@limits_options
def rules_lint(paths: Tuple[str, ...], lang: str, limits: Limits) -> None:
    """Check rule packs and coverage profiles (default: the bundled pack).

    \b
    Exit codes: 0 no errors (warnings may be shown), 1 errors found, 2 a file is unusable.
    """
    from idm.engine.app.rules import LintOptions, lint
    _exit(lint(LintOptions(paths, limits, console=ClickConsole(), lang=lang)))


@rules.command("test")
@click.argument("paths", nargs=-1)
@date_option("Evaluation date. Default: a test file's date:, else 2026-11-22.", optional=True)
@click.option("--features", "features", multiple=True, metavar="PATH",
              help="More .feature files or folders to run (besides those in the packs).")
@click.option("--format", "fmt", type=click.Choice(["text", "junit", "json"]), default="text",
              show_default=True)
@click.option("--coverage", is_flag=True,
              help="Report which condition leaves of each rule the cases made true and false.")
@click.option("--threshold", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="Exit 1 when the coverage is below PERCENT, listing each uncovered leaf.")
@lang_option
@limits_options
def rules_test(paths: Tuple[str, ...], date: Optional[str], features: Tuple[str, ...], fmt: str,
               coverage: bool, threshold: Optional[float], lang: str, limits: Limits) -> None:
    """Run the rules' examples, the *_test.yaml files and the .feature files of the packs.

    \b
    Exit codes: 0 every case passed, 1 a case failed (or coverage is below --threshold),
    2 a pack, test or feature file is unusable, or a scenario cannot run as written.
    """
    from idm.engine.app.rules import RuleTestOptions, test
    _exit(test(RuleTestOptions(paths, date, limits, console=ClickConsole(), lang=lang,
                               features=features, fmt=fmt, coverage=coverage,
                               threshold=threshold)))


@rules.command("init")
@click.argument("name")
@lang_option
def rules_init(name: str, lang: str) -> None:
    """Make a new pack folder NAME: a manifest, one rule with examples, a _test.yaml and a
    Dutch .feature, which `idm rules lint` and `idm rules test` pass as they are.

    \b
    Exit codes: 0 made, 2 NAME exists already (nothing is written over).
    """
    from idm.engine.app.rules import InitOptions, init
    _exit(init(InitOptions(name, lang, console=ClickConsole())))


@rules.command("list")
@click.argument("paths", nargs=-1)
@click.option("--category", help="Only rules of this category.")
@click.option("--domain", help="Only rules of this domain.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True)
@click.option("--data", "data", is_flag=True,
              help="List the reference data sets of the packs (name, snapshot date, source).")
@click.option("--params", "params", is_flag=True,
              help="List the parameters of the packs with the values in force (the project "
                   "file's params:, else the default).")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="With --params: the project file to read instead of the nearest .idm.yaml.")
@lang_option
@limits_options
def rules_list(paths: Tuple[str, ...], category: Optional[str], domain: Optional[str], fmt: str,
               data: bool, params: bool, config_file: Optional[str], lang: str,
               limits: Limits) -> None:
    """List the rules of the packs given (default: the bundled pack)."""
    from idm.engine.app.rules import ListOptions, list_rules
    from idm.engine.inputs.config import find_config
    project_file = config_file
    if params and project_file is None:
        try:
            project_file = find_config()
        except InputError as e:
            _fail([e.problem])
    _exit(list_rules(ListOptions(paths, category, domain, fmt, data, lang, limits,
                                 params=params, project_file=project_file,
                                 console=ClickConsole())))


@rules.command("docs")
@click.argument("paths", nargs=-1)
@click.option("--output", "-o", required=True, metavar="DIR", help="Folder for the Markdown.")
@lang_option
@limits_options
def rules_docs(paths: Tuple[str, ...], output: str, lang: str, limits: Limits) -> None:
    """Write a Markdown catalogue: an index and one page per category."""
    from idm.engine.app.rules import DocsOptions, docs
    _exit(docs(DocsOptions(output, paths, lang, limits, console=ClickConsole())))


@main.command()
@click.option("--lang", type=click.Choice(list(LANGS)), default=None,
              help="Language of diagnostics and hovers. Default: the editor's locale, else en.")
def lsp(lang: Optional[str]) -> None:
    """The language server for editors, on standard input and output (docs/editors.md); needs
    pip install 'idm[lsp]'."""
    from idm.engine.app.lsp import LspOptions, lsp as run
    _exit(run(LspOptions(lang, console=ClickConsole())))


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
    from idm.engine.app.explain import ExplainOptions, explain as run
    _exit(run(ExplainOptions(rule_id, rules, initiative, date, lang, limits,
                             console=ClickConsole())))


@main.command()
@click.argument("paths", nargs=-1)
@project_config
@rules_option
@click.option("--output", "-o", metavar="FILE",
              help="Write the dashboard to FILE (atomically). Default: standard output.")
@date_option()
@lang_option
@jobs_option
@cache_option
@limits_options
@record_option
@click.option("--db", "db", is_flag=False, flag_value="", default=None, metavar="[TARGET]",
              help="Show the recorded reviews of a history store (as for --record) without "
                   "recording this one. Without TARGET: $IDM_DB_URL, else .idm/history.sqlite.")
@details_option()
def report(paths: Tuple[str, ...], rules: Tuple[str, ...], output: Optional[str], date: str,
           lang: str, jobs: int, limits: Limits, record_to: Optional[str],
           db: Optional[str], project_file: Optional[str], from_config: FrozenSet[str],
           details: str = "auto", cache: Optional[bool] = None) -> None:
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
    from idm.engine.app.report import DashboardOptions, report as run
    _exit(run(DashboardOptions(paths=paths, rules=rules, output=output, date=date, lang=lang,
                               jobs=jobs, limits=limits, record_to=record_to, db=db,
                               project_file=project_file, console=ClickConsole(),
                               details=details, cache=cache)))


@main.command()
@click.argument("path", metavar="FILE")
@project_config
@rules_option
@click.option("--output", "-o", metavar="FILE",
              help="Write the dossier to FILE (atomically). Default: standard output.")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html",
              show_default=True, help="HTML (printable on A4) or Markdown.")
@click.option("--decision", metavar="DECISION.yaml",
              help="Render this board decision (kind: Decision) as recorded, instead of the "
                   "blank decision block.")
@click.option("--portfolio", "portfolio", multiple=True, metavar="PATH",
              help="Judge the portfolio rules in this portfolio (files or folders, "
                   "repeatable). Default: the paths of .idm.yaml; without them the file alone.")
@click.option("--db", "db", metavar="TARGET",
              help="The history store whose runs of the initiative the dossier names (as for "
                   "--record). Default: $IDM_DB_URL, else .idm/history.sqlite when it exists.")
@date_option()
@lang_option
@limits_options
def dossier(path: str, rules: Tuple[str, ...], output: Optional[str], fmt: str,
            decision: Optional[str], portfolio: Tuple[str, ...], db: Optional[str], date: str,
            lang: str, limits: Limits,
            project_file: Optional[str], from_config: FrozenSet[str]) -> None:
    """Review dossier of one initiative: the document an architecture board decides on.

    The rule packs and language of the project file .idm.yaml apply unless given here.

    \b
    Page 1 is the board's decision record: the request, an advice and conditions prepared from
    the blocking findings, the options, the fields to fill in and signature lines (owner, chair,
    secretary); with --decision the decision as recorded instead, otherwise the initiative's
    earlier decisions (.idm.yaml decisions:) above it; with a history store, the run it belongs
    to and what changed since the last review. Then the initiative in the seven W's, the rule
    packs applied, the frameworks it declares, the open comply-or-explain items, and as an
    annex every rule with its outcome (portfolio rules one file cannot judge: not judged).
    \b
    Exit codes: 0 written (findings are the board's to weigh), 2 the initiative or a rule
    pack could not be used, or the dossier could not be written.
    \b
    Example:
      idm dossier initiatives/loket.yaml --output dossier.html --lang nl
    """
    from idm.engine.app.dossier import DossierOptions, dossier as run
    if os.path.isdir(path):
        raise click.BadParameter(catalogue(lang)("cli.dossier_directory") % {"path": repr(path)},
                                 param_hint="FILE")
    _exit(run(DossierOptions(path=path, rules=rules, output=output, fmt=fmt, date=date,
                             decision=decision, portfolio=portfolio, db=db,
                             lang=lang, limits=limits, project_file=project_file,
                             console=ClickConsole())))


class _DefaultCommandGroup(_Group):
    """A group whose first command runs when no subcommand is named: `idm history [INITIATIVE]`
    beside `idm history prune` and `idm history erase`."""

    def parse_args(self, ctx: click.Context, args: List[str]) -> List[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = [next(iter(self.commands))] + list(args)
        return super().parse_args(ctx, args)


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
    from idm.engine.app.history import HistoryOptions, show
    _exit(show(HistoryOptions(initiative, db, fmt, lang, console=ClickConsole())))


@history.command("prune")
@click.option("--before", required=True, callback=_date, metavar="YYYY-MM-DD",
              help="Delete the runs recorded before this date.")
@db_option
@lang_option
def history_prune(before: str, db: Optional[str], lang: str) -> None:
    """Delete runs recorded before a date: the retention period of the history (AVG/GDPR)."""
    from idm.engine.app.history import PruneOptions, prune
    _exit(prune(PruneOptions(before, db, lang, console=ClickConsole())))


@history.command("erase")
@click.option("--initiative", required=True, metavar="ID",
              help="The initiative whose records are deleted from every run.")
@db_option
@lang_option
def history_erase(initiative: str, db: Optional[str], lang: str) -> None:
    """Delete everything recorded about one initiative (erasure request under the AVG/GDPR)."""
    from idm.engine.app.history import EraseOptions, erase
    _exit(erase(EraseOptions(initiative, db, lang, console=ClickConsole())))


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
    from idm.engine.app.history import DiffOptions, diff as run
    _exit(run(DiffOptions(run_a, run_b, db, fmt, lang, console=ClickConsole())))


# ---- idm packs: the command logic is in engine/app/packs.py and engine/pack/packs_command.py

packs_config_option = click.option(
    "--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
    help="Project file to read instead of the nearest .idm.yaml.")


def _packs(action: str, config_file: Optional[str], lang: str, name: Optional[str] = None
           ) -> NoReturn:
    from idm.engine.app.packs import PacksOptions, packs as run
    _exit(run(PacksOptions(action, name=name, project_file=config_file, lang=lang,
                           console=ClickConsole())))


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
    _packs("lock", config_file, lang)


@packs.command("fetch")
@packs_config_option
@lang_option
def packs_fetch(config_file: Optional[str], lang: str) -> None:
    """Fill the cache from idm.lock, without changing it (a CI job runs this before idm check).

    \b
    Exit codes: 0 every locked pack is in the cache, 2 one could not be fetched or has
    changed at its source."""
    _packs("fetch", config_file, lang)


@packs.command("update")
@click.argument("name", required=False)
@packs_config_option
@lang_option
def packs_update(name: Optional[str], config_file: Optional[str], lang: str) -> None:
    """Resolve NAME (default: every pack) at its source again, print what changes per rule
    (added, removed, severity, condition, message, reference data) and rewrite idm.lock.

    \b
    Exit codes: 0 updated, 2 a source or pack could not be used."""
    _packs("update", config_file, lang, name)


@packs.command("list")
@packs_config_option
@lang_option
def packs_list(config_file: Optional[str], lang: str) -> None:
    """The project's packs: name, version, source, digest and number of rules."""
    _packs("list", config_file, lang)


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(143)


def _lang_in(args: Sequence[str]) -> str:
    """The --lang of a command line, for what is said outside any command (an interrupt)."""
    lang = "en"
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg[len("--lang="):]
    return lang if lang in LANGS else "en"


def run(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point: exit codes as documented; no traceback for input problems or interrupts."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    args = list(argv) if argv is not None else sys.argv[1:]
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
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo(catalogue(_lang_in(args))("cli.interrupted"), err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return 2
    except InputError as e:
        click.echo(e.problem.shown(_lang_in(args)), err=True)
        return 2
    return 0


def entry() -> None:
    sys.exit(run())


if __name__ == "__main__":
    entry()
