"""Callback numbers are never given twice: SQLite's AUTOINCREMENT on callback_bookings.

Without it, SQLite gives the next booking the highest id in use plus one, so after an erasure
of the latest booking a note or message quoting "rappel n° 11" could come to mean someone else.
PostgreSQL's sequences never go back: nothing changes there.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _highest_number_ever_given(connection: sa.engine.Connection) -> int:
    """The highest booking id still in use or still quoted: the audit log and the notes keep the
    numbers of bookings erased before this migration."""
    queries = ("SELECT MAX(id) FROM callback_bookings", "SELECT MAX(booking_id) FROM audit_log",
               "SELECT MAX(booking_id) FROM handover_notes")
    return max((connection.execute(sa.text(query)).scalar() or 0) for query in queries)


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    highest = _highest_number_ever_given(connection)
    # SQLite cannot add AUTOINCREMENT to a table: batch mode copies it into a new one (rows,
    # ids, indexes and constraints kept).
    with op.batch_alter_table("callback_bookings", recreate="always",
                              table_kwargs={"sqlite_autoincrement": True}):
        pass
    if highest:
        # The copy sets the sequence to the highest id copied; numbers erased before the
        # migration are skipped too.
        op.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = 'callback_bookings'"))
        op.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES ('callback_bookings', :seq)")
                   .bindparams(seq=highest))


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("callback_bookings", recreate="always",
                              table_kwargs={"sqlite_autoincrement": False}):
        pass
