"""reports: case facts for the registers and reports, the report's narrative, the satisfaction survey

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-04 09:00:00
"""

import sqlalchemy as sa
from alembic import op

import engine.models

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_facts",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("received_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_month", sa.String(length=7), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("requester_type", sa.String(length=40), nullable=True),
        sa.Column("overdue", sa.Boolean(), nullable=False),
        sa.Column("result", sa.String(length=40), nullable=True),
        sa.Column("decided_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision_days", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("closed_month", sa.String(length=7), nullable=True),
        sa.Column("closed_days", sa.Integer(), nullable=True),
        sa.Column("closed_calendar_days", sa.Integer(), nullable=True),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("extension_reason", sa.String(length=60), nullable=True),
        sa.Column("exemptions", sa.String(length=40), nullable=True),
        sa.Column("grounds", sa.String(length=40), nullable=True),
        sa.Column("fee_charged", sa.Integer(), nullable=True),
        sa.Column("fee_paid", sa.Integer(), nullable=True),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("late_filed", sa.Boolean(), nullable=False),
        sa.Column("carried_out_on", sa.Date(), nullable=True),
        sa.Column("mediation", sa.String(length=20), nullable=True),
        sa.Column("adjudication", sa.String(length=40), nullable=True),
        sa.Column("court", sa.String(length=20), nullable=True),
        sa.Column("court_result", sa.String(length=40), nullable=True),
        sa.Column("cassation", sa.Boolean(), nullable=False),
        sa.Column("problem_code", sa.String(length=2), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("oversight", sa.Boolean(), nullable=True),
        sa.Column("not_actionable", sa.String(length=40), nullable=True),
        sa.Column("follow_up", sa.String(length=40), nullable=True),
        sa.Column("sla_days", sa.Integer(), nullable=True),
        sa.Column("statutory", sa.String(length=10), nullable=True),
        sa.Column("refreshed_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_case_facts_case_id_case"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_facts")),
    )
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.create_index("ix_case_facts_kind_received_at", ["kind", "received_at"], unique=False)
        batch_op.create_index("ix_case_facts_kind_closed_month", ["kind", "closed_month"], unique=False)

    op.create_table(
        "report_narrative",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_narrative")),
        sa.UniqueConstraint("period", "section", name="uq_report_narrative_period_section"),
    )

    op.create_table(
        "survey_ballot",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_survey_ballot")),
    )
    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=True),
        *[sa.Column(f"u{i}", sa.Integer(), nullable=False) for i in range(1, 10)],
        *[sa.CheckConstraint(f"u{i} BETWEEN 1 AND 4", name=op.f(f"ck_survey_response_u{i}_on_scale")) for i in range(1, 10)],
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_response_month"), ["month"], unique=False)


def downgrade():
    op.drop_table("survey_response")
    op.drop_table("survey_ballot")
    op.drop_table("report_narrative")
    op.drop_table("case_facts")
