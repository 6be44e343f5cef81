"""facts sla: a complaint's resolution tier judged against the clock that ran (met | missed)

Its time to close was compared with its tier from the receipt, counting the weeks the file waited for the
reporter's evidence (and, with KAWAL_COMPLAINT_SLA_FROM=klasifikasi, the days before classification) against
the office. ``kawal db upgrade`` derives the rows again (engine.facts.DERIVED_SINCE).

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-05 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sla", sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("sla")
