"""case awaiting since: when an open case was last left with no open task, waiting for someone outside the office
(engine.waiting); the cases in that state now are dated by their last change. And what an open case waits to hear
from outside (``awaiting_events``): filled by its next run, none for the cases before

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-06 14:40:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None

AWAITING = sa.text("awaiting_since IS NOT NULL")


def upgrade():
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("awaiting_since", UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("awaiting_events", sa.JSON(), nullable=True))
    op.execute(
        'UPDATE "case" SET awaiting_since = updated_at WHERE closed_at IS NULL AND NOT EXISTS '
        "(SELECT 1 FROM human_task WHERE human_task.case_id = \"case\".id AND human_task.state = 'open')"
    )
    op.create_index(
        "ix_case_awaiting_since",
        "case",
        ["awaiting_since"],
        unique=False,
        sqlite_where=AWAITING,
        postgresql_where=AWAITING,
    )


def downgrade():
    op.drop_index("ix_case_awaiting_since", table_name="case")
    with op.batch_alter_table("case") as batch:
        batch.drop_column("awaiting_events")
        batch.drop_column("awaiting_since")
