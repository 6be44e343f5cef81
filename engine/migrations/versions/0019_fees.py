"""fees: the fee standard by effective date, the fee each written notice states, its payment

Revision ID: 0019
Revises: 0021
Create Date: 2026-12-03 18:30:00
"""

import sqlalchemy as sa
from alembic import op

import engine.models

revision = "0019"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "fee_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("code IN ('halaman','cd','dvd','flashdisk','pos')", name=op.f("ck_fee_rate_code_known")),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_fee_rate_amount_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_rate")),
        sa.UniqueConstraint("code", "effective_from", name="uq_fee_rate_code_effective_from"),
    )
    op.create_table(
        "fee_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("notice_date", sa.Date(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("total >= 0", name=op.f("ck_fee_notice_total_not_negative")),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_fee_notice_case_id_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["human_task.id"], name=op.f("fk_fee_notice_task_id_human_task")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_notice")),
        sa.UniqueConstraint("task_id", name=op.f("uq_fee_notice_task_id")),
    )
    op.create_index(op.f("ix_fee_notice_case_id"), "fee_notice", ["case_id"], unique=False)
    op.create_table(
        "fee_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("fee_notice_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("receipt_number", sa.String(length=100), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_fee_payment_amount_positive")),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_fee_payment_case_id_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["fee_notice_id"], ["fee_notice.id"], name=op.f("fk_fee_payment_fee_notice_id_fee_notice")
        ),
        sa.ForeignKeyConstraint(["task_id"], ["human_task.id"], name=op.f("fk_fee_payment_task_id_human_task")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_payment")),
        sa.UniqueConstraint("fee_notice_id", name=op.f("uq_fee_payment_fee_notice_id")),
        sa.UniqueConstraint("task_id", name=op.f("uq_fee_payment_task_id")),
    )
    op.create_index(op.f("ix_fee_payment_case_id"), "fee_payment", ["case_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_fee_payment_case_id"), table_name="fee_payment")
    op.drop_table("fee_payment")
    op.drop_index(op.f("ix_fee_notice_case_id"), table_name="fee_notice")
    op.drop_table("fee_notice")
    op.drop_table("fee_rate")
