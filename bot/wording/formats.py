"""French formatting of what people read: times, days, dates and lists. The one place that
writes "9 h", "mardi 1er décembre" or "le loyer, l'électricité et la mutuelle"."""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date


def format_time_fr(value: dt.time) -> str:
    """09:00 -> "9 h", 13:30 -> "13 h 30" (French typography)."""
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def format_day_month_fr(day: dt.date | tuple[int, int], short: bool = False) -> str:
    """"23 novembre", "1er avril" (a date, or a (month, day) pair such as the truce's end); short:
    "23 nov.", "1er avr."."""
    date = day if isinstance(day, dt.date) else dt.date(2000, *day)
    number = "1er" if date.day == 1 else str(date.day)
    return f"{number} {format_date(date, 'MMM' if short else 'MMMM', locale='fr_FR')}"


def format_month_fr(day: dt.date, short: bool = False) -> str:
    """"novembre 2026", or short: "nov. 26"."""
    return format_date(day, "MMM yy" if short else "LLLL y", locale="fr_FR")


def format_day_fr(day: dt.date, year: bool = False) -> str:
    """"lundi 23 novembre", "mardi 1er décembre"; with `year`, "mardi 1er décembre 2026"."""
    text = f"{format_date(day, 'EEEE', locale='fr_FR')} {format_day_month_fr(day)}"
    return f"{text} {day.year}" if year else text


def format_moment_fr(when: dt.datetime, now: dt.datetime, full: bool = False) -> str:
    """How a person says a moment: "demain à 9 h", "lundi 24 novembre à 9 h"; with `full`, a
    confirmation always names the weekday and the date: "demain, lundi 23 novembre, à 9 h"."""
    when_local = when.astimezone(now.tzinfo) if now.tzinfo else when
    days = (when_local.date() - now.date()).days
    at = f"à {format_time_fr(when_local.time())}"
    day = format_day_fr(when_local.date())
    if days in (0, 1):
        word = "aujourd'hui" if days == 0 else "demain"
        return f"{word}, {day}, {at}" if full else f"{word} {at}"
    return f"{day} {at}"


def join_fr(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b et c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
