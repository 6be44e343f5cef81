"""facts cassation decision: a dispute keeps the court's decision and the Supreme Court's, each with its day

The facts kept one court decision, the last (the Supreme Court's on cassation replaced the court's), so the dispute
register and the yearly report lost the first instance's decision once a cassation was decided (legal-process.md §9.2
(c) 5-6: the court cases and their decisions). The court's stays in ``court_result`` and ``court_decided_on``; the
Supreme Court's is kept in ``cassation_result`` and ``cassation_decided_on``. A cassation the office filed through its
own decision (sikap_kasasi) now counts as filed too. ``kawal db upgrade`` derives the rows again
(engine.facts.DERIVED_SINCE).

Revision ID: 0058
Revises: 0057
Create Date: 2026-12-07 21:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0058"
down_revision = "0057"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cassation_result", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("cassation_decided_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("cassation_decided_on")
        batch_op.drop_column("cassation_result")
