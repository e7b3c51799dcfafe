"""Named packs and the project's overrides, per run (docs/design/packs.md §8).

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _child(name, *columns):
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("idm_runs.id", ondelete="CASCADE"),
                  nullable=False),
        *columns)
    op.create_index("ix_%s_run" % name, name, ["run_id"])


def upgrade():
    _child("idm_packs",
           sa.Column("name", sa.Text, nullable=False),
           sa.Column("version", sa.Text, nullable=False),
           sa.Column("source", sa.Text),
           sa.Column("ref", sa.Text),
           sa.Column("commit", sa.Text),
           sa.Column("digest", sa.String(80)))
    _child("idm_overrides",
           sa.Column("rule", sa.Text, nullable=False),
           sa.Column("enabled", sa.Boolean, nullable=False),
           sa.Column("severity", sa.String(8)),
           sa.Column("severity_default", sa.String(8), nullable=False),
           sa.Column("reason", sa.Text, nullable=False),
           sa.Column("approved_by", sa.Text, nullable=False),
           sa.Column("until", sa.Text),
           sa.Column("lapsed", sa.Boolean, nullable=False))


def downgrade():
    op.drop_table("idm_overrides")
    op.drop_table("idm_packs")
