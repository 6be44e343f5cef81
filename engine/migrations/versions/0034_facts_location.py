"""facts location: where a complaint happened (province, kab/kota) and who reported it (reporter category)

Permenpan 5/2009's recording (legal-process.md §7.2) keeps the case's location and the reporter's category;
the complaint statistics count them. ``kawal db upgrade`` derives the rows again (engine.facts.DERIVED_SINCE):
complaints recorded before have none, and count as unknown.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-06 10:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("location_province", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("location_regency", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("reporter_category", sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("reporter_category")
        batch_op.drop_column("location_regency")
        batch_op.drop_column("location_province")
