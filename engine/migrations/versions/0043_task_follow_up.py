"""task follow-up: an officer's own day to come back to a task they hold, with a note (engine.follow_ups)

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-06 12:30:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None

UNTOLD = sa.text("follow_up_sent_at IS NULL AND follow_up_at IS NOT NULL")


def upgrade():
    with op.batch_alter_table("human_task") as batch:
        batch.add_column(sa.Column("follow_up_at", UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("follow_up_note", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("follow_up_sent_at", UTCDateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_human_task_follow_up_at",
        "human_task",
        ["follow_up_at"],
        unique=False,
        sqlite_where=UNTOLD,
        postgresql_where=UNTOLD,
    )


def downgrade():
    op.drop_index("ix_human_task_follow_up_at", table_name="human_task")
    with op.batch_alter_table("human_task") as batch:
        batch.drop_column("follow_up_sent_at")
        batch.drop_column("follow_up_note")
        batch.drop_column("follow_up_at")
