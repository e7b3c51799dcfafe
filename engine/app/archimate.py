"""`idm import archimate` and `idm export archimate`: initiatives out of an ArchiMate model in
the Open Group exchange format, and the verdicts of a check back into it (docs/archimate.md)."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, List, Optional

from ..errors import InputError, Problem
from ..i18n import catalogue, said
from ..inputs.loader import Limits, read_bytes
from .common import CommandResult, emit_problems, fail, finish, run_command
from .console import Console
from .delivery import outputs_for
from .outputs import Target

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass
class ArchimateImportOptions:
    model: str                          # the exchange file
    output: str                         # the folder the initiative files go to
    folder: Optional[str] = None        # opt in the work packages of this organizations folder
    all_work_packages: bool = False
    lang: str = "en"
    limits: Limits = field(default_factory=Limits)
    console: Console = field(default_factory=Console)


@dataclass
class ArchimateImportResult(CommandResult):
    ids: List[str] = field(default_factory=list)   # the initiatives written


def file_name(ident: str) -> str:
    """The file an initiative is written to: its id with anything but letters, digits, dots,
    dashes and underscores replaced."""
    name = _UNSAFE.sub("_", ident).lstrip(".") or "_"
    return name + ".yaml"


def to_yaml(data: Any, model: str, package: str) -> str:
    import yaml
    head = "# Imported from %s (work package %s) by idm import archimate.\n" % (
        os.path.basename(model), package)
    # libyaml's emitter where PyYAML has it: the pure-Python one was most of an import's time
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return head + yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100,
                            default_flow_style=False)


def import_archimate(options: ArchimateImportOptions) -> ArchimateImportResult:
    """Exit code 0 every opted-in work package was written as an initiative, 2 the model (or
    a value in it) could not be used, or no work package was opted in."""
    from ..inputs.archimate.mapping import Selection, map_model
    from ..inputs.archimate.reader import load_model
    from ..inputs.discovery import display_name
    from ..inputs.initiatives import validated
    o, console = options, options.console
    words = catalogue(o.lang)
    result = ArchimateImportResult()
    outputs = outputs_for(console, [o.model], None, lang=o.lang)

    def body() -> int:
        name = display_name(o.model)
        model = load_model(o.model, name, o.limits)
        if o.folder is not None and not any(
                f == o.folder.strip("/") or f.startswith(o.folder.strip("/") + "/")
                for f in model.folders.values()):
            fail(console, [Problem.of(name, said("archimate.unknown_folder", folder=o.folder))],
                 o.lang)
        mapped = map_model(model, Selection(o.folder, o.all_work_packages))
        problems: List[Problem] = list(mapped.problems)
        if not mapped.documents and not problems:
            root = model.root
            # A model without work packages (Archisurance) has nothing to opt in: say so, with
            # what it holds, instead of asking for an opt-in it cannot give.
            none = not any(c.type == "WorkPackage" for c in model.elements.values())
            if none:
                for kind in sorted(mapped.unmapped):
                    n = mapped.unmapped[kind]
                    console.error(words.plural("archimate.unmapped", n) % {"count": n,
                                                                           "type": kind})
            fail(console, [Problem.of(name, said("archimate.no_work_package_at_all" if none
                                                 else "archimate.no_work_packages"),
                                      root.line, root.column)], o.lang)
        good = []
        seen = {}
        for doc, wp in zip(mapped.documents, mapped.packages):
            loaded, found = validated(doc)
            problems.extend(found)
            if loaded is None:
                continue
            target = file_name(loaded.id)
            if target in seen:
                line, col = doc.position("id")
                problems.append(Problem.of(name, said("archimate.duplicate_id", id=loaded.id,
                                                      other=seen[target]), line, col, "id"))
                continue
            seen[target] = wp.identifier
            good.append((loaded.id, target, doc, wp))
        for kind in sorted(mapped.unmapped):
            n = mapped.unmapped[kind]
            console.error(words.plural("archimate.unmapped", n) % {"count": n, "type": kind})
        emit_problems(console, problems, o.lang)
        if good and not outputs.make_folder(o.output):
            return 2
        ok = True
        for ident, target, doc, wp in good:
            path = os.path.join(o.output, target)
            if outputs.write(Target("yaml", path, "--output %s" % o.output),
                             to_yaml(doc.data, name, wp.identifier)):
                result.ids.append(ident)
            else:
                ok = False
        n = len(result.ids)
        console.error(words.plural("archimate.imported", n) % {"count": n, "folder": o.output})
        return 0 if ok and not problems else 2
    result.exit_code = run_command(console, body, o.lang)
    finish(result, console, outputs.written)
    return result


@dataclass
class ArchimateExportOptions:
    model: str                          # the exchange file the verdicts are added to
    report: str                         # an idm JSON report (idm check --format json)
    output: str                         # the model with the verdicts
    lang: str = "en"
    limits: Limits = field(default_factory=Limits)
    console: Console = field(default_factory=Console)


def export_archimate(options: ArchimateExportOptions) -> CommandResult:
    """Exit code 0 the model was written with the verdicts, 2 the model or the report could
    not be used (or the model not written)."""
    from ..inputs.discovery import display_name
    from ..report.archimate import export_model
    o, console = options, options.console
    words = catalogue(o.lang)
    result = CommandResult()
    outputs = outputs_for(console, [o.model, o.report], None, lang=o.lang)
    target = Target("archimate", o.output, "--output %s" % o.output)

    def body() -> int:
        refused = outputs.refuse([target])
        if refused:
            fail(console, refused, o.lang)
        name, report_name = display_name(o.model), display_name(o.report)
        raw = read_bytes(o.model, name, o.limits.max_bytes)
        text = read_bytes(o.report, report_name, o.limits.max_bytes)
        try:
            report = json.loads(text.decode("utf-8"))
        except (ValueError, RecursionError):
            raise InputError.at(report_name, said("archimate.not_a_report"))
        out, missing = export_model(name, raw, report, report_name, o.limits)
        for ident in missing:
            console.error(words("archimate.not_in_model") % {"id": ident, "model": name})
        return 0 if outputs.write(target, out) else 2
    result.exit_code = run_command(console, body, o.lang)
    finish(result, console, outputs.written)
    return result


__all__ = ["ArchimateExportOptions", "ArchimateImportOptions", "ArchimateImportResult",
           "export_archimate", "import_archimate"]
