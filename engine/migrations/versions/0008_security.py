"""security: server-side sessions, public-use tallies, the TOTP second factor and its recovery codes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:07:25
"""

import sqlalchemy as sa
from alembic import op

import engine.models


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tally")),
    )
    with op.batch_alter_table("tally", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tally_at"), ["at"], unique=False)
        batch_op.create_index("ix_tally_kind_key_at", ["kind", "key", "at"], unique=False)

    op.create_table(
        "auth_session",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("second_factor", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=True),
        sa.Column("created_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", engine.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind = 'portal' OR user_id IS NOT NULL", name=op.f("ck_auth_session_officer_has_user")),
        sa.CheckConstraint("kind IN ('web','api','portal')", name=op.f("ck_auth_session_kind_known")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_auth_session_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_auth_session")),
    )
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_session_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_auth_session_user_id"), ["user_id"], unique=False)

    op.create_table(
        "recovery_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=200), nullable=False),
        sa.Column("used_at", engine.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_recovery_code_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_code")),
    )
    with op.batch_alter_table("recovery_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recovery_code_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("totp_key_id", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("totp_enabled_at", engine.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_enabled_at")
        batch_op.drop_column("totp_key_id")
        batch_op.drop_column("totp_secret")

    with op.batch_alter_table("recovery_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_code_user_id"))

    op.drop_table("recovery_code")
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_session_user_id"))
        batch_op.drop_index(batch_op.f("ix_auth_session_expires_at"))

    op.drop_table("auth_session")
    with op.batch_alter_table("tally", schema=None) as batch_op:
        batch_op.drop_index("ix_tally_kind_key_at")
        batch_op.drop_index(batch_op.f("ix_tally_at"))

    op.drop_table("tally")
