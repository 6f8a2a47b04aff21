"""Opening hours of the counsellors: open now?, next opening, and how to say it in French."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from bot.callbacks import clock
from bot.configuration.ccas import Ccas
from bot.wording.formats import format_time_fr, join_fr

DAY_NAMES_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@lru_cache(maxsize=32)
def _holiday_calendar(country: str, subdivision: str | None, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=subdivision, years=year)


def is_closed_day(ccas: Ccas, day: dt.date) -> bool:
    """A public holiday or a configured closure: nobody takes calls that day."""
    if day in ccas.closures:
        return True
    return day in _holiday_calendar(ccas.holiday_country, ccas.holiday_subdivision, day.year)


def outside_hours(ccas: Ccas, moment: dt.time) -> bool:
    """Whether `moment` falls outside the opening hours of every day."""
    return not any(start <= moment < end for ranges in ccas.opening_hours for start, end in ranges)


def bound_outside_hours(ccas: Ccas, after: dt.time | None, before: dt.time | None) -> dt.time | None:
    """The bound of "après 18h" or "avant 8h" when no opening hours meet it, else None."""
    ranges = [pair for day in ccas.opening_hours for pair in day]
    if after is not None and all(end <= after for _, end in ranges):
        return after
    if before is not None and all(start >= before for start, _ in ranges):
        return before
    return None


def opening_ranges(ccas: Ccas, day: dt.date) -> tuple[tuple[dt.time, dt.time], ...]:
    if is_closed_day(ccas, day):
        return ()
    return ccas.opening_hours[day.weekday()]


def local_now(ccas: Ccas, now: dt.datetime | None = None) -> dt.datetime:
    if now is None:
        return clock.now(ccas.timezone)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(ccas.timezone)


def is_open(ccas: Ccas, now: dt.datetime | None = None) -> bool:
    moment = local_now(ccas, now)
    return any(start <= moment.time() < end for start, end in opening_ranges(ccas, moment.date()))


def next_opening(ccas: Ccas, now: dt.datetime | None = None, horizon_days: int = 60) -> dt.datetime | None:
    """Start of the next opening range strictly after `now` (or now itself if inside a range).

    None when nothing opens within the horizon (a configuration with no hours at all).
    """
    moment = local_now(ccas, now)
    for offset in range(horizon_days + 1):
        day = moment.date() + dt.timedelta(days=offset)
        for start, end in opening_ranges(ccas, day):
            opens = dt.datetime.combine(day, start, tzinfo=ccas.timezone)
            closes = dt.datetime.combine(day, end, tzinfo=ccas.timezone)
            if opens <= moment < closes:
                return moment
            if opens > moment:
                return opens
    return None


def _ranges_fr(ranges: tuple[tuple[dt.time, dt.time], ...]) -> str:
    return join_fr([f"de {format_time_fr(a)} à {format_time_fr(b)}" for a, b in ranges])


def _days_fr(days: list[int]) -> str:
    consecutive = days == list(range(days[0], days[0] + len(days)))
    if consecutive and len(days) >= 3:
        return f"du {DAY_NAMES_FR[days[0]]} au {DAY_NAMES_FR[days[-1]]}"
    return join_fr([f"le {DAY_NAMES_FR[d]}" for d in days])


def format_weekly_hours(ccas: Ccas) -> str:
    """"du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h" (days with equal hours grouped)."""
    groups: dict[tuple, list[int]] = {}
    for index, ranges in enumerate(ccas.opening_hours):
        if ranges:
            groups.setdefault(ranges, []).append(index)
    parts = [f"{_days_fr(days)}, {_ranges_fr(ranges)}" for ranges, days in groups.items()]
    return " ; ".join(parts) + (", hors jours fériés" if parts else "")


def in_winter_truce(start: tuple[int, int], end: tuple[int, int], day: dt.date) -> bool:
    """Whether `day` falls in the winter truce, given as (month, day) bounds across New Year."""
    key = (day.month, day.day)
    if start <= end:
        return start <= key <= end
    return key >= start or key <= end
