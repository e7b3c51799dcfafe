"""`idm explain RULE`: everything about one rule; with an initiative, each part of its
condition on that file."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..inputs.loader import Limits
from .common import CommandResult, fail, finish, load_ruleset, run_command, today
from .console import Console


@dataclass
class ExplainOptions:
    rule_id: str
    rules: Sequence[str] = ()
    initiative: Optional[str] = None   # a file: why the rule did or did not fire on it
    date: Optional[str] = None         # YYYY-MM-DD (with an initiative); None: today
    lang: str = "en"
    limits: Limits = field(default_factory=Limits)
    console: Console = field(default_factory=Console)


@dataclass
class ExplainResult(CommandResult):
    text: str = ""


def explain(options: ExplainOptions) -> ExplainResult:
    """Exit code 0 explained, 2 the rule, a pack or the initiative could not be used."""
    from ..authoring.explain import describe, explain_initiative, find_rule
    console = options.console
    result = ExplainResult()

    def body() -> int:
        ruleset = load_ruleset(console, options.rules, options.limits, lang=options.lang)
        spec = find_rule(ruleset, options.rule_id)
        if options.initiative is None:
            result.text = describe(ruleset, spec, options.lang)
        else:
            text, problems = explain_initiative(
                ruleset, spec, options.initiative, today(options.date),
                options.lang, options.limits)
            if text is None:
                fail(console, problems, options.lang)
            result.text = text
        console.echo(result.text, nl=False)
        return 0
    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result
