"""dip: the public information list (items, their versions and reminders), its search index, service pages

The search index lives beside the models (engine.search): on SQLite an FTS5 table ``dip_search`` over
``dip_item.search_text`` (external content), on PostgreSQL the ``dip_item.search_vector`` column with a
GIN index; on both, triggers keep it in step with ``search_text``. A later migration that rebuilds
``dip_item`` on SQLite (``batch_alter_table``) drops those triggers and must create them again
(tests/dip/test_search.py checks that they exist at head).

Outbox rows may now concern no case (``notification.case_id`` nullable): a DIP item falling due.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-10 09:00:00
"""

import sqlalchemy as sa
from alembic import op

import engine.models

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE dip_search USING fts5(search_text, content='dip_item', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER dip_item_search_ai AFTER INSERT ON dip_item BEGIN "
    "INSERT INTO dip_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER dip_item_search_ad AFTER DELETE ON dip_item BEGIN "
    "INSERT INTO dip_search(dip_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER dip_item_search_au AFTER UPDATE OF search_text ON dip_item BEGIN "
    "INSERT INTO dip_search(dip_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO dip_search(rowid, search_text) VALUES (new.id, new.search_text); END",
]
POSTGRES_INDEX = [
    "CREATE FUNCTION dip_item_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.search_vector := to_tsvector('simple', coalesce(NEW.search_text, '')); RETURN NEW; END $$",
    "CREATE TRIGGER dip_item_search_vector BEFORE INSERT OR UPDATE OF search_text ON dip_item "
    "FOR EACH ROW EXECUTE FUNCTION dip_item_search_vector()",
]


def upgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=True)
    op.create_table(
        "dip_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=True),
        sa.Column("retention", sa.String(length=200), nullable=False),
        sa.Column("format", sa.String(length=200), nullable=False),
        sa.Column("legal_basis", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("rhythm_months", sa.Integer(), nullable=True),
        sa.Column("exemption_id", sa.Integer(), nullable=True),
        sa.Column("exemption_note", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("notice_until", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("next_due_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("file_media_type", sa.String(length=100), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("file_storage_key", sa.String(length=64), nullable=True),
        sa.Column("file_key_id", sa.String(length=16), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("search_vector", engine.models.SearchVector(), nullable=True),
        sa.Column("created_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "category IN ('berkala','serta_merta','setiap_saat','dikecualikan')",
            name=op.f("ck_dip_item_category_known"),
        ),
        sa.CheckConstraint("status IN ('draft','published','withdrawn')", name=op.f("ck_dip_item_status_known")),
        sa.CheckConstraint(
            "category = 'berkala' OR rhythm_months IS NULL", name=op.f("ck_dip_item_rhythm_only_periodic")
        ),
        sa.CheckConstraint(
            "rhythm_months IS NULL OR rhythm_months BETWEEN 1 AND 60", name=op.f("ck_dip_item_rhythm_range")
        ),
        sa.CheckConstraint(
            "category <> 'dikecualikan' OR (url IS NULL AND file_storage_key IS NULL)",
            name=op.f("ck_dip_item_exempt_not_given_out"),
        ),
        sa.CheckConstraint(
            "category <> 'dikecualikan' OR exemption_id IS NOT NULL OR exemption_note IS NOT NULL",
            name=op.f("ck_dip_item_exempt_has_exemption"),
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_dip_item_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dip_item")),
        sa.UniqueConstraint("code", name=op.f("uq_dip_item_code")),
    )
    with op.batch_alter_table("dip_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dip_item_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dip_item_next_due_at"), ["next_due_at"], unique=False)
        batch_op.create_index("ix_dip_item_status_title", ["status", "title"], unique=False)
        batch_op.create_index(
            "ix_dip_item_search_vector", ["search_vector"], unique=False, postgresql_using="gin"
        )
    op.create_table(
        "dip_item_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["dip_item.id"], name=op.f("fk_dip_item_version_item_id_dip_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dip_item_version")),
        sa.UniqueConstraint("item_id", "version", name="uq_dip_item_version_item_version"),
    )
    op.create_table(
        "dip_reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("due_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("fire_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("sent_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('pending','sent','cancelled')", name=op.f("ck_dip_reminder_status_known")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["dip_item.id"], name=op.f("fk_dip_reminder_item_id_dip_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dip_reminder")),
        sa.UniqueConstraint("item_id", "kind", "due_at", name="uq_dip_reminder_item_kind_due_at"),
    )
    with op.batch_alter_table("dip_reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dip_reminder_item_id"), ["item_id"], unique=False)
        batch_op.create_index("ix_dip_reminder_status_fire_at", ["status", "fire_at"], unique=False)
    op.create_table(
        "service_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "slug IN ('maklumat','sop','biaya','jam_layanan')", name=op.f("ck_service_page_slug_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_page")),
        sa.UniqueConstraint("slug", "version", name="uq_service_page_slug_version"),
    )
    for statement in SQLITE_INDEX if op.get_bind().dialect.name == "sqlite" else POSTGRES_INDEX:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS dip_search")
    op.drop_table("service_page")
    op.drop_table("dip_reminder")
    op.drop_table("dip_item_version")
    op.drop_table("dip_item")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS dip_item_search_vector()")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
