"""task sort rank: the open tasks ranked again as engine.sync now ranks them (``human_task.sort_at``): a task of a
case flagged overdue from the case's first missed agency deadline (late tasks first), a task with no deadline a
thousand years after it came in (last). The rule before ranked a task with no deadline by its case's receipt, above
the tasks due in the days after it; each task would be ranked again only by its case's next run

Revision ID: 0045
Revises: 0044
Create Date: 2026-12-07 09:00:00
"""

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

from engine.models import UTCDateTime
from engine.status import CLOSED

revision = "0045"
down_revision = "0044"
branch_labels = None
depends_on = None

NO_DEADLINE_RANK = timedelta(days=365_250)  # engine.sync.NO_DEADLINE_RANK, as it was written here

case = sa.table(
    "case",
    sa.column("id", sa.Integer),
    sa.column("overdue", sa.Boolean),
    sa.column("received_at", UTCDateTime(timezone=True)),
    sa.column("status", sa.String),
)
task = sa.table(
    "human_task",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("state", sa.String),
    sa.column("due_at", UTCDateTime(timezone=True)),
    sa.column("created_at", UTCDateTime(timezone=True)),
    sa.column("sort_at", UTCDateTime(timezone=True)),
)
deadline = sa.table(
    "deadline",
    sa.column("case_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("status", sa.String),
    sa.column("due_at", UTCDateTime(timezone=True)),
)


def upgrade():
    conn = op.get_bind()
    missed = dict(
        conn.execute(
            sa.select(deadline.c.case_id, sa.func.min(deadline.c.due_at))
            .where(deadline.c.status == "missed", deadline.c.kind == "agency")
            .group_by(deadline.c.case_id)
        ).all()
    )
    rows = conn.execute(
        sa.select(
            task.c.id,
            task.c.due_at,
            task.c.created_at,
            task.c.case_id,
            case.c.overdue,
            case.c.received_at,
            case.c.status,
        )
        .join(case, case.c.id == task.c.case_id)
        .where(task.c.state == "open", sa.or_(task.c.due_at.is_(None), case.c.overdue.is_(True)))
    ).all()
    ranked = []
    for row in rows:
        if row.overdue:
            since = missed.get(row.case_id, row.received_at)
            sort_at = min(since, row.due_at) if row.due_at is not None else since
        elif row.status in CLOSED:
            sort_at = row.created_at + NO_DEADLINE_RANK
        else:
            sort_at = row.received_at + NO_DEADLINE_RANK
        ranked.append({"task_id": row.id, "rank": sort_at})
    if ranked:
        rank(conn, ranked)


def downgrade():
    """The rule before: the due date, else the case's receipt (a closed case's task: 30 days after it arose)."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(task.c.id, task.c.due_at, task.c.created_at, case.c.received_at, case.c.status)
        .join(case, case.c.id == task.c.case_id)
        .where(task.c.state == "open")
    ).all()
    ranked = [
        {
            "task_id": row.id,
            "rank": row.due_at or (row.created_at + timedelta(days=30) if row.status in CLOSED else row.received_at),
        }
        for row in rows
    ]
    if ranked:
        rank(conn, ranked)


def rank(conn, ranked: list[dict]) -> None:
    statement = task.update().where(task.c.id == sa.bindparam("task_id")).values(sort_at=sa.bindparam("rank"))
    conn.execute(statement, ranked)
