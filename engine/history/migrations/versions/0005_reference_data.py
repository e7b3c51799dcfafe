"""The reference data snapshots in force, per run (docs/rule-language.md, "Reference data").

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "idm_reference_data",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("idm_runs.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("snapshot", sa.String(10), nullable=False),
        sa.Column("replaced_snapshot", sa.String(10)),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("replaced_file", sa.Text),
        sa.Column("items", sa.Integer, nullable=False))
    op.create_index("ix_idm_reference_data_run", "idm_reference_data", ["run_id"])


def downgrade():
    op.drop_table("idm_reference_data")
