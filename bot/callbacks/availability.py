"""Callback slots: the opening hours cut into slots, each taking a number of calls."""
from __future__ import annotations

import datetime as dt

from bot.callbacks.schedule import local_now, opening_ranges
from bot.configuration.ccas import Ccas


def day_slots(ccas: Ccas, day: dt.date) -> list[dt.datetime]:
    """Starts of the slots of `day` (local time, aware); none on holidays and closures."""
    length = dt.timedelta(minutes=ccas.slot_minutes)
    starts = []
    for start, end in opening_ranges(ccas, day):
        moment = dt.datetime.combine(day, start, tzinfo=ccas.timezone)
        closes = dt.datetime.combine(day, end, tzinfo=ccas.timezone)
        while moment + length <= closes:
            starts.append(moment)
            moment += length
    return starts


def upcoming_slots(
    ccas: Ccas,
    now: dt.datetime | None = None,
    days: int | None = None,
    notice: dt.timedelta = dt.timedelta(minutes=30),
) -> list[dt.datetime]:
    """Slots starting at least `notice` from now, over the next `days` days (the CCAS's
    booking horizon unless said)."""
    days = ccas.booking_days if days is None else days
    moment = local_now(ccas, now)
    earliest = moment + notice
    found: list[dt.datetime] = []
    for offset in range(days + 1):
        found.extend(s for s in day_slots(ccas, moment.date() + dt.timedelta(days=offset)) if s >= earliest)
    return found
