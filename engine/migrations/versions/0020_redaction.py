"""redaction: a redacted file handed over names its original and each redaction's Pasal 17 letter

Revision ID: 0020
Revises: 0013
Create Date: 2026-12-03 18:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("original_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("redactions", sa.JSON(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_attachment_original_id_attachment"), "attachment", ["original_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_attachment_original_id_attachment"), type_="foreignkey")
        batch_op.drop_column("redactions")
        batch_op.drop_column("original_id")
