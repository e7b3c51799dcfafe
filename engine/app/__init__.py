"""The application layer: every idm command as a plain function of one options object,
returning a result with its exit code and what it produced (docs/api.md).

The command line (cli.py) only turns its options into these objects and prints what the
results say; a program calls the same functions:

    from idm.engine.app import CheckOptions, check
    result = check(CheckOptions(paths=["examples/"], fmt="json"))
    result.exit_code, result.stdout

Every file a command writes passes through one Outputs (engine/app/outputs.py)."""
from __future__ import annotations

import importlib
from typing import Any, Dict, Tuple

# Commands named as their module: imported now, so that the package's name is the function
# (a submodule imported later would otherwise take the name).
from .check import CheckOptions, CheckResult, check  # noqa: E402
from .decisions import DecisionsOptions, DecisionsResult, decisions  # noqa: E402
from .dossier import DossierOptions, dossier  # noqa: E402
from .exceptions import ExceptionsOptions, ExceptionsResult, exceptions  # noqa: E402
from .explain import ExplainOptions, ExplainResult, explain  # noqa: E402
from .packs import PacksOptions, PacksResult, packs  # noqa: E402
from .report import DashboardOptions, report  # noqa: E402
from .schema import SchemaOptions, SchemaResult, schema  # noqa: E402

# The others: name -> (module, its name there), imported when first asked for (PEP 562), so
# that `idm check` does not load the ArchiMate, Algoritmeregister, baseline, history and rule
# authoring code (a tenth of a second of start-up, which a re-check after one edit is mostly
# made of).
_NAMES: Dict[str, Tuple[str, str]] = {}
for _module, _names in (
        ("algoritmeregister", "ExportOptions ExportResult export:export_algoritmeregister"),
        ("archimate", "ArchimateExportOptions ArchimateImportOptions ArchimateImportResult "
                      "export_archimate import_archimate"),
        ("baseline", "BaselineOptions BaselineResult create:baseline_create"),
        ("common", "CommandResult"),
        ("console", "Console"),
        ("history", "DeletedResult DiffOptions EraseOptions HistoryOptions PruneOptions "
                    "ShownResult diff erase:history_erase prune:history_prune "
                    "show:history_show"),
        ("rules", "DocsOptions LintOptions LintResult ListOptions ListResult RuleTestOptions "
                  "RuleTestResult docs:rules_docs lint:rules_lint list_rules:rules_list "
                  "test:rules_test")):
    for _name in _names.split():
        _there, _, _here = _name.partition(":")
        _NAMES[_here or _there] = (_module, _there)


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    module, there = _NAMES[name]
    value = getattr(importlib.import_module("." + module, __name__), there)
    globals()[name] = value
    return value


def __dir__() -> Any:
    return sorted(set(globals()) | set(_NAMES))


__all__ = [
    "ArchimateExportOptions", "ArchimateImportOptions", "ArchimateImportResult",
    "export_archimate", "import_archimate",
    "BaselineOptions", "BaselineResult", "CheckOptions", "CheckResult", "CommandResult",
    "Console", "DecisionsOptions", "DecisionsResult", "DeletedResult", "DiffOptions",
    "DocsOptions", "DossierOptions", "EraseOptions",
    "ExceptionsOptions", "ExceptionsResult", "ExplainOptions", "ExplainResult",
    "ExportOptions", "ExportResult", "export_algoritmeregister",
    "HistoryOptions", "LintOptions", "LintResult", "ListOptions", "ListResult", "PacksOptions",
    "PacksResult", "PruneOptions",
    "DashboardOptions", "RuleTestOptions", "RuleTestResult", "SchemaOptions", "SchemaResult",
    "ShownResult", "baseline_create", "check", "decisions", "diff", "dossier", "exceptions",
    "explain",
    "history_erase", "history_prune", "history_show", "packs", "report", "rules_docs",
    "rules_lint",
    "rules_list", "rules_test", "schema",
]
