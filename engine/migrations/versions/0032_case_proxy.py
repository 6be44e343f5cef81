"""case_proxy: every proxy a request or an objection has had, so the inbox finds a case by its proxy's name

Existing cases are linked to the proxies their details name (who filed the case, the one in office, the one whose
power ended). The proxies' blind-index tokens need the search key, which a migration does not have: ``kawal db
upgrade`` writes them after the migrations (engine.blind_index.index_unindexed_proxies).

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-06 07:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

# engine.proxy_party.PARTY_KEY, engine.proxy_data.FILER_KEY and REVOKED_KEY, as they were when this was written.
KEYS = ("kuasa_party_id", "kuasa_pengaju_party_id", "kuasa_dicabut_party_id")


def upgrade():
    op.create_table(
        "case_proxy",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_case_proxy_case_id_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_case_proxy_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "party_id", name=op.f("pk_case_proxy")),
    )
    with op.batch_alter_table("case_proxy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_proxy_party_id"), ["party_id"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        extract = "(details->>'{key}')::integer"
    else:
        extract = "json_extract(details, '$.{key}')"
    named = " UNION ".join(
        f'SELECT id AS case_id, {extract.format(key=key)} AS party_id FROM "case"'
        " WHERE kind IN ('permohonan_informasi', 'keberatan')"
        for key in KEYS
    )
    op.execute(
        "INSERT INTO case_proxy (case_id, party_id)"
        f" SELECT case_id, party_id FROM ({named}) AS named"
        " WHERE party_id IS NOT NULL AND party_id IN (SELECT id FROM party)"
    )


def downgrade():
    with op.batch_alter_table("case_proxy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_proxy_party_id"))
    op.drop_table("case_proxy")
