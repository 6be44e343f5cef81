"""delivery: files on officers' tasks (the form field that took them, who uploaded, what the scan counted)

Revision ID: 0016
Revises: 0017 (0009 on the branch; re-chained after main added 0017)
Create Date: 2026-12-03 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("task_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("field", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("uploaded_by", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("scan", sa.JSON(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_attachment_task_id_human_task"), "human_task", ["task_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_attachment_task_id_human_task"), type_="foreignkey")
        batch_op.drop_column("scan")
        batch_op.drop_column("uploaded_by")
        batch_op.drop_column("field")
        batch_op.drop_column("task_id")
