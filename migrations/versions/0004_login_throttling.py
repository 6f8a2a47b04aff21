"""Failed logins remember the client's address: sign-ins are slowed down per address and per
login, instead of pausing an account for everyone.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("login_failures") as batch:
        batch.add_column(sa.Column("address", sa.String(64), nullable=True))
    op.create_index("ix_login_failures_address", "login_failures", ["address"])
    op.create_index("ix_login_failures_at", "login_failures", ["at"])


def downgrade() -> None:
    op.drop_index("ix_login_failures_at", "login_failures")
    op.drop_index("ix_login_failures_address", "login_failures")
    with op.batch_alter_table("login_failures") as batch:
        batch.drop_column("address")
