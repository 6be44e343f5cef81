"""submissions: the portal forms that filed a case, so a form sent again files nothing new

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 09:00:00
"""

import sqlalchemy as sa
from alembic import op

import engine.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "submission",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("created_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_submission_case_id_case"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_submission")),
    )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submission_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_submission_created_at"), ["created_at"], unique=False)


def downgrade():
    op.drop_table("submission")
