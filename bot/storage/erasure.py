"""Erasing a person's data on request: the conversation (Rasa's events), the callbacks and
the counsellors' notes. What remains is an audit line without personal data."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from bot.callbacks.bookings import Booking
from bot.callbacks.followup import Note
from bot.handovers.transcript import has_conversations


@dataclass(frozen=True)
class Erased:
    events: int
    bookings: list[int]
    notes: int


def erase_person(session: Session, sender_id: str) -> Erased:
    """Delete everything about `sender_id`. Commits."""
    booking_ids = list(session.execute(select(Booking.id).where(Booking.sender_id == sender_id)).scalars())
    notes = session.execute(delete(Note).where(Note.sender_id == sender_id)).rowcount
    session.execute(delete(Booking).where(Booking.sender_id == sender_id))
    events = erase_events(session, sender_id)
    session.commit()
    return Erased(events=events, bookings=booking_ids, notes=notes)


def erase_events(session: Session, sender_id: str) -> int:
    if not has_conversations(session.get_bind()):
        return 0
    query = sql("DELETE FROM events WHERE sender_id = :sender")
    return session.execute(query, {"sender": sender_id}).rowcount
