"""calendar_event: the working-day calendar's changes, hash-chained (engine.access_log)

The overrides in the table now and the years already confirmed are recorded as they were made (their rows say
when and by whom), in that order, so the chain starts with the calendar as it stands; an override removed before
this migration left no row and cannot be recorded. The hash rule is copied from engine.access_log (a migration keeps
the rule of its day).

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-06 11:10:00
"""

import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0038"
down_revision = "0037"
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
        "calendar_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_event")),
    )
    connection = op.get_bind()
    made = []
    holiday = sa.table(
        "holiday",
        sa.column("id", sa.Integer),
        sa.column("day", sa.Date),
        sa.column("is_working", sa.Boolean),
        sa.column("reason", sa.String),
        sa.column("calendars", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("created_by", sa.String),
    )
    for row in connection.execute(sa.select(holiday)).mappings():
        data = {
            "day": row["day"].isoformat(),
            "is_working": bool(row["is_working"]),
            "calendars": row["calendars"],
            "reason": row["reason"],
        }
        made.append((_aware(row["created_at"]), row["created_by"] or "-", "override_added", row["id"], data))
    year = sa.table(
        "holiday_year",
        sa.column("year", sa.Integer),
        sa.column("confirmed_at", sa.DateTime(timezone=True)),
        sa.column("confirmed_by", sa.String),
        sa.column("note", sa.String),
    )
    for row in connection.execute(sa.select(year)).mappings():
        data = {"year": row["year"], "note": row["note"]}
        made.append((_aware(row["confirmed_at"]), row["confirmed_by"], "year_confirmed", row["year"], data))
    prev = GENESIS
    for at, actor, type_, subject, data in sorted(made, key=lambda m: (m[0], m[3])):
        sealed = _hash(prev, at, actor, type_, subject, data)
        connection.execute(
            sa.insert(table).values(
                subject=subject, at=at, actor=actor, type=type_, data=data, prev_hash=prev, hash=sealed
            )
        )
        prev = sealed


def downgrade():
    op.drop_table("calendar_event")
