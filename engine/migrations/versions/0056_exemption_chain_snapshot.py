"""exemption chain snapshot: every entry of the exemption register is covered by the register's hash chain
(engine.access_log EXEMPTION), which ``kawal audit verify`` compares each entry with.

Before this, the chain held only the determinations the PPID recorded without a request, and those records (format 1)
held the decree's number and date, the period, the letters and who decided, nothing of the entry's information, parts,
basis or tests; the entries made on a request were in their cases' histories only. Each entry in the register now gets
one ``exemption_snapshot`` record (format 2: the same and ``content``, the SHA-256 of its legal content; ``case``, the
request's ticket), appended to the chain in the entries' order, by ``system``, at the upgrade: from then on every
entry is compared with its last record. The snapshot takes each entry as it stands at the upgrade; the records before
it still verify as they were written. The rule is copied here (a migration keeps the rule of its day).

Revision ID: 0056
Revises: 0055
Create Date: 2026-12-07 10:00:00
"""

import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime

revision = "0056"
down_revision = "0055"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
CONTENT = (
    "information",
    "exempted_parts",
    "letters",
    "legal_basis",
    "harm_test",
    "public_interest_test",
    "valid_until",
    "decree_number",
    "decree_date",
    "decided_by",
    "decided_as",
    "note",
)


def _canonical(value: dict) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _hash(prev: str, at: datetime, actor: str, type_: str, subject: int, data: dict) -> str:
    if at.tzinfo is None:  # SQLite hands back the stored UTC instant without its zone
        at = at.replace(tzinfo=UTC)
    body = {"at": at.astimezone(UTC).isoformat(timespec="microseconds"), "actor": actor, "type": type_,
            "subject": subject, "data": data}  # fmt: skip
    return hashlib.sha256((prev + _canonical(body)).encode()).hexdigest()


def _record(row, ticket: str | None) -> dict:
    content = {name: row[name] for name in CONTENT}
    content["letters"] = list(content["letters"] or ())
    data = {
        "format": 2,
        "decree_number": row["decree_number"],
        "decree_date": row["decree_date"].isoformat(),
        "valid_until": row["valid_until"].isoformat(),
        "letters": content["letters"],
        "decided_as": row["decided_as"],
        "content": hashlib.sha256(_canonical(content).encode()).hexdigest(),
    }
    if ticket:
        data["case"] = ticket
    return data


def upgrade():
    connection = op.get_bind()
    exemption = sa.table(
        "exemption",
        sa.column("id", sa.Integer),
        *(sa.column(name, sa.JSON if name == "letters" else sa.Date if name.endswith(("_until", "_date")) else sa.Text)
          for name in CONTENT),
        sa.column("case_id", sa.Integer),
    )  # fmt: skip
    case = sa.table("case", sa.column("id", sa.Integer), sa.column("ticket", sa.String))
    events = sa.table(
        "exemption_event",
        sa.column("id", sa.Integer),
        sa.column("exemption_id", sa.Integer),
        sa.column("at", UTCDateTime(timezone=True)),
        sa.column("actor", sa.String),
        sa.column("type", sa.String),
        sa.column("data", sa.JSON),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    if connection.dialect.name == "postgresql":  # the chain's own lock (engine.access_log CHAINS)
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(0x4B41574C10)))
    prev = connection.scalar(sa.select(events.c.hash).order_by(events.c.id.desc()).limit(1)) or GENESIS
    at = datetime.now(UTC)
    entries = connection.execute(
        sa.select(exemption, case.c.ticket).outerjoin(case, case.c.id == exemption.c.case_id).order_by(exemption.c.id)
    ).mappings()
    for row in entries.all():
        data = _record(row, row["ticket"])
        sealed = _hash(prev, at, "system", "exemption_snapshot", row["id"], data)
        connection.execute(
            sa.insert(events).values(
                exemption_id=row["id"], at=at, actor="system", type="exemption_snapshot", data=data, prev_hash=prev,
                hash=sealed,
            )
        )  # fmt: skip
        prev = sealed


def downgrade():
    # The snapshots stay: removing them would break the chain where records followed them. Kawal before 0056 walks
    # the chain (it verifies) without comparing the entries with it.
    pass
