"""facts court date: a dispute's facts keep the days its decisions are dated, the Commission's and the court's

The dispute register printed as the decision's date the moment an officer recorded the Commission's decision, and
had no date for the court's judgment (legal-process.md §5.2 stages 5a, 7, 9). The facts now keep the day the
mediation agreement or the adjudication decision is dated (``decided_on``, as for objections) and the day of the
last court decision (``court_decided_on``). ``kawal db upgrade`` derives the rows again (engine.facts.DERIVED_SINCE).

Revision ID: 0046
Revises: 0045
Create Date: 2026-12-07 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0046"
down_revision = "0045"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("court_decided_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("court_decided_on")
