"""unit active: a unit dissolved or merged is deactivated, not deleted (engine.units)

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-06 10:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_column("active")
