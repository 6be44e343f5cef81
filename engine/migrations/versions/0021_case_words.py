"""case words: the inbox's word index over case subjects; its counts' copy of a case's overdue flag

The inbox searches subjects by their words (engine.inbox_search) through an index instead of reading every
case: on SQLite the FTS5 table ``case_words`` (external content over ``case.subject``) with triggers that
keep it in step, filled here from the existing cases; on PostgreSQL a GIN index on
``to_tsvector('simple', subject)``, built here over the existing rows and kept by the database. A later
migration that rebuilds ``case`` on SQLite (``batch_alter_table``) drops the triggers and must create them
again (tests/api/test_inbox_search.py checks that they exist at head).

``human_task.case_overdue`` and ``case_unit_id``: copies of the case's ``overdue`` flag and unit on its tasks
(engine.sync writes them with the other copies at every run; filled here from the cases), so the header's
counts find the tasks of a late case (indexed) and the complaint team's queue (by unit) without joining
every open task to its case (engine.inbox_list.counts, engine.access.open_tasks_rule).

``party_token`` is indexed by token with its party, so a name word's parties are read from the index alone.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 18:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE case_words USING fts5(subject, content='case', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    'CREATE TRIGGER case_words_ai AFTER INSERT ON "case" BEGIN '
    "INSERT INTO case_words(rowid, subject) VALUES (new.id, new.subject); END",
    'CREATE TRIGGER case_words_ad AFTER DELETE ON "case" BEGIN '
    "INSERT INTO case_words(case_words, rowid, subject) VALUES ('delete', old.id, old.subject); END",
    'CREATE TRIGGER case_words_au AFTER UPDATE OF subject ON "case" BEGIN '
    "INSERT INTO case_words(case_words, rowid, subject) VALUES ('delete', old.id, old.subject); "
    "INSERT INTO case_words(rowid, subject) VALUES (new.id, new.subject); END",
    "INSERT INTO case_words(case_words) VALUES ('rebuild')",  # the existing cases
]
POSTGRES_INDEX = [
    "CREATE INDEX ix_case_subject_words ON \"case\" USING gin (to_tsvector('simple'::regconfig, subject))",
]


def upgrade():
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_overdue", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("case_unit_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_human_task_state_case_overdue_lane", ["state", "case_overdue", "lane"], unique=False)
    with op.batch_alter_table("party_token", schema=None) as batch_op:
        batch_op.drop_index("ix_party_token_token")
        batch_op.create_index("ix_party_token_token_party_id", ["token", "party_id"], unique=False)
    task = sa.table("human_task", sa.column("case_id"), sa.column("case_overdue"), sa.column("case_unit_id"))
    case = sa.table("case", sa.column("id"), sa.column("overdue"), sa.column("unit_id"))
    late = sa.select(case.c.id).where(case.c.overdue == sa.true())
    op.execute(task.update().where(task.c.case_id.in_(late)).values(case_overdue=sa.true()))
    unit = sa.select(case.c.unit_id).where(case.c.id == task.c.case_id).scalar_subquery()
    op.execute(task.update().values(case_unit_id=unit))
    for statement in POSTGRES_INDEX if op.get_bind().dialect.name == "postgresql" else SQLITE_INDEX:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_case_subject_words")
    else:
        for trigger in ("case_words_ai", "case_words_ad", "case_words_au"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE case_words")
    with op.batch_alter_table("party_token", schema=None) as batch_op:
        batch_op.drop_index("ix_party_token_token_party_id")
        batch_op.create_index("ix_party_token_token", ["token"], unique=False)
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.drop_index("ix_human_task_state_case_overdue_lane")
        batch_op.drop_column("case_unit_id")
        batch_op.drop_column("case_overdue")
