"""requester correction reminder: when the desk was reminded of a request in its last day

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-05 18:50:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("requester_correction", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminded_at", UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("requester_correction", schema=None) as batch_op:
        batch_op.drop_column("reminded_at")
