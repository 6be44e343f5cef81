"""case message code: a message Kawal words itself to a complaint's reporter (forwarded to another agency, closed by
its review: engine.reporter_words) names its words and their parameters, worded when read in the reader's language

Messages written before keep their body, read as it is: no code is guessed from a finished text.

Revision ID: 0051
Revises: 0050
Create Date: 2026-12-10 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0051"
down_revision = "0050"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_message") as batch:
        batch.add_column(sa.Column("code", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("case_message") as batch:
        batch.drop_column("params")
        batch.drop_column("code")
