"""requester correction: a requester's own request to correct their data, for the desk to apply or refuse

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-05 15:45:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "requester_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("context_key_id", sa.String(length=16), nullable=False),
        sa.Column("context", sa.LargeBinary(), nullable=False),
        sa.Column("asked_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("decided_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("refusal", sa.Text(), nullable=True),
        sa.Column("escalated_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_requester_correction_case_id_case"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_requester_correction_party_id_party")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requester_correction")),
    )
    with op.batch_alter_table("requester_correction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_requester_correction_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_requester_correction_status_due_at", ["status", "due_at"], unique=False)


def downgrade():
    with op.batch_alter_table("requester_correction", schema=None) as batch_op:
        batch_op.drop_index("ix_requester_correction_status_due_at")
        batch_op.drop_index(batch_op.f("ix_requester_correction_case_id"))
    op.drop_table("requester_correction")
