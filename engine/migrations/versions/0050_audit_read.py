"""audit read: each export of the history and each anchor an auditor downloaded or checked, for the console to show
(who read what)

Revision ID: 0050
Revises: 0049
Create Date: 2026-12-09 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0050"
down_revision = "0049"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_read",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("scope", sa.JSON(), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_read")),
    )
    with op.batch_alter_table("audit_read", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_read_at"), ["at"], unique=False)


def downgrade():
    with op.batch_alter_table("audit_read", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_read_at"))
    op.drop_table("audit_read")
