"""access chain: officers' account records and units' records are hash-chained (engine.access_log)

The records already kept are chained in the order of their ids, with the same rule engine.access_log writes by
(copied here: a migration keeps the rule of its day).

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-06 10:45:00
"""

import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
TABLES = (("account_event", "user_id"), ("unit_event", "unit_id"))


def _hash(prev: str, at: datetime, actor: str, type_: str, subject: int, data: dict) -> str:
    if at.tzinfo is None:  # SQLite hands back the stored UTC instant without its zone
        at = at.replace(tzinfo=UTC)
    body = json.dumps(
        {"at": at.astimezone(UTC).isoformat(timespec="microseconds"), "actor": actor, "type": type_,
         "subject": subject, "data": data},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )  # fmt: skip
    return hashlib.sha256((prev + body).encode()).hexdigest()


def upgrade():
    connection = op.get_bind()
    for table, column in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
        rows = sa.table(
            table,
            sa.column("id", sa.Integer),
            sa.column(column, sa.Integer),
            sa.column("at", sa.DateTime(timezone=True)),
            sa.column("actor", sa.String),
            sa.column("type", sa.String),
            sa.column("data", sa.JSON),
            sa.column("prev_hash", sa.String),
            sa.column("hash", sa.String),
        )
        prev = GENESIS
        found = connection.execute(sa.select(rows).order_by(rows.c.id)).mappings().all()
        for row in found:
            sealed = _hash(prev, row["at"], row["actor"], row["type"], row[column], row["data"] or {})
            connection.execute(sa.update(rows).where(rows.c.id == row["id"]).values(prev_hash=prev, hash=sealed))
            prev = sealed
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
            batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)


def downgrade():
    for table, _column in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("hash")
            batch_op.drop_column("prev_hash")
