"""Callback bookings, one row per taken seat of a slot.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "callback_bookings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slot_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(50), nullable=False),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("pseudonym", sa.String(80), nullable=True),
        sa.Column("consent_transcript", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("slot_start", "seat", name="uq_booking_slot_seat"),
    )
    op.create_index("ix_callback_bookings_slot_start", "callback_bookings", ["slot_start"])
    op.create_index("ix_callback_bookings_sender_id", "callback_bookings", ["sender_id"])


def downgrade() -> None:
    op.drop_index("ix_callback_bookings_sender_id", "callback_bookings")
    op.drop_index("ix_callback_bookings_slot_start", "callback_bookings")
    op.drop_table("callback_bookings")
