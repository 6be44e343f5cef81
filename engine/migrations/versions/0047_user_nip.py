"""user nip: an officer's NIP, printed under their name on the letters they sign (engine.nip, engine.letters.signers)

Letters an officer signed, when the office configured no signatory for the lane, printed no NIP: accounts had
none. An existing officer has none until an administrator sets it. The column's check (18 ASCII digits) is its own,
so that SQLite adds and drops it with the column (``ALTER TABLE``), without rebuilding ``user``.

Revision ID: 0047
Revises: 0046
Create Date: 2026-12-07 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0047"
down_revision = "0046"
branch_labels = None
depends_on = None

NIP_DIGITS = "nip IS NULL OR (length(nip) = 18 AND ltrim(nip, '0123456789') = '')"


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("nip", sa.String(length=18), sa.CheckConstraint(NIP_DIGITS, name=op.f("ck_user_nip_digits")))
        )


def downgrade():
    op.drop_column("user", "nip")  # the check goes with it (SQLite 3.35 drops a column in place)
