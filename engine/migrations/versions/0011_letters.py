"""letters: the agency's letters (numbered, rendered after the commit, verifiable) and the exemption register

``letter`` holds every letter issued, its sealed content and, once rendered, its PDF's facts; its numbers
come from the ``ticket_counter`` table (series ``surat:<code>``). ``exemption`` is the register of exempt
information, which ``dip_item.exemption_id`` now references. Adding that foreign key rebuilds
``dip_item`` on SQLite, which drops the search index's triggers (0009): they are created again here.

Revision ID: 0011
Revises: 0016 (after main's 0017 -> 0016 chain)
Create Date: 2026-12-14 09:00:00
"""

import sqlalchemy as sa
from alembic import op

import engine.models

revision = "0011"
down_revision = "0015"
branch_labels = None
depends_on = None

# 0009's SQLite triggers of the search index, as they were created there.
SQLITE_TRIGGERS = [
    "CREATE TRIGGER dip_item_search_ai AFTER INSERT ON dip_item BEGIN "
    "INSERT INTO dip_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER dip_item_search_ad AFTER DELETE ON dip_item BEGIN "
    "INSERT INTO dip_search(dip_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER dip_item_search_au AFTER UPDATE OF search_text ON dip_item BEGIN "
    "INSERT INTO dip_search(dip_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO dip_search(rowid, search_text) VALUES (new.id, new.search_text); END",
]
TRIGGER_NAMES = ("dip_item_search_ai", "dip_item_search_ad", "dip_item_search_au")


def upgrade():
    op.create_table(
        "letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("task", sa.String(length=100), nullable=True),
        sa.Column("locale", sa.String(length=2), nullable=False),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.Column("series", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("letter_date", sa.Date(), nullable=False),
        sa.Column("to_requester", sa.Boolean(), nullable=False),
        sa.Column("shown_after", sa.String(length=100), nullable=True),
        sa.Column("issued_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=80), nullable=False),
        sa.Column("translation_of_id", sa.Integer(), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("context_key_id", sa.String(length=16), nullable=False),
        sa.Column("context", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("rendered_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("storage_key", sa.String(length=64), nullable=True),
        sa.Column("key_id", sa.String(length=16), nullable=True),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("scan_sha256", sa.String(length=64), nullable=True),
        sa.Column("scan_size", sa.Integer(), nullable=True),
        sa.Column("scan_media_type", sa.String(length=100), nullable=True),
        sa.Column("scan_storage_key", sa.String(length=64), nullable=True),
        sa.Column("scan_key_id", sa.String(length=16), nullable=True),
        sa.Column("scan_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("scan_by", sa.String(length=80), nullable=True),
        sa.CheckConstraint("status IN ('pending','ready','failed')", name=op.f("ck_letter_status_known")),
        sa.CheckConstraint("locale IN ('id','en')", name=op.f("ck_letter_locale_known")),
        sa.CheckConstraint(
            "status <> 'ready' OR (sha256 IS NOT NULL AND storage_key IS NOT NULL)", name=op.f("ck_letter_ready_stored")
        ),
        sa.CheckConstraint("scan_storage_key IS NULL OR scan_sha256 IS NOT NULL", name=op.f("ck_letter_scan_hashed")),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_letter_case_id_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["corrects_id"], ["letter.id"], name=op.f("fk_letter_corrects_id_letter")),
        sa.ForeignKeyConstraint(["translation_of_id"], ["letter.id"], name=op.f("fk_letter_translation_of_id_letter")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
        sa.UniqueConstraint("code", name=op.f("uq_letter_code")),
        sa.UniqueConstraint("number", "locale", name="uq_letter_number_locale"),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_letter_status_issued_at", ["status", "issued_at"], unique=False)

    op.create_table(
        "exemption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("information", sa.Text(), nullable=False),
        sa.Column("exempted_parts", sa.Text(), nullable=False),
        sa.Column("letters", sa.JSON(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("harm_test", sa.Text(), nullable=False),
        sa.Column("public_interest_test", sa.Text(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("decree_number", sa.String(length=120), nullable=False),
        sa.Column("decree_date", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.Column("decided_as", sa.String(length=40), nullable=False),
        sa.Column("decided_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("valid_until > decree_date", name=op.f("ck_exemption_period_after_decree")),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_exemption_case_id_case"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["letter_id"], ["letter.id"], name=op.f("fk_exemption_letter_id_letter")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exemption")),
        sa.UniqueConstraint("decree_number", name=op.f("uq_exemption_decree_number")),
    )
    with op.batch_alter_table("exemption", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exemption_case_id"), ["case_id"], unique=False)

    # Before the register existed an item's exemption_id could only be a number typed in: keep it in the
    # item's note, where the DIP shows it, and let the reference point into the register from now on.
    op.execute(
        "UPDATE dip_item SET exemption_note = TRIM(COALESCE(exemption_note, '') || ' (No. register pengecualian: ' "
        "|| CAST(exemption_id AS VARCHAR(12)) || ')'), exemption_id = NULL WHERE exemption_id IS NOT NULL"
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("dip_item", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_dip_item_exemption_id_exemption"), "exemption", ["exemption_id"], ["id"]
        )
    if sqlite:  # the rebuilt table lost the search index's triggers
        for name in TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("dip_item", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_dip_item_exemption_id_exemption"), type_="foreignkey")
    if sqlite:
        for name in TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    with op.batch_alter_table("exemption", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exemption_case_id"))
    op.drop_table("exemption")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index("ix_letter_status_issued_at")
        batch_op.drop_index(batch_op.f("ix_letter_case_id"))
    op.drop_table("letter")
