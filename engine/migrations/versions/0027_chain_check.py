"""chain check: each hash chain check that ran to its end, for the auditor console to show

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-05 11:45:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "chain_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finished_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("by", sa.String(length=80), nullable=False),
        sa.Column("scope", sa.JSON(), nullable=False),
        sa.Column("checked_cases", sa.Integer(), nullable=False),
        sa.Column("checked_events", sa.Integer(), nullable=False),
        sa.Column("breaks_total", sa.Integer(), nullable=False),
        sa.Column("breaks", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_check")),
    )
    with op.batch_alter_table("chain_check", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_check_finished_at"), ["finished_at"], unique=False)


def downgrade():
    with op.batch_alter_table("chain_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_check_finished_at"))
    op.drop_table("chain_check")
