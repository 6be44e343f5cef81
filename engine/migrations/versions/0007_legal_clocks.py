"""legal clocks: deadlines met by the recorded dispatch date; holiday years confirmed by the admin

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10 09:00:00
"""

import sqlalchemy as sa
from alembic import op

import engine.models

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("met_on", sa.Date(), nullable=True))
    op.create_table(
        "holiday_year",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("confirmed_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by", sa.String(length=80), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_holiday_year")),
    )


def downgrade():
    op.drop_table("holiday_year")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_column("met_on")
