"""facts derived: each row of ``case_facts`` records the derivation it follows

``kawal db upgrade`` derives again every row whose derivation is older than ``engine.facts.DERIVED_SINCE`` (or
unknown, as every row is after this revision), batch by batch, each batch committed. An upgrade interrupted while
it derives (Ctrl-C, a lost connection) resumes on the next run instead of saying the database is up to date.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-05 05:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("derived", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("derived")
