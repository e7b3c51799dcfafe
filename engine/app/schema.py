"""`idm schema WHICH`: a JSON Schema, for editors."""
from __future__ import annotations

from dataclasses import dataclass, field

from .common import CommandResult, finish
from .console import Console

SCHEMAS = ("initiative", "rulepack", "profiles", "config", "pack", "decision")


@dataclass
class SchemaOptions:
    which: str                    # one of SCHEMAS; `config` is that of .idm.yaml, `pack` of pack.yaml
    console: Console = field(default_factory=Console)


@dataclass
class SchemaResult(CommandResult):
    schema: str = ""              # the JSON text


def schema(options: SchemaOptions) -> SchemaResult:
    from importlib import resources
    if options.which not in SCHEMAS:
        raise ValueError("no schema %r: one of %s" % (options.which, ", ".join(SCHEMAS)))
    text = resources.files("idm.engine").joinpath("schemas/%s.schema.json" % options.which) \
        .read_text("utf-8")
    options.console.echo(text, nl=False)
    result = SchemaResult(schema=text)
    finish(result, options.console)
    return result
