"""Counts per day and measure: how many conversations, callbacks booked, reached or not, urgent
situations by kind, themes, who sent the person, arrears, a social worker already there.

A row holds a day, a measure, a value (a theme, a kind of urgency...) and a number: nothing
about a person. The purge of conversations (bot.storage.retention) leaves this table alone."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Column, Date, Integer, String, UniqueConstraint, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.db import Base

# The measures, and what their value holds.
CONVERSATION = "conversation"  # a visit to the chat (a session started)
BOOKED = "callback_booked"  # value: "urgent" when the person spoke of an urgent situation, else ""
REACHED = "callback_reached"  # a counsellor marked the callback "called"
NOT_REACHED = "callback_not_reached"  # closed without the person being reached
URGENCY = "urgency"  # value: the kind (suicide, violence, shelter, eviction, energy_cut...)
THEME = "theme"  # value: the theme (housing, energy, bank...)
REFERRAL = "referral"  # value: who sent the person (a partner's id, "bank", "social_worker"...)
ARREARS = "arrears"  # the person said something is late
SOCIAL_WORKER = "social_worker"  # value: "yes" or "no"
MEASURES = (CONVERSATION, BOOKED, REACHED, NOT_REACHED, URGENCY, THEME, REFERRAL, ARREARS, SOCIAL_WORKER)


class Count(Base):
    __tablename__ = "activity_counts"
    __table_args__ = (UniqueConstraint("day", "measure", "value", name="uq_activity_day_measure_value"),)

    id = Column(Integer, primary_key=True)
    day = Column(Date, nullable=False, index=True)  # the CCAS's local day
    measure = Column(String(40), nullable=False)
    value = Column(String(60), nullable=False, default="")
    count = Column(Integer, nullable=False, default=0)


def add(session: Session, day: dt.date, seen: Iterable[tuple[str, str]]) -> None:
    """One more of each (measure, value) on `day`. Commits. Two processes adding the first of a
    day at once both count: the loser of the insert adds to the winner's row."""
    for measure, value in seen:
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}")
        value = (value or "")[:60]
        for _ in range(2):
            done = session.execute(
                update(Count).where(Count.day == day, Count.measure == measure, Count.value == value)
                .values(count=Count.count + 1))
            if done.rowcount:
                session.commit()
                break
            session.add(Count(day=day, measure=measure, value=value, count=1))
            try:
                session.commit()
                break
            except IntegrityError:
                session.rollback()


def between(session: Session, first: dt.date, last: dt.date) -> list[Count]:
    """The rows from `first` to `last`, both included."""
    query = select(Count).where(Count.day >= first, Count.day <= last).order_by(Count.day)
    return list(session.execute(query).scalars())
