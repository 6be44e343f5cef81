"""inbox: the officers' workbench (issue 11): inbox sort columns, case subject, blind index, saved filters,
internal notes with officers' attachments, absences

``human_task`` gets copies of the case's stage and receipt and its urgency instant (due date, or receipt
when no deadline), so a page of the inbox is one indexed read; existing rows are filled from their case.
``case.subject`` is filled from each case's details as engine.subjects words it. The blind index
(``party_token``) starts empty: ``kawal search reindex`` fills it from the vault (it needs the key).

Revision ID: 0015
Revises: 0017 (main's 0017 also follows 0009; this one follows it, so there is one head)
Create Date: 2026-12-03 15:30:00
"""

import sqlalchemy as sa
from alembic import op

import engine.models

revision = "0015"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject", sa.String(length=300), server_default="", nullable=False))
        batch_op.create_index("ix_case_requester_party_id", ["requester_party_id"], unique=False)
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("received_at", engine.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("sort_at", engine.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_human_task_state_sort_at_id", ["state", "sort_at", "id"], unique=False)
        batch_op.create_index("ix_human_task_state_received_at_id", ["state", "received_at", "id"], unique=False)
        batch_op.create_index("ix_human_task_state_stage_sort_at_id", ["state", "stage", "sort_at", "id"], unique=False)
        batch_op.create_index(
            "ix_human_task_assignee_id_state_sort_at", ["assignee_id", "state", "sort_at"], unique=False
        )
        batch_op.create_index(
            "ix_human_task_state_lane_counts", ["state", "lane", "process_id", "due_at", "assignee_id"], unique=False
        )

    op.create_table(
        "party_token",
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_token_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("party_id", "token", name=op.f("pk_party_token")),
    )
    with op.batch_alter_table("party_token", schema=None) as batch_op:
        batch_op.create_index("ix_party_token_token", ["token"], unique=False)

    op.create_table(
        "saved_filter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_saved_filter_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_filter")),
        sa.UniqueConstraint("user_id", "name", name="uq_saved_filter_user_id_name"),
    )

    op.create_table(
        "case_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("created_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], name=op.f("fk_case_note_author_id_user")),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_case_note_case_id_case"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_note")),
    )
    with op.batch_alter_table("case_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_note_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_attachment_note_id"), ["note_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_attachment_note_id_case_note"), "case_note", ["note_id"], ["id"])

    op.create_table(
        "absence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("substitute_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("starts_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("last_day >= first_day", name=op.f("ck_absence_period_ordered")),
        sa.CheckConstraint("user_id <> substitute_id", name=op.f("ck_absence_not_self")),
        sa.ForeignKeyConstraint(
            ["substitute_id"], ["user.id"], name=op.f("fk_absence_substitute_id_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_absence_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence")),
    )
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.create_index("ix_absence_starts_at_ends_at", ["starts_at", "ends_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_absence_substitute_id"), ["substitute_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_absence_user_id"), ["user_id"], unique=False)

    _fill()


def _fill():
    """Existing open tasks get their case's stage, receipt and urgency; existing cases their subject."""
    from engine.subjects import subject_of

    bind = op.get_bind()
    case = sa.table(
        "case",
        sa.column("id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("status", sa.String),
        sa.column("details", sa.JSON),
        sa.column("subject", sa.String),
        sa.column("received_at", engine.models.UTCDateTime(timezone=True)),
    )
    task = sa.table(
        "human_task",
        sa.column("id", sa.Integer),
        sa.column("case_id", sa.Integer),
        sa.column("due_at", engine.models.UTCDateTime(timezone=True)),
        sa.column("stage", sa.String),
        sa.column("received_at", engine.models.UTCDateTime(timezone=True)),
        sa.column("sort_at", engine.models.UTCDateTime(timezone=True)),
    )
    cases = {
        row.id: row
        for row in bind.execute(sa.select(case.c.id, case.c.kind, case.c.status, case.c.details, case.c.received_at))
    }
    for row in cases.values():
        bind.execute(case.update().where(case.c.id == row.id).values(subject=subject_of(row.kind, row.details or {})))
    for row in bind.execute(sa.select(task.c.id, task.c.case_id, task.c.due_at)).all():
        owner = cases[row.case_id]
        bind.execute(
            task.update()
            .where(task.c.id == row.id)
            .values(stage=owner.status, received_at=owner.received_at, sort_at=row.due_at or owner.received_at)
        )


def downgrade():
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absence_user_id"))
        batch_op.drop_index(batch_op.f("ix_absence_substitute_id"))
        batch_op.drop_index("ix_absence_starts_at_ends_at")
    op.drop_table("absence")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_attachment_note_id_case_note"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_attachment_note_id"))
        batch_op.drop_column("note_id")
    with op.batch_alter_table("case_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_note_case_id"))
    op.drop_table("case_note")
    op.drop_table("saved_filter")
    with op.batch_alter_table("party_token", schema=None) as batch_op:
        batch_op.drop_index("ix_party_token_token")
    op.drop_table("party_token")
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.drop_index("ix_human_task_state_lane_counts")
        batch_op.drop_index("ix_human_task_assignee_id_state_sort_at")
        batch_op.drop_index("ix_human_task_state_stage_sort_at_id")
        batch_op.drop_index("ix_human_task_state_received_at_id")
        batch_op.drop_index("ix_human_task_state_sort_at_id")
        batch_op.drop_column("sort_at")
        batch_op.drop_column("received_at")
        batch_op.drop_column("stage")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_requester_party_id")
        batch_op.drop_column("subject")
