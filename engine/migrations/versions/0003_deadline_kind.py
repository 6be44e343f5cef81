"""deadline kinds: agency deadlines, option windows and informational clocks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('pending','met','missed','superseded','cancelled')"
NEW_STATUSES = "status IN ('pending','met','missed','lapsed','superseded','cancelled')"


def upgrade():
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=10), server_default="agency", nullable=False))
        batch_op.drop_constraint(op.f("ck_deadline_status_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_deadline_status_known"), NEW_STATUSES)
        batch_op.create_check_constraint(op.f("ck_deadline_kind_known"), "kind IN ('agency','window','info')")


def downgrade():
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_deadline_kind_known"), type_="check")
        batch_op.drop_constraint(op.f("ck_deadline_status_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_deadline_status_known"), OLD_STATUSES)
        batch_op.drop_column("kind")
