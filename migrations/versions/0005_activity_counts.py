"""Activity figures for the CCAS: counts per day and measure, with no personal data.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_counts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(40), nullable=False),
        sa.Column("value", sa.String(60), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.UniqueConstraint("day", "measure", "value", name="uq_activity_day_measure_value"),
    )
    op.create_index("ix_activity_counts_day", "activity_counts", ["day"])


def downgrade() -> None:
    op.drop_index("ix_activity_counts_day", "activity_counts")
    op.drop_table("activity_counts")
