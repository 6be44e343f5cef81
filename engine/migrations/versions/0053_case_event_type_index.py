"""case event type index: the events of some kinds across every case, newest first (the auditor's page of identity
reads, engine.identity_reads), read without scanning the whole history

Revision ID: 0053
Revises: 0052
Create Date: 2026-12-07 05:00:00
"""

from alembic import op

revision = "0053"
down_revision = "0052"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_case_event_type_at", "case_event", ["type", "at"])


def downgrade():
    op.drop_index("ix_case_event_type_at", table_name="case_event")
