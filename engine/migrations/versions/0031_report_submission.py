"""report submission: when a year's Laporan Layanan Informasi Publik went to the PPID's superior, and its reminders

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-05 22:20:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "report_submission",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("to_superior_on", sa.Date(), nullable=True),
        sa.Column("to_commission_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=80), nullable=True),
        sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("reminded", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_report_submission")),
    )


def downgrade():
    op.drop_table("report_submission")
