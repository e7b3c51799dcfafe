"""The board decisions in force, per run, one row per condition (docs/decisions.md).

Revision ID: 0006
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "idm_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("idm_runs.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("decision", sa.Text, nullable=False),
        sa.Column("initiative", sa.Text, nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("condition", sa.Text, nullable=False),
        sa.Column("due", sa.String(10)),
        sa.Column("state", sa.String(16), nullable=False))
    op.create_index("ix_idm_decisions_run", "idm_decisions", ["run_id"])
    op.create_index("ix_idm_decisions_initiative", "idm_decisions", ["initiative"])


def downgrade():
    op.drop_table("idm_decisions")
