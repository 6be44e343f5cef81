"""exemption ended: an entry of the register of exempt information ends before its period when an objection
overturns the refusal it rests on

The decree's period (``valid_until``) stays as the decree set it; ``ended_on`` and ``ended_reason`` say that
the PPID's superior granted an objection against the refusal (UU 14/2008 Pasal 36), from which day the entry
no longer holds and may not be cited.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05 01:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("exemption", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("ended_reason", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("exemption", schema=None) as batch_op:
        batch_op.drop_column("ended_reason")
        batch_op.drop_column("ended_on")
