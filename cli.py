"""The idm command line: wires options to the engine, picks a reporter, returns the exit code."""
from __future__ import annotations

import datetime as _dt
import os
import signal
import sys
import tempfile
from typing import List, Optional, Sequence, Tuple

import click

import engine
from engine.errors import InputError, Problem
from engine.loader import Limits
from engine.model import Severity

FORMATS = ("text", "json", "sarif", "junit", "markdown", "github", "html")
FAIL_ON = ("error", "warning", "info", "never")


def _date(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> str:
    if value is None:
        return _dt.date.today().isoformat()
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter("%r is not a date YYYY-MM-DD" % value)


def write_atomically(path: str, text: str) -> None:
    """Write via a temporary file and a rename, so a CI step never reads half a report."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".idm-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _emit_problems(problems: Sequence[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)


def _load_rules(rules: Sequence[str], limits: Limits):
    from engine.rulepack import load_ruleset_collecting
    missing = [Problem(r, "no such file or directory") for r in rules if not os.path.exists(r)]
    if missing:
        return None, missing
    ruleset, problems = load_ruleset_collecting(list(rules) or None, limits)
    return (None if problems else ruleset), problems


def _parse_reports(values: Sequence[str]) -> List[Tuple[str, str]]:
    out = []
    for v in values:
        fmt, sep, path = v.partition(":")
        if not sep or fmt not in FORMATS or not path:
            raise click.BadParameter("%r: expected FORMAT:FILE with FORMAT one of %s"
                                     % (v, ", ".join(FORMATS)), param_hint="--report")
        out.append((fmt, path))
    return out


common_lang = click.option("--lang", type=click.Choice(["en", "nl"]), default="en",
                           show_default=True, help="Language of messages and labels.")
common_rules = click.option("--rules", "rules", multiple=True, metavar="PATH",
                            help="Rule pack file or directory (repeatable). Default: the bundled "
                                 "pack.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(engine.__version__, prog_name="idm")
def main() -> None:
    """idm: check initiative descriptions against principles of the Integraal
    Digitaliseringsmodel (IDM)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@common_rules
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically).")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:FILE",
              help="Also write a report in FORMAT to FILE (repeatable).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity of an unwaived finding that makes the exit code 1.")
@click.option("--date", callback=_date, metavar="YYYY-MM-DD",
              help="Evaluation date for expiries and rule validity. Default: today.")
@common_lang
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: the number of cores.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=Limits().max_bytes,
              show_default=True, help="Largest input file in bytes.")
def check(paths: Tuple[str, ...], rules: Tuple[str, ...], fmt: str, output: Optional[str],
          reports: Tuple[str, ...], fail_on: str, date: str, lang: str, jobs: Optional[int],
          max_file_size: int) -> None:
    """Check initiative files (or directories of them; - reads standard input).

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 an input or rule pack could not be used, or nothing was checked.
    \b
    Examples:
      idm check examples/
      idm check my.yaml --rules rules/ --rules extra.yaml --format json --fail-on warning
    """
    from engine.report import render
    from engine.run import check as run_check

    extra = _parse_reports(reports)
    limits = Limits(max_bytes=max_file_size)
    ruleset, problems = _load_rules(rules, limits)
    if ruleset is None:
        _emit_problems(problems)
        raise SystemExit(2)
    result = run_check(paths, ruleset, date, None if fail_on == "never" else Severity[fail_on],
                       limits, jobs or os.cpu_count() or 1,
                       read_stdin=lambda: click.get_binary_stream("stdin").read())
    _emit_problems(result.errors)
    text = render(result, fmt, lang)
    for f, path in extra:
        write_atomically(path, render(result, f, lang))
    if output:
        write_atomically(output, text)
    else:
        click.echo(text, nl=False)
    raise SystemExit(result.exit_code())


@main.command()
@click.argument("which", type=click.Choice(["initiative", "rulepack", "profiles"]))
def schema(which: str) -> None:
    """Print a JSON Schema, for editors (see the README)."""
    from importlib import resources
    click.echo(resources.files("engine").joinpath("schemas/%s.schema.json" % which)
               .read_text("utf-8"), nl=False)


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(143)


def run(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point: exit codes as documented; no traceback for input problems or interrupts."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="idm",
                  standalone_mode=False)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 0
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
