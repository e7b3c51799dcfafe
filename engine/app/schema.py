"""`idm schema WHICH`: a JSON Schema, for editors."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..inputs.loader import DEFAULT_LIMITS, Limits
from .common import CommandResult, finish, load_ruleset, run_command
from .console import Console

SCHEMAS = ("initiative", "rulepack", "profiles", "config", "pack", "referencedata",
           "decision")


@dataclass
class SchemaOptions:
    which: str                    # one of SCHEMAS; `config` is that of .idm.yaml, `pack` of pack.yaml
    console: Console = field(default_factory=Console)
    # The initiative schema with the fields these packs declare (docs/rule-language.md,
    # "Fields declared by packs"); with a project file, its packs unless `rules` are given.
    rules: Sequence[str] = ()
    project_file: Optional[str] = None
    limits: Limits = DEFAULT_LIMITS
    lang: str = "en"


@dataclass
class SchemaResult(CommandResult):
    schema: str = ""              # the JSON text


def schema(options: SchemaOptions) -> SchemaResult:
    from importlib import resources
    if options.which not in SCHEMAS:
        raise ValueError("no schema %r: one of %s" % (options.which, ", ".join(SCHEMAS)))
    result = SchemaResult()

    def body() -> int:
        text = resources.files("idm.engine").joinpath("schemas/%s.schema.json" % options.which) \
            .read_text("utf-8")
        if options.which == "initiative" and (options.rules or options.project_file):
            ruleset = load_ruleset(options.console, options.rules, options.limits,
                                   options.project_file, lang=options.lang)
            if ruleset.fields:     # else the format's own schema, byte for byte
                from ..inputs.fields import initiative_schema
                text = json.dumps(initiative_schema(ruleset.fields), indent=2,
                                  ensure_ascii=False) + "\n"
        options.console.echo(text, nl=False)
        result.schema = text
        return 0

    result.exit_code = run_command(options.console, body, options.lang)
    finish(result, options.console)
    return result
