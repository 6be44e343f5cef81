"""decided on: a case's facts keep the day its decision is dated, where the decision's form records one

The objection register holds the superior's decision and its date (legal-process.md §4.3), and the days to the
superior's response count to the response as sent, or, for an objection settled by agreement (no letter), to the
agreement's date (§9.3). A complaint's time to resolve counts to its outcome notice's date. Before, both counted to
the moment an officer typed the record in. ``case_facts`` is a read model: ``kawal db upgrade`` derives every
case's facts again after this revision (engine.facts.DERIVED_SINCE); ``flask db upgrade`` alone leaves that to
``kawal reports rebuild``.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05 02:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("decided_on")
