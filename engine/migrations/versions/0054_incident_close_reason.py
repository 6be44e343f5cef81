"""incident close reason: an administrator closes an incident without retrying its work, saying why (the requester's
address is wrong and the PPID phoned them instead); who and when were already the incident's ``resolved_by`` and
``resolved_at``, the reason is the new ``close_reason`` (notifications.incidents.close)

Incidents closed before (retried, marked handled, closed by a year's confirmation) keep no reason: they were not
closed by a decision to leave their work undone.

Revision ID: 0054
Revises: 0053
Create Date: 2026-12-07 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0054"
down_revision = "0053"
branch_labels = None
depends_on = None


# Added and dropped in place (``ALTER TABLE``), as 0052's column: a nullable column needs no rebuilt table on SQLite.
def upgrade():
    op.add_column("incident", sa.Column("close_reason", sa.String(length=300), nullable=True))


def downgrade():
    op.drop_column("incident", "close_reason")
