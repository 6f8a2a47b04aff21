"""What the counsellors do with a callback: to call -> called, or no answer (try again) ->
closed; their notes about the person."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Session

from bot.activity import counts
from bot.callbacks import clock
from bot.callbacks.bookings import Booking
from bot.callbacks.schedule import local_now
from bot.callbacks.states import Followup
from bot.configuration.ccas import current_ccas
from bot.storage.db import Base
from bot.wording.texts import counsellor_labels

# Keyed by the values: the database and the forms give plain strings.
LABELS = counsellor_labels("followup")
# A closed handover can be reopened: a person may call again about the same situation.
NEXT = {
    Followup.TO_CALL.value: (Followup.CALLED.value, Followup.NO_ANSWER.value, Followup.CLOSED.value),
    Followup.NO_ANSWER.value: (Followup.CALLED.value, Followup.NO_ANSWER.value, Followup.CLOSED.value),
    Followup.CALLED.value: (Followup.CLOSED.value, Followup.NO_ANSWER.value),
    Followup.CLOSED.value: (Followup.TO_CALL.value,),
}
OPEN = (Followup.TO_CALL.value, Followup.NO_ANSWER.value)
MAX_NOTE_LENGTH = 5000


class FollowupError(ValueError):
    pass


class Note(Base):
    __tablename__ = "handover_notes"

    id = Column(Integer, primary_key=True)
    # Notes are about the person, so they stay when the callback is moved to another booking.
    sender_id = Column(String(255), nullable=False, index=True)
    booking_id = Column(Integer, nullable=True)
    counsellor_id = Column(Integer, ForeignKey("counsellors.id", ondelete="SET NULL"), nullable=True)
    counsellor_name = Column(String(120), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    text = Column(Text, nullable=False)


def set_followup(session: Session, booking: Booking, new: str) -> str:
    """Move the callback to `new`; the previous state. Commits."""
    old = booking.followup or Followup.TO_CALL.value
    if new not in NEXT.get(old, ()):
        raise FollowupError(f"{old} -> {new}")
    booking.followup = new
    booking.followup_at = clock.now()
    session.commit()
    # The CCAS's figures: reached when called, not reached when closed without a call.
    if new == Followup.CALLED:
        counts.add(session, _local_day(), [(counts.REACHED, "")])
    elif new == Followup.CLOSED and old in OPEN:
        counts.add(session, _local_day(), [(counts.NOT_REACHED, "")])
    return old


def _local_day() -> dt.date:
    return local_now(current_ccas()).date()  # the CCAS's day, not the server's


def add_note(session: Session, booking: Booking, counsellor_id: int, counsellor_name: str, text: str) -> Note:
    text = text.strip()
    if not text:
        raise FollowupError("empty note")
    note = Note(sender_id=booking.sender_id, booking_id=booking.id, counsellor_id=counsellor_id,
                counsellor_name=counsellor_name, created_at=clock.now(), text=text[:MAX_NOTE_LENGTH])
    session.add(note)
    session.commit()
    return note


def notes_about(session: Session, sender_id: str) -> list[Note]:
    query = select(Note).where(Note.sender_id == sender_id).order_by(Note.created_at, Note.id)
    return list(session.execute(query).scalars())
