"""facts regency index: the kab/kota a complaint's recording form suggests are counted from an index

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-06 11:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None

WHERE = sa.text("location_regency IS NOT NULL")


def upgrade():
    op.create_index(
        "ix_case_facts_location_regency",
        "case_facts",
        ["location_regency"],
        unique=False,
        sqlite_where=WHERE,
        postgresql_where=WHERE,
    )


def downgrade():
    op.drop_index("ix_case_facts_location_regency", table_name="case_facts")
