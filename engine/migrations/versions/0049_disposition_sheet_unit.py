"""disposition sheet unit: a complaint's disposition sheet (lembar disposisi) issued before sheets recorded the unit
they dispose to (``letter.unit_id``, engine.access.can_read_disposition) is addressed to that unit, so that it reads
its sheet

The unit is read again as a sheet is addressed now: the rule of engine.referral.referred_to on the data of the task
that issued it (the classification, or a re-referral to another unit), as that task's last completion before the
letter's own event; a translation or a correction addresses the unit of the sheet it copies. A sheet whose unit is
not found (one to the Inspectorate General, a unit no longer on file) keeps none, and no unit reads it, as before.
Only sheets without a unit are looked at: run again, it finds the same.

Revision ID: 0049
Revises: 0048
Create Date: 2026-12-08 12:00:00
"""

import sqlalchemy as sa
from alembic import op

from engine.referral import referred_to

revision = "0049"
down_revision = "0048"
branch_labels = None
depends_on = None

SHEET = "lembar_disposisi"


def upgrade():
    meta = sa.MetaData()
    letter = sa.Table(
        "letter",
        meta,
        sa.Column("id", sa.Integer),
        sa.Column("case_id", sa.Integer),
        sa.Column("kind", sa.String),
        sa.Column("task", sa.String),
        sa.Column("translation_of_id", sa.Integer),
        sa.Column("corrects_id", sa.Integer),
        sa.Column("unit_id", sa.Integer),
    )
    event = sa.Table(
        "case_event",
        meta,
        sa.Column("case_id", sa.Integer),
        sa.Column("seq", sa.Integer),
        sa.Column("type", sa.String),
        sa.Column("data", sa.JSON),
    )
    unit = sa.Table("unit", meta, sa.Column("id", sa.Integer), sa.Column("code", sa.String))
    connection = op.get_bind()
    sheets = connection.execute(
        sa.select(letter).where(letter.c.kind == SHEET).order_by(letter.c.id)  # an original before its copies
    ).all()
    if all(row.unit_id is not None for row in sheets):
        return
    units = dict(connection.execute(sa.select(unit.c.code, unit.c.id)).all())
    addressed: dict[int, int | None] = {row.id: row.unit_id for row in sheets}
    at_issue: dict[int, dict[int, dict]] = {}  # case -> letter -> each task's data as of the letter's event
    for row in sheets:
        if row.unit_id is not None:
            continue
        copied = row.translation_of_id or row.corrects_id
        if copied is not None:
            unit_id = addressed.get(copied)
        else:
            if row.case_id not in at_issue:
                at_issue[row.case_id] = _tasks_at_issue(connection, event, row.case_id)
            data = at_issue[row.case_id].get(row.id, {}).get(row.task) or {}
            unit_id = units.get(referred_to(row.task, data))
        addressed[row.id] = unit_id
        if unit_id is not None:
            connection.execute(sa.update(letter).where(letter.c.id == row.id).values(unit_id=unit_id))


def _tasks_at_issue(connection, event, case_id: int) -> dict[int, dict]:
    """For each letter of the case (by id), each task's data as of that task's last completion before the letter's
    own event (``letter_issued``)."""
    history = connection.execute(
        sa.select(event.c.type, event.c.data)
        .where(event.c.case_id == case_id, event.c.type.in_(("task_completed", "letter_issued")))
        .order_by(event.c.seq)
    )
    last: dict[str, dict] = {}
    found: dict[int, dict] = {}
    for type_, data in history:
        if type_ == "task_completed":
            last[data.get("task")] = data.get("data") or {}
        elif data.get("letter") is not None:
            found[data["letter"]] = dict(last)
    return found


def downgrade():
    pass  # the sheets keep their unit: 0041's column holds it, and a sheet addressed is read as before by its unit
