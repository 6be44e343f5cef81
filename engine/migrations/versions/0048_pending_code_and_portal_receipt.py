"""pending code and portal receipt: a new code mailed for a lost one waits for its first use before the old one ends
(``case.pending_code_hash``, engine.lost_codes); a portal filing's receipt waits on the server, sealed, instead of in
the browser's signed cookie (``portal_receipt``, engine.portal_receipts)

No case has a code waiting, and receipts in cookies from before are not read any more: a visitor who filed in the
minutes of the upgrade finds an empty receipt page, and their form sent again is answered by the server's record
(engine.submissions) with a new code.

Revision ID: 0048
Revises: 0047
Create Date: 2026-12-08 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0048"
down_revision = "0047"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("pending_code_hash", sa.String(length=64), nullable=True))
    op.create_table(
        "portal_receipt",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_portal_receipt")),
    )
    op.create_index(op.f("ix_portal_receipt_expires_at"), "portal_receipt", ["expires_at"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_portal_receipt_expires_at"), table_name="portal_receipt")
    op.drop_table("portal_receipt")
    with op.batch_alter_table("case") as batch:
        batch.drop_column("pending_code_hash")
