"""The parameters in force, per run (docs/rule-language.md, "Parameters").

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "idm_params",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("idm_runs.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("default_value", sa.Text),
        sa.Column("source", sa.String(16), nullable=False))
    op.create_index("ix_idm_params_run", "idm_params", ["run_id"])


def downgrade():
    op.drop_table("idm_params")
