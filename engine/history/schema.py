"""The history store's tables (SQLAlchemy Core): one schema for SQLite and PostgreSQL.

Every table is prefixed `idm_` so a board can keep the history in a database it shares with other
tools.  Rows are only ever inserted; `prune` and `erase` (retention and erasure) are the only
deletes, and erase the only update (it replaces an erased id in other records).  Text that comes
from an input has no length limit (PostgreSQL enforces one, SQLite does not: a run must record
on both), and a NUL character, which PostgreSQL text cannot hold, is stored as `\x00` on both.  The migrations under migrations/versions create exactly these
tables: a test compares them.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text)

metadata = MetaData()

runs = Table(
    "idm_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),   # the run's number
    Column("recorded_at", String(32), nullable=False),   # UTC, YYYY-MM-DDTHH:MM:SSZ
    Column("evaluation_date", String(10), nullable=False),
    Column("idm_version", String(32), nullable=False),
    Column("command", String(16), nullable=False),       # check | report
    Column("root", Text, nullable=False),                # the inputs' common folder
    Column("fail_on", String(8)),                        # None: --fail-on never
    Column("gate", String(8), nullable=False),           # passed | failed | error | empty
    Column("exit_code", Integer, nullable=False),
    Column("repository", Text),   # the inputs' repository (real path); None: before 0002
    Column("partial", Boolean),   # True: a --changed-only run; None: before 0002 (full)
    sqlite_autoincrement=True,   # a pruned run's number is never given again
)


def _child(name: str, *columns: Column) -> Table:
    table = Table(name, metadata,
                  Column("id", Integer, primary_key=True, autoincrement=True),
                  Column("run_id", Integer, ForeignKey("idm_runs.id", ondelete="CASCADE"),
                         nullable=False),
                  *columns)
    Index("ix_%s_run" % name, table.c.run_id)
    return table


rule_packs = _child(
    "idm_rule_packs",
    Column("file", Text, nullable=False),
    Column("name", Text),
    Column("version", String(32)),
    Column("sha256", String(64), nullable=False))

inputs = _child(
    "idm_inputs",
    Column("file", Text, nullable=False),
    Column("sha256", String(64)))      # None: the file could not be read

initiatives = _child(
    "idm_initiatives",
    Column("initiative", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("phase", Text),
    Column("owner", Text))
Index("ix_idm_initiatives_initiative", initiatives.c.initiative)

coverage = _child(
    "idm_coverage",
    Column("initiative", Text, nullable=False),
    Column("domain", Text, nullable=False),
    Column("required", Boolean, nullable=False),
    Column("covered", Boolean, nullable=False),
    Column("missing", Text, nullable=False))   # field paths, comma-separated

findings = _child(
    "idm_findings",
    Column("initiative", Text, nullable=False),   # '' for a portfolio-level finding
    Column("rule", Text, nullable=False),
    Column("severity", String(8), nullable=False),
    Column("category", Text, nullable=False),
    Column("domain", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("line", Integer),
    Column("message_en", Text, nullable=False),
    Column("message_nl", Text, nullable=False),
    Column("waived", Boolean, nullable=False),
    Column("approved_by", Text),
    Column("expires", Text),
    Column("baselined", Boolean, nullable=False))
Index("ix_idm_findings_initiative", findings.c.initiative)

exceptions = _child(
    "idm_exceptions",
    Column("initiative", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("justification", Text, nullable=False),
    Column("approved_by", Text, nullable=False),
    Column("expires", Text, nullable=False))

input_errors = _child(
    "idm_input_errors",
    Column("file", Text, nullable=False),
    Column("line", Integer),
    Column("column", Integer),
    Column("message", Text, nullable=False))

# Named packs (pack.yaml) of the run and the project's overrides (docs/design/packs.md §8).
packs = _child(
    "idm_packs",
    Column("name", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("source", Text),              # without credentials; None for the bundled pack
    Column("ref", Text),
    Column("commit", Text),
    Column("digest", String(80)))        # sha256:... of the pack's content

overrides = _child(
    "idm_overrides",
    Column("rule", Text, nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("severity", String(8)),                 # in force; None when switched off
    Column("severity_default", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("approved_by", Text, nullable=False),
    Column("until", Text),
    Column("lapsed", Boolean, nullable=False))

# The parameters in force (docs/rule-language.md, "Parameters"); values as JSON text.
params = _child(
    "idm_params",
    Column("name", Text, nullable=False),            # PACK.NAME
    Column("type", String(16), nullable=False),
    Column("value", Text),                           # JSON; None: no value
    Column("default_value", Text),                   # JSON; None: no default
    Column("source", String(16), nullable=False))    # default | project

# The reference data snapshots in force (docs/rule-language.md, "Reference data"): a newer
# snapshot that replaced an older one of the same name keeps the older one's date and file.
reference_data = _child(
    "idm_reference_data",
    Column("name", Text, nullable=False),
    Column("snapshot", String(10), nullable=False),
    Column("replaced_snapshot", String(10)),
    Column("source", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("replaced_file", Text),
    Column("items", Integer, nullable=False))

# The board decisions judged in the run, one row per condition ('' for a decision without
# conditions), with the state the decision rules gave it (docs/decisions.md).
decisions = _child(
    "idm_decisions",
    Column("decision", Text, nullable=False),
    Column("initiative", Text, nullable=False),
    Column("date", String(10), nullable=False),
    Column("body", Text, nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("file", Text, nullable=False),
    Column("sha256", String(64)),                    # of the decision file
    Column("condition", Text, nullable=False),
    Column("due", String(10)),
    Column("state", String(16), nullable=False))     # decision_register.STATES
Index("ix_idm_decisions_initiative", decisions.c.initiative)

CHILDREN = (rule_packs, inputs, initiatives, coverage, findings, exceptions, input_errors, packs,
            overrides, params, reference_data, decisions)
PER_INITIATIVE = (initiatives, coverage, findings, exceptions, decisions)
