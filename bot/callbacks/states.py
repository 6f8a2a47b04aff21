"""The states a callback goes through, as Enums. They are stored in the database and in Rasa
slots as their values (plain strings): compare with the members, write `.value`, and never use
a member as a dict key next to plain strings (an Enum hashes by name, not by value)."""
from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    """What became of a booking, on the person's side."""

    BOOKED = "booked"
    CANCELLED = "cancelled"  # by the person, or erased
    MOVED = "moved"  # replaced by a booking at another time


class Followup(str, Enum):
    """What the counsellors did with a callback (bot.callbacks.followup)."""

    TO_CALL = "to_call"
    NO_ANSWER = "no_answer"  # to try again
    CALLED = "called"
    CLOSED = "closed"


class Outcome(str, Enum):
    """How the booking questions ended (the slot callback_outcome)."""

    BOOKED = "booked"
    MOVED = "moved"
    NO_PHONE = "no_phone"  # the person would rather not give a number
    UNAVAILABLE = "unavailable"  # no free moment left
    GAVE_UP = "gave_up"  # the answers could not be read, several times
