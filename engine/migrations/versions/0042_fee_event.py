"""fee_event: the fee standard's prices, hash-chained with the other access changes (engine.access_log)

Each item priced before this migration (its ``fee_rate`` row says when and by whom) is recorded as it was made, in
that order, so the chain starts with the standard as it stands. The hash rule is copied from engine.access_log (a
migration keeps the rule of its day).

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-06 13:00:00
"""

import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0042"
down_revision = "0041"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _hash(prev: str, at: datetime, actor: str, type_: str, subject: int, data: dict) -> str:
    body = json.dumps(
        {"at": at.astimezone(UTC).isoformat(timespec="microseconds"), "actor": actor, "type": type_,
         "subject": subject, "data": data},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )  # fmt: skip
    return hashlib.sha256((prev + body).encode()).hexdigest()


def _aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at  # SQLite hands back the stored UTC instant naive


def upgrade():
    table = op.create_table(
        "fee_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fee_rate_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["fee_rate_id"], ["fee_rate.id"], name=op.f("fk_fee_event_fee_rate_id_fee_rate")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_event")),
    )
    rate = sa.table(
        "fee_rate",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("amount", sa.Integer),
        sa.column("effective_from", sa.Date),
        sa.column("legal_basis", sa.Text),
        sa.column("actor", sa.String),
        sa.column("at", sa.DateTime(timezone=True)),
    )
    prev = GENESIS
    connection = op.get_bind()
    for row in connection.execute(sa.select(rate).order_by(rate.c.id)).mappings().all():
        data = {
            "code": row["code"],
            "amount": row["amount"],
            "effective_from": row["effective_from"].isoformat(),
            "legal_basis": row["legal_basis"],
        }
        at = _aware(row["at"])
        sealed = _hash(prev, at, row["actor"], "fee_rate_added", row["id"], data)
        connection.execute(
            sa.insert(table).values(
                fee_rate_id=row["id"], at=at, actor=row["actor"], type="fee_rate_added", data=data, prev_hash=prev,
                hash=sealed,
            )
        )  # fmt: skip
        prev = sealed


def downgrade():
    op.drop_table("fee_event")
