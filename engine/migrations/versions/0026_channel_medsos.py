"""channel medsos: a request sent by WhatsApp or social media, recorded by an officer

The case's channel check names one more value. On SQLite that rebuilds ``case`` (``batch_alter_table``), which
drops the triggers of the inbox's word index (0021): they are created again, and the index rebuilt from the
subjects, as 0021 made them.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-05 09:00:00
"""

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

OLD_CHANNELS = "channel IN ('langsung','web','email','pos','telepon','lapor')"
NEW_CHANNELS = "channel IN ('langsung','web','email','pos','telepon','lapor','medsos')"
# 0021's SQLite triggers of the word index, as they were created there.
SQLITE_TRIGGERS = [
    'CREATE TRIGGER case_words_ai AFTER INSERT ON "case" BEGIN '
    "INSERT INTO case_words(rowid, subject) VALUES (new.id, new.subject); END",
    'CREATE TRIGGER case_words_ad AFTER DELETE ON "case" BEGIN '
    "INSERT INTO case_words(case_words, rowid, subject) VALUES ('delete', old.id, old.subject); END",
    'CREATE TRIGGER case_words_au AFTER UPDATE OF subject ON "case" BEGIN '
    "INSERT INTO case_words(case_words, rowid, subject) VALUES ('delete', old.id, old.subject); "
    "INSERT INTO case_words(rowid, subject) VALUES (new.id, new.subject); END",
    "INSERT INTO case_words(case_words) VALUES ('rebuild')",
]
TRIGGER_NAMES = ("case_words_ai", "case_words_ad", "case_words_au")


def _channels(check: str) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_case_channel_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_case_channel_known"), check)
    if sqlite:  # the rebuilt table lost the word index's triggers
        for name in TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def upgrade():
    _channels(NEW_CHANNELS)


def downgrade():
    _channels(OLD_CHANNELS)
