"""notice sent: a case's facts keep the date and the way its written notice (or objection response) was sent

The request register holds "the date and form of the written notice" (legal-process.md §3.3), and the
response time of the yearly report counts working days from receipt to the notice as sent (§9.3), not to
the day an officer recorded it. ``case_facts`` is a read model: ``kawal db upgrade`` derives every case's
facts again after this revision (engine.facts.DERIVED_SINCE), which fills the new columns and recounts
``decision_days``; ``flask db upgrade`` alone leaves that to ``kawal reports rebuild``.

Revision ID: 0022
Revises: 0019
Create Date: 2026-12-04 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notice_sent_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("notice_via", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("notice_via")
        batch_op.drop_column("notice_sent_on")
