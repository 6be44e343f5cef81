"""facts not actionable reason: a complaint closed at verification as not actionable keeps the reason chosen

The verification form asked only for a free-text reason, so the complaint statistics could not count why complaints
were not followed up (legal-process.md §7.1, §7.4, §9.3: outside the office's authority, before a court, reporter
and/or reported party unclear and cannot be confirmed). The form now asks for one of those reasons
(``jenis_alasan``), and the facts keep it (``not_actionable_reason``); a complaint verified before then has none and
counts as "reason not recorded". ``kawal db upgrade`` derives the rows again (engine.facts.DERIVED_SINCE).

Revision ID: 0057
Revises: 0056
Create Date: 2026-12-07 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0057"
down_revision = "0056"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("not_actionable_reason", sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("not_actionable_reason")
