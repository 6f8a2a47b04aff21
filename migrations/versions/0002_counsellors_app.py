"""The counsellors' web app: accounts, login failures, sessions, follow-up of callbacks,
notes, audit trail.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("callback_bookings") as batch:
        batch.add_column(sa.Column("followup", sa.String(20), nullable=False, server_default="to_call"))
        batch.add_column(sa.Column("followup_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "counsellors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("login", sa.String(120), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("login"),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("login", sa.String(120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_failures_login", "login_failures", ["login"])
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("counsellor_id", sa.Integer(), sa.ForeignKey("counsellors.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "handover_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("counsellor_id", sa.Integer(), sa.ForeignKey("counsellors.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("counsellor_name", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_handover_notes_sender_id", "handover_notes", ["sender_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
        sa.Column("counsellor_name", sa.String(120), nullable=True),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_booking_id", "audit_log", ["booking_id"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("handover_notes")
    op.drop_table("web_sessions")
    op.drop_table("login_failures")
    op.drop_table("counsellors")
    with op.batch_alter_table("callback_bookings") as batch:
        batch.drop_column("followup_at")
        batch.drop_column("followup")
