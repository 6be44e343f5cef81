"""dip item responsible, place and pending revision; exemption_event: what the public information list states of each
item (Perki 1/2010 Pasal 11, kept by Perki 1/2021: "penanggung jawab pembuatan/penerbitan informasi" and "tempat
pembuatan": ``responsible``, ``made_in``), a unit's change to its published item held for the PPID
(``pending_revision``, engine.dip.propose_revision), and the hash chain of the determinations the PPID records in the
exemption register without a request (``exemption_event``, engine.exemptions.record_direct).

Items listed before keep both new columns empty (NULL): the pages leave them out, the PDF prints "-" and the
spreadsheet leaves the cell empty; nothing is guessed for them. Determinations made before through a request are in
their cases' histories, so the new chain starts empty.

Revision ID: 0055
Revises: 0054
Create Date: 2026-12-07 07:00:00
"""

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0055"
down_revision = "0054"
branch_labels = None
depends_on = None


# Added and dropped in place (``ALTER TABLE``), as 0052's and 0054's columns: nullable columns need no rebuilt table on
# SQLite.
def upgrade():
    op.add_column("dip_item", sa.Column("responsible", sa.String(length=200), nullable=True))
    op.add_column("dip_item", sa.Column("made_in", sa.String(length=200), nullable=True))
    op.add_column("dip_item", sa.Column("pending_revision", sa.JSON(none_as_null=True), nullable=True))
    op.create_table(
        "exemption_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exemption_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["exemption_id"], ["exemption.id"], name=op.f("fk_exemption_event_exemption_id_exemption")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exemption_event")),
    )
    op.create_index(op.f("ix_exemption_event_exemption_id"), "exemption_event", ["exemption_id"])


def downgrade():
    op.drop_index(op.f("ix_exemption_event_exemption_id"), table_name="exemption_event")
    op.drop_table("exemption_event")
    op.drop_column("dip_item", "pending_revision")
    op.drop_column("dip_item", "made_in")
    op.drop_column("dip_item", "responsible")
