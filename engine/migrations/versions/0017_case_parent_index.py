"""case.parent_id indexed: a case's objections and disputes are looked up by it on every status lookup

Without it, each requester's status lookup and each case page scanned the whole case table for the
case's children (a million cases: ~350 ms on PostgreSQL; bench/scale.py).

Revision ID: 0017
Revises: 0009
Create Date: 2026-12-03 16:00:00
"""

from alembic import op

revision = "0017"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(op.f("ix_case_parent_id"), "case", ["parent_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_case_parent_id"), table_name="case")
