"""The booking transactions behind the booking questions: take a moment (or move to it), put
the name on a callback booked early, move or cancel a callback. Each opens its own session
and is safe to try again after a lost connection (bot.storage.db.retrying)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.callbacks import bookings
from bot.callbacks.availability import upcoming_slots
from bot.callbacks.bookings import Booking
from bot.callbacks.schedule import local_now
from bot.callbacks.states import Outcome, Status
from bot.configuration.ccas import Ccas
from bot.storage.db import is_transient, retrying, session_scope

# A callback a few minutes late is still to come: the counsellor may be on it.
STILL_TO_COME = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Answers:
    """What the person has answered so far, and which booking the answers belong to."""

    phone: str
    name: str | None = None
    consent: bool = False
    moving: int | None = None  # the booking being moved to another time
    reserved: int | None = None  # the booking made early, before the last questions


def active_booking(sender_id: str, ccas: Ccas, now: dt.datetime | None = None) -> Booking | None:
    """The person's callback still to come, if any."""
    with session_scope() as session:
        return bookings.active_booking(session, sender_id, after=local_now(ccas, now) - STILL_TO_COME)


def load(booking_id: int) -> Booking | None:
    with session_scope() as session:
        return session.get(Booking, booking_id)


def free_moments(ccas: Ccas) -> list[dt.datetime]:
    """The bookable moments with a counsellor line still free, soonest first."""
    with session_scope() as session:
        return bookings.free_slots(session, upcoming_slots(ccas), ccas.counsellors_per_slot)


def _take(sender_id: str, channel: str, answers: Answers, start: dt.datetime,
          ccas: Ccas) -> tuple[Booking, Outcome]:
    with session_scope() as session:
        made = bookings.booked_at(session, sender_id, start)
        if answers.moving is not None:
            if made is not None and made.id != answers.moving:
                bookings.retire(session, answers.moving)  # in case that step failed
                return made, Outcome.MOVED
            return bookings.move(session, answers.moving, slot_start=start,
                                 capacity=ccas.counsellors_per_slot), Outcome.MOVED
        reserved = session.get(Booking, answers.reserved) if answers.reserved is not None else None
        if made is None and reserved is not None and reserved.status == Status.BOOKED:
            # Booked early, and the person then chose another moment: the booking moves.
            made = bookings.move(session, reserved.id, slot_start=start, capacity=ccas.counsellors_per_slot)
        if made is not None:
            # Booked early: the last answers are added.
            made.pseudonym = answers.name or None
            made.consent_transcript = answers.consent
            session.commit()
            return made, Outcome.BOOKED
        return bookings.book(
            session, slot_start=start, capacity=ccas.counsellors_per_slot, sender_id=sender_id,
            phone=answers.phone, channel=channel, pseudonym=answers.name or None,
            consent_transcript=answers.consent,
        ), Outcome.BOOKED


def take(sender_id: str, channel: str, answers: Answers, start: dt.datetime,
         ccas: Ccas) -> tuple[Booking, Outcome]:
    """Book (or move to) `start`, trying again after a lost connection: a booking already made
    there is kept, never doubled. Raises bookings.SlotFull when the moment has just been taken,
    LookupError when the booking being moved no longer exists, and the database's error when
    it stays unavailable."""
    return retrying(lambda: _take(sender_id, channel, answers, start, ccas))


def note_name(booking_id: int, name: str | None) -> None:
    """The name given after the early booking goes on it at once, so that a person who stops
    before the last question is still asked for by name. Best effort: when the database is
    unavailable, the name is written with the last answer instead (take)."""
    try:
        with session_scope() as session:
            booking = session.get(Booking, booking_id)
            if booking is not None and booking.pseudonym != (name or None):
                booking.pseudonym = name or None
                session.commit()
    except Exception as error:
        if not is_transient(error):
            raise


def move(booking: Booking, start: dt.datetime, ccas: Ccas) -> Booking:
    """The callback at another moment, through the same transaction as the booking questions:
    a move interrupted after the new booking is finished when tried again, never doubled.
    Raises bookings.SlotFull if that moment is full."""
    moved, _ = take(booking.sender_id, booking.channel, Answers(phone=booking.phone, moving=booking.id),
                    start, ccas)
    return moved


def cancel(booking_id: int) -> None:
    def attempt() -> None:
        with session_scope() as session:
            bookings.cancel(session, booking_id)
    retrying(attempt)
