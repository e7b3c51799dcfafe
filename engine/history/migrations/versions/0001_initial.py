"""The first history schema: runs and what each one recorded.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
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
    op.create_table(
        "idm_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("evaluation_date", sa.String(10), nullable=False),
        sa.Column("idm_version", sa.String(32), nullable=False),
        sa.Column("command", sa.String(16), nullable=False),
        sa.Column("root", sa.Text, nullable=False),
        sa.Column("fail_on", sa.String(8)),
        sa.Column("gate", sa.String(8), nullable=False),
        sa.Column("exit_code", sa.Integer, nullable=False),
        sqlite_autoincrement=True)
    _child("idm_rule_packs",
           sa.Column("file", sa.Text, nullable=False),
           sa.Column("name", sa.Text),
           sa.Column("version", sa.String(32)),
           sa.Column("sha256", sa.String(64), nullable=False))
    _child("idm_inputs",
           sa.Column("file", sa.Text, nullable=False),
           sa.Column("sha256", sa.String(64)))
    _child("idm_initiatives",
           sa.Column("initiative", sa.Text, nullable=False),
           sa.Column("title", sa.Text, nullable=False),
           sa.Column("file", sa.Text, nullable=False),
           sa.Column("phase", sa.String(64)),
           sa.Column("owner", sa.Text))
    op.create_index("ix_idm_initiatives_initiative", "idm_initiatives", ["initiative"])
    _child("idm_coverage",
           sa.Column("initiative", sa.Text, nullable=False),
           sa.Column("domain", sa.String(32), nullable=False),
           sa.Column("required", sa.Boolean, nullable=False),
           sa.Column("covered", sa.Boolean, nullable=False),
           sa.Column("missing", sa.Text, nullable=False))
    _child("idm_findings",
           sa.Column("initiative", sa.Text, nullable=False),
           sa.Column("rule", sa.String(64), nullable=False),
           sa.Column("severity", sa.String(8), nullable=False),
           sa.Column("category", sa.String(32), nullable=False),
           sa.Column("domain", sa.String(32), nullable=False),
           sa.Column("path", sa.Text, nullable=False),
           sa.Column("file", sa.Text, nullable=False),
           sa.Column("line", sa.Integer),
           sa.Column("message_en", sa.Text, nullable=False),
           sa.Column("message_nl", sa.Text, nullable=False),
           sa.Column("waived", sa.Boolean, nullable=False),
           sa.Column("approved_by", sa.Text),
           sa.Column("expires", sa.String(32)),
           sa.Column("baselined", sa.Boolean, nullable=False))
    op.create_index("ix_idm_findings_initiative", "idm_findings", ["initiative"])
    _child("idm_exceptions",
           sa.Column("initiative", sa.Text, nullable=False),
           sa.Column("rule", sa.String(64), nullable=False),
           sa.Column("justification", sa.Text, nullable=False),
           sa.Column("approved_by", sa.Text, nullable=False),
           sa.Column("expires", sa.String(32), nullable=False))
    _child("idm_input_errors",
           sa.Column("file", sa.Text, nullable=False),
           sa.Column("line", sa.Integer),
           sa.Column("column", sa.Integer),
           sa.Column("message", sa.Text, nullable=False))


def downgrade():
    for name in ("idm_input_errors", "idm_exceptions", "idm_findings", "idm_coverage",
                 "idm_initiatives", "idm_inputs", "idm_rule_packs", "idm_runs"):
        op.drop_table(name)
