"""The application layer: every idm command as a plain function of one options object,
returning a result with its exit code and what it produced (docs/api.md).

The command line (cli.py) only turns its options into these objects and prints what the
results say; a program calls the same functions:

    from idm.engine.app import CheckOptions, check
    result = check(CheckOptions(paths=["examples/"], fmt="json"))
    result.exit_code, result.stdout

Every file a command writes passes through one Outputs (engine/app/outputs.py)."""
from __future__ import annotations

from .algoritmeregister import ExportOptions, ExportResult, export as export_algoritmeregister
from .archimate import (ArchimateExportOptions, ArchimateImportOptions, ArchimateImportResult,
                        export_archimate, import_archimate)
from .baseline import BaselineOptions, BaselineResult, create as baseline_create
from .check import CheckOptions, CheckResult, check
from .common import CommandResult
from .console import Console
from .dossier import DossierOptions, dossier
from .exceptions import ExceptionsOptions, ExceptionsResult, exceptions
from .packs import PacksOptions, PacksResult, packs
from .explain import ExplainOptions, ExplainResult, explain
from .history import (DeletedResult, DiffOptions, EraseOptions, HistoryOptions, PruneOptions,
                      ShownResult, diff, erase as history_erase, prune as history_prune,
                      show as history_show)
from .report import DashboardOptions, report
from .rules import (DocsOptions, LintOptions, LintResult, ListOptions, ListResult,
                    RuleTestOptions, RuleTestResult, docs as rules_docs, lint as rules_lint,
                    list_rules as rules_list, test as rules_test)
from .schema import SchemaOptions, SchemaResult, schema

__all__ = [
    "ArchimateExportOptions", "ArchimateImportOptions", "ArchimateImportResult",
    "export_archimate", "import_archimate",
    "BaselineOptions", "BaselineResult", "CheckOptions", "CheckResult", "CommandResult",
    "Console", "DeletedResult", "DiffOptions", "DocsOptions", "DossierOptions", "EraseOptions",
    "ExceptionsOptions", "ExceptionsResult", "ExplainOptions", "ExplainResult",
    "ExportOptions", "ExportResult", "export_algoritmeregister",
    "HistoryOptions", "LintOptions", "LintResult", "ListOptions", "ListResult", "PacksOptions",
    "PacksResult", "PruneOptions",
    "DashboardOptions", "RuleTestOptions", "RuleTestResult", "SchemaOptions", "SchemaResult",
    "ShownResult", "baseline_create", "check", "diff", "dossier", "exceptions", "explain",
    "history_erase", "history_prune", "history_show", "packs", "report", "rules_docs",
    "rules_lint",
    "rules_list", "rules_test", "schema",
]
