"""open cases by receipt: the list of open cases no officer holds a task in (engine.waiting) reads the open ones only

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-06 14:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None

OPEN = sa.text("closed_at IS NULL")


def upgrade():
    op.create_index(
        "ix_case_open_received_at", "case", ["received_at"], unique=False, sqlite_where=OPEN, postgresql_where=OPEN
    )


def downgrade():
    op.drop_index("ix_case_open_received_at", table_name="case")
