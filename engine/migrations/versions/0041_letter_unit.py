"""letter unit: the unit a complaint's clarification request is addressed to, so that only that unit reads it

A letter issued before keeps its addressee in its sealed content only; the unit is read again from the history:
the referral (``unit_tujuan``) of the task that issued it, as that task's last completion before the letter's own
event; a translation or a correction addresses the unit of the letter it copies. A letter whose unit is not found
keeps none and stays readable by every unit the complaint was referred to, as before.

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-06 12:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None

CLARIFICATION = "surat_permintaan_klarifikasi"


def upgrade():
    with op.batch_alter_table("letter") as batch:
        batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f("fk_letter_unit_id_unit"), "unit", ["unit_id"], ["id"])
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
    units = dict(connection.execute(sa.select(unit.c.code, unit.c.id)).all())
    found: dict[int, int | None] = {}
    letters = connection.execute(
        sa.select(letter).where(letter.c.kind == CLARIFICATION).order_by(letter.c.id)  # an original before its copies
    ).all()
    for row in letters:
        copied = row.translation_of_id or row.corrects_id
        if copied is not None and found.get(copied) is not None:
            found[row.id] = found[copied]
            continue
        history = connection.execute(
            sa.select(event.c.type, event.c.data)
            .where(event.c.case_id == row.case_id, event.c.type.in_(("task_completed", "letter_issued")))
            .order_by(event.c.seq)
        )
        code, last = None, {}  # each task's referral as of its last completion before the letter
        for type_, data in history:
            if type_ == "task_completed":
                last[data.get("task")] = (data.get("data") or {}).get("unit_tujuan")
            elif data.get("letter") == row.id:
                code = last.get(row.task)
                break
        found[row.id] = units.get(code)
    for letter_id, unit_id in found.items():
        if unit_id is not None:
            connection.execute(sa.update(letter).where(letter.c.id == letter_id).values(unit_id=unit_id))


def downgrade():
    with op.batch_alter_table("letter") as batch:
        batch.drop_constraint(batch.f("fk_letter_unit_id_unit"), type_="foreignkey")
        batch.drop_column("unit_id")
