"""Runs know their repository and whether they were partial; input-derived text has no length.

- idm_runs.repository: where the inputs' repository is (the git top-level folder, else the
  inputs' folder, as a real path), so two repositories that both keep `initiatives/` in one
  store are not compared with each other.  NULL for runs recorded before this revision.
- idm_runs.partial: true for a `--changed-only` run, which checked only some initiatives and
  is not compared with full runs.  NULL (full) for older runs.
- Rule ids, categories, domains, phases and expiry texts become TEXT: PostgreSQL refused a run
  whose input held a longer one (SQLite never enforced the lengths).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WIDENED = {
    "idm_findings": [("rule", 64), ("category", 32), ("domain", 32), ("expires", 32)],
    "idm_exceptions": [("rule", 64), ("expires", 32)],
    "idm_initiatives": [("phase", 64)],
    "idm_coverage": [("domain", 32)],
}


def upgrade():
    with op.batch_alter_table("idm_runs") as batch:
        batch.add_column(sa.Column("repository", sa.Text))
        batch.add_column(sa.Column("partial", sa.Boolean))
    for table, columns in WIDENED.items():
        with op.batch_alter_table(table) as batch:
            for name, length in columns:
                batch.alter_column(name, type_=sa.Text, existing_type=sa.String(length))


def downgrade():
    for table, columns in WIDENED.items():
        with op.batch_alter_table(table) as batch:
            for name, length in columns:
                batch.alter_column(name, type_=sa.String(length), existing_type=sa.Text)
    with op.batch_alter_table("idm_runs") as batch:
        batch.drop_column("partial")
        batch.drop_column("repository")
