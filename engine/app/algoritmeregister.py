"""`idm export algoritmeregister PATHS --output FILE`: the ai_systems items of initiatives as
registrations for the Algoritmeregister (docs/algoritmeregister.md).

The checks before publishing are the ALG rules of the loaded packs, decided like every rule; a
system with an ALG finding of severity error, or whose record breaks the standard's schema, gets
no record and one line saying why.  idm only writes a file: it never calls the register."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

from ..i18n import catalogue
from ..inputs.loader import Limits
from ..model import Finding, Severity
from .common import CommandResult, emit_problems, finish, require_paths, run_command, start, today
from .console import Console
from .delivery import outputs_for
from .outputs import Target

FORMATS = ("json", "csv")
PREFIX = "ALG-"


@dataclass
class ExportOptions:
    paths: Sequence[str]               # initiative files and folders; - reads standard input
    output: str                        # the file to write ("-": standard output)
    fmt: str = "json"                  # one of FORMATS
    rules: Sequence[str] = ()          # rule packs; none: the bundled pack
    date: Optional[str] = None         # YYYY-MM-DD; None: today
    lang: str = "en"                   # of the messages; the records stay in Dutch
    limits: Limits = field(default_factory=Limits)
    project_file: Optional[str] = None
    standard: Any = None               # a report.algoritmeregister.Standard; None: the packaged one
    console: Console = field(default_factory=Console)


@dataclass
class ExportResult(CommandResult):
    exported: int = 0                  # records written
    blocked: int = 0                   # ai_systems items left out, each with its reasons


def _blocking(findings: Sequence[Finding]) -> List[Finding]:
    return [f for f in findings if f.rule.startswith(PREFIX) and f.severity == Severity.error
            and not f.waived and not f.baselined]


def _concerns(f: Finding, index: int) -> bool:
    """A finding on ai_systems[index] (or one at a path of the initiative, which every item
    shares, such as organisation.name)."""
    here = "ai_systems[%d]" % index
    return f.path == here or f.path.startswith((here + ".", here + "[")) or \
        not f.path.startswith("ai_systems[")


def export(options: ExportOptions) -> ExportResult:
    """Exit code 0 every item exported, 1 an item was left out because a check before
    publishing failed, 2 an input or rule pack could not be used or the file not written."""
    from ..check.run import check as run_check
    from ..inputs.discovery import STDIN, display_name, expand_inputs, read_stream
    from ..inputs.loader import load_file, parse_yaml, read_text
    from ..report import algoritmeregister as reg
    o, console = options, options.console
    words = catalogue(o.lang)
    if o.fmt not in FORMATS:
        raise ValueError("no export format %r: one of %s" % (o.fmt, ", ".join(FORMATS)))
    standard = o.standard or reg.packaged_standard()
    outputs = outputs_for(console, list(o.paths) + list(o.rules), o.project_file, lang=o.lang)
    target = Target(o.fmt, o.output, "--output %s" % o.output)
    result = ExportResult()

    def body() -> int:
        require_paths(console, o.paths, o.lang)
        ruleset = start(console, outputs, [target], o.rules, o.limits, o.project_file, o.date,
                        o.lang)
        stdin: List[bytes] = []

        def read_stdin() -> bytes:    # read once: the check and the records share it
            if not stdin:
                stdin.append(read_stream(console.stdin(), o.limits.max_bytes))
            return stdin[0]

        run = run_check(list(o.paths), ruleset, today(o.date), Severity.error, o.limits, 1,
                        read_stdin=read_stdin, keep_documents=False)
        emit_problems(console, run.errors, o.lang)
        if run.errors and not run.initiatives:
            return 2
        raw: Dict[str, Any] = {}
        for path, _ in expand_inputs(list(o.paths))[0]:
            raw[display_name(path)] = path
        rows: List[Dict[str, Any]] = []
        for ini in sorted(run.initiatives, key=lambda r: (r.file, r.id)):
            if raw[ini.file] == STDIN:
                doc = parse_yaml(ini.file, read_text(ini.file, read_stdin(), o.limits),
                                 o.limits).data
            else:
                doc = load_file(raw[ini.file], o.limits, display=ini.file).data
            blocking = _blocking(ini.findings)
            for record in reg.records(doc, standard):
                reasons = _reasons(record, [f for f in blocking if _concerns(f, record.index)],
                                   standard, ini.file, o.lang)
                if reasons:
                    result.blocked += 1
                    console.error(words("export.blocked") % {
                        "file": ini.file, "index": record.index, "name": record.name})
                    for line in reasons:
                        console.error("  " + line)
                else:
                    rows.append(record.fields)
        result.exported = len(rows)
        text = reg.to_json(rows) if o.fmt == "json" else reg.to_csv(rows, standard)
        if not outputs.write(target, text):
            return 2
        console.error(words("export.summary") % {"exported": result.exported,
                                                 "blocked": result.blocked,
                                                 "output": o.output if o.output != "-"
                                                 else words("cli.standard_output")})
        if run.errors:
            return 2
        return 1 if result.blocked else 0

    result.exit_code = run_command(console, body, o.lang)
    finish(result, console, outputs.written)
    return result


def _reasons(record: Any, findings: Sequence[Finding], standard: Any, file: str,
             lang: str) -> List[str]:
    """One line per reason the item gets no record: its ALG findings, then what the record
    itself breaks in the standard's schema, each naming the idm field to fill or fix (a rule
    such as ALG-003 speaks of the item; the schema names the field)."""
    from ..report.algoritmeregister import schema_errors
    words = catalogue(lang)
    out = ["%s:%s:%s: %s %s: %s" % (file, f.line or 1, f.column or 1, f.rule, f.path,
                                    f.message[lang]) for f in findings]
    if record.prohibited:    # nothing to fill: a prohibited practice is never registered
        return out or [words("export.prohibited") % {"path": "ai_systems[%d].risk_class"
                                                     % record.index}]
    for name, why in schema_errors(record, standard):
        where = record.sources.get(name, "ai_systems[%d].register_fields.%s"
                                   % (record.index, name))
        key = "export.field_required" if why == "required" else "export.field_invalid"
        out.append(words(key) % {"field": name, "title": standard.titles.get(name, name),
                                 "path": where, "check": why})
    return out
