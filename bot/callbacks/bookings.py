"""Callback bookings. A slot never takes more calls than it has counsellors: the database
enforces it with one row per (slot, seat), unique, so two people taking the last place at the
same moment cannot both get it."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, DateTime, Integer, String, UniqueConstraint, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.callbacks import clock
from bot.callbacks.states import Followup, Status
from bot.storage.db import Base, stored_utc


class SlotFull(Exception):
    """Every seat of the slot is taken."""


class Booking(Base):
    __tablename__ = "callback_bookings"
    # A number is never given twice, even after an erasure: a note or a message quoting
    # "rappel n° 11" must not come to mean someone else (SQLite reuses the highest id otherwise).
    __table_args__ = (UniqueConstraint("slot_start", "seat", name="uq_booking_slot_seat"),
                      {"sqlite_autoincrement": True})

    id = Column(Integer, primary_key=True)
    slot_start = Column(DateTime(timezone=True), nullable=False, index=True)  # UTC
    # Which counsellor line takes the call; NULL once cancelled, which frees the seat.
    seat = Column(Integer, nullable=True)
    sender_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(50), nullable=False, default="rest")
    phone = Column(String(32), nullable=False)  # E.164
    pseudonym = Column(String(80), nullable=True)
    consent_transcript = Column(Boolean, nullable=False, default=False)
    status = Column(String(20), nullable=False, default=Status.BOOKED.value)  # a Status
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    cancelled_at = Column(DateTime(timezone=True), nullable=True)
    # The counsellor's side: to_call, no_answer (try again), called, closed (bot.callbacks.followup).
    followup = Column(String(20), nullable=False, default=Followup.TO_CALL.value,
                      server_default=Followup.TO_CALL.value)
    followup_at = Column(DateTime(timezone=True), nullable=True)


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("slot times must be timezone-aware")
    return moment.astimezone(dt.timezone.utc)


def booked_count(session: Session, slot_start: dt.datetime) -> int:
    query = select(func.count()).select_from(Booking).where(
        Booking.slot_start == _utc(slot_start), Booking.seat.is_not(None)
    )
    return session.execute(query).scalar_one()


def book(
    session: Session,
    *,
    slot_start: dt.datetime,
    capacity: int,
    sender_id: str,
    phone: str,
    channel: str = "rest",
    pseudonym: str | None = None,
    consent_transcript: bool = False,
) -> Booking:
    """Take a free seat of the slot, or raise SlotFull. Commits."""
    for seat in range(capacity):
        booking = Booking(
            slot_start=_utc(slot_start), seat=seat, sender_id=sender_id, phone=phone,
            channel=channel, pseudonym=pseudonym, consent_transcript=consent_transcript,
        )
        session.add(booking)
        try:
            session.commit()
            return booking
        except IntegrityError:
            # Someone holds this seat (maybe since a moment ago): try the next one.
            session.rollback()
    raise SlotFull(slot_start)


def cancel(session: Session, booking_id: int) -> Booking | None:
    booking = session.get(Booking, booking_id)
    if booking is None or booking.status == Status.CANCELLED:
        return booking
    booking.status = Status.CANCELLED.value
    booking.seat = None
    booking.cancelled_at = clock.now()
    session.commit()
    return booking


def active_booking(session: Session, sender_id: str, after: dt.datetime | None = None) -> Booking | None:
    """The person's booked callback (the latest one), if it starts after `after`."""
    query = (
        select(Booking)
        .where(Booking.sender_id == sender_id, Booking.status == Status.BOOKED.value)
        .order_by(Booking.slot_start.desc())
    )
    if after is not None:
        query = query.where(Booking.slot_start >= _utc(after))
    return session.execute(query).scalars().first()


def booked_at(session: Session, sender_id: str, slot_start: dt.datetime) -> Booking | None:
    """The person's booked callback at exactly this time: a booking tried again after a lost
    connection finds the one it already made instead of making a second."""
    query = select(Booking).where(
        Booking.sender_id == sender_id, Booking.status == Status.BOOKED.value,
        Booking.slot_start == _utc(slot_start),
    )
    return session.execute(query).scalars().first()


def free_slots(session: Session, slots: list[dt.datetime], capacity: int) -> list[dt.datetime]:
    """The slots among `slots` that still have a seat."""
    if not slots:
        return []
    utc = [_utc(s) for s in slots]
    query = (
        select(Booking.slot_start, func.count())
        .where(Booking.slot_start.in_(utc), Booking.seat.is_not(None))
        .group_by(Booking.slot_start)
    )
    taken = {_utc(stored_utc(start)): count for start, count in session.execute(query)}
    return [s for s, u in zip(slots, utc, strict=True) if taken.get(u, 0) < capacity]


def move(session: Session, booking_id: int, *, slot_start: dt.datetime, capacity: int) -> Booking:
    """The same callback at another time. The new slot is taken first: if it is full, SlotFull
    is raised and the old booking stays as it was."""
    old = session.get(Booking, booking_id)
    if old is None or old.status != Status.BOOKED:
        raise LookupError(f"no booked callback {booking_id}")
    new = book(
        session, slot_start=slot_start, capacity=capacity, sender_id=old.sender_id, phone=old.phone,
        channel=old.channel, pseudonym=old.pseudonym, consent_transcript=old.consent_transcript,
    )
    retire(session, booking_id)
    return new


def retire(session: Session, booking_id: int) -> None:
    """Mark a booking replaced by a move (its seat freed), if that is not done yet. Commits."""
    old = session.get(Booking, booking_id)
    if old is None or old.status != Status.BOOKED:
        return
    old.status = Status.MOVED.value
    old.seat = None
    old.cancelled_at = clock.now()
    session.commit()


def upcoming(session: Session, since: dt.datetime) -> list[Booking]:
    """Booked callbacks from `since` on, soonest first."""
    query = (
        select(Booking)
        .where(Booking.status == Status.BOOKED.value, Booking.slot_start >= _utc(since))
        .order_by(Booking.slot_start, Booking.id)
    )
    return list(session.execute(query).scalars())


def slot_start_of(booking: Booking) -> dt.datetime:
    """The booking's time, aware in UTC whatever the database gave back."""
    return stored_utc(booking.slot_start)
