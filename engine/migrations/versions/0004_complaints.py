"""complaints: reporter mode, unit-referred tasks, two-way messages, attachments, reveal requests

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 16:10:00
"""

import sqlalchemy as sa
from alembic import op

import engine.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_CHANNELS = "channel IN ('langsung','web','email','pos','telepon')"
NEW_CHANNELS = "channel IN ('langsung','web','email','pos','telepon','lapor')"


def upgrade():
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reporter_mode", sa.String(length=20), nullable=True))
        batch_op.drop_constraint(op.f("ck_case_channel_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_case_channel_known"), NEW_CHANNELS)
        batch_op.create_check_constraint(
            op.f("ck_case_reporter_mode_known"), "reporter_mode IN ('anonim','rahasia','whistleblower')"
        )
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_human_task_unit_id_unit"), "unit", ["unit_id"], ["id"])
    op.create_table(
        "case_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("reply_to_id", sa.Integer(), nullable=True),
        sa.Column("created_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "direction IN ('to_reporter','from_reporter')", name=op.f("ck_case_message_direction_known")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_case_message_case_id_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["reply_to_id"], ["case_message.id"], name=op.f("fk_case_message_reply_to_id_case_message")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_message")),
    )
    with op.batch_alter_table("case_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_message_case_id"), ["case_id"], unique=False)
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("created_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_attachment_case_id_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["message_id"], ["case_message.id"], name=op.f("fk_attachment_message_id_case_message")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_attachment_storage_key")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_case_id"), ["case_id"], unique=False)
    op.create_table(
        "reveal_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('pending','approved','refused')", name=op.f("ck_reveal_request_status_known")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_reveal_request_case_id_case"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["requested_by_id"], ["user.id"], name=op.f("fk_reveal_request_requested_by_id_user")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["user.id"], name=op.f("fk_reveal_request_decided_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reveal_request")),
    )
    with op.batch_alter_table("reveal_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reveal_request_case_id"), ["case_id"], unique=False)


def downgrade():
    op.drop_table("reveal_request")
    op.drop_table("attachment")
    op.drop_table("case_message")
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_human_task_unit_id_unit"), type_="foreignkey")
        batch_op.drop_column("unit_id")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_case_reporter_mode_known"), type_="check")
        batch_op.drop_constraint(op.f("ck_case_channel_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_case_channel_known"), OLD_CHANNELS)
        batch_op.drop_column("reporter_mode")
