"""chain check access: a recorded chain check keeps what it found of the access changes' chains

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-06 12:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0040"
down_revision = "0039"
branch_labels = None
depends_on = None


def upgrade():
    # Checks recorded before did walk the access chains (the console and `kawal audit verify`) but kept no word
    # of them: null, "not recorded", as for the API's checks of a period.
    with op.batch_alter_table("chain_check") as batch:
        batch.add_column(sa.Column("access", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("chain_check") as batch:
        batch.drop_column("access")
