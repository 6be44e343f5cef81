"""must change password: an officer whose password an administrator set (a new account, a reset) changes it at their
next login before anything else

Accounts made before keep their passwords as they are: nobody is asked to change one retroactively (the
administrator may reset a password to ask for it).

Revision ID: 0052
Revises: 0051
Create Date: 2026-12-07 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0052"
down_revision = "0051"
branch_labels = None
depends_on = None


# Added and dropped in place (``ALTER TABLE``), as 0047's NIP: a rebuilt ``user`` table on SQLite could take its
# memberships with it, and would turn 0047's column check into the table's, which 0047's downgrade cannot drop.
def upgrade():
    op.add_column("user", sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    op.drop_column("user", "must_change_password")
