"""When a person would like to be called: "demain matin", "jeudi après-midi", "lundi vers 10h",
"le plus tôt possible". Read into a preference, then matched against the free slots."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.textnorm import normalize

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
          "octobre", "novembre", "decembre")
NOON = dt.time(12, 0)


@dataclass(frozen=True)
class Preference:
    day: dt.date | None = None
    part: str | None = None  # "morning" or "afternoon"
    around: dt.time | None = None
    earliest: bool = False
    not_before: dt.date | None = None  # "la semaine prochaine"


def parse_preference(text: str, today: dt.date) -> Preference | None:
    """What `text` says about when to call, or None when it says nothing about it."""
    plain = normalize(text)
    day = _day(plain, today)
    part = None
    if re.search(r"\b(?:matin|matinee|ce matin)\b", plain):
        part = "morning"
    elif re.search(r"\b(?:apres midi|aprem|fin de journee)\b", plain):
        part = "afternoon"
    around = _time(plain)
    if around and part is None:
        part = "morning" if around < NOON else "afternoon"
    earliest = bool(re.search(
        r"\b(?:plus tot possible|au plus tot|au plus vite|des que possible|asap|rapidement|vite|"
        r"n importe quand|peu importe|quand vous voulez|quand vous pouvez|le premier|la premiere)\b", plain))
    not_before = None
    if day is None and re.search(r"\bsemaine prochaine\b", plain):
        not_before = today + dt.timedelta(days=7 - today.weekday())
    if day is None and part is None and around is None and not earliest and not_before is None:
        return None
    return Preference(day=day, part=part, around=around, earliest=earliest, not_before=not_before)


def _day(plain: str, today: dt.date) -> dt.date | None:
    if re.search(r"\bapres demain\b", plain):
        return today + dt.timedelta(days=2)
    if re.search(r"\bdemain\b", plain):
        return today + dt.timedelta(days=1)
    if re.search(r"\b(?:aujourd hui|aujourdhui|ce matin|cet apres midi|ce soir|tout a l heure)\b", plain):
        return today
    date = re.search(rf"\b(\d{{1,2}})(?:er)? ({'|'.join(MONTHS)})\b", plain) or re.search(
        r"\ble (\d{1,2})(?:er)?\b(?! ?h)", plain)
    if date:
        number = int(date.group(1))
        month = MONTHS.index(date.group(2)) + 1 if date.lastindex and date.lastindex >= 2 else today.month
        for year in (today.year, today.year + 1):
            try:
                candidate = dt.date(year, month, number)
            except ValueError:
                return None
            if date.lastindex == 1 and candidate < today:
                # "le 3" said on the 20th: the 3rd of next month.
                month_after = month % 12 + 1
                try:
                    return dt.date(year + (month == 12), month_after, number)
                except ValueError:
                    return None
            if candidate >= today:
                return candidate
        return None
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", plain):
            ahead = (index - today.weekday()) % 7
            if re.search(rf"\b{name} prochain\b|\bprochain {name}\b", plain) and ahead == 0:
                ahead = 7
            return today + dt.timedelta(days=ahead)
    return None


def _time(plain: str) -> dt.time | None:
    match = re.search(r"\b(\d{1,2}) ?(?:h|heures?)(?: ?(\d{2}))?\b", plain)
    if not match:
        not_a_time = r"(?! ?(?:euros?|e\b|mois|ans|jours))"
        match = re.search(rf"\b(?:vers|a|pour) (\d{{1,2}})(?::(\d{{2}}))?\b{not_a_time}", plain)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if 1 <= hour <= 7:
        hour += 12  # "vers 3h" for a callback during opening hours means the afternoon
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def matching_slots(preference: Preference, slots: list[dt.datetime], limit: int = 3) -> list[dt.datetime]:
    """The free slots that fit the preference, best first."""
    fitting = [s for s in slots if _fits(preference, s)]
    if preference.around is not None:
        target = preference.around.hour * 60 + preference.around.minute

        def distance(slot: dt.datetime) -> tuple[dt.date, int]:
            return slot.date(), abs(slot.hour * 60 + slot.minute - target)

        fitting.sort(key=distance)
    return fitting[:limit]


def _fits(preference: Preference, slot: dt.datetime) -> bool:
    if preference.day is not None and slot.date() != preference.day:
        return False
    if preference.not_before is not None and slot.date() < preference.not_before:
        return False
    if preference.part == "morning" and slot.time() >= NOON:
        return False
    if preference.part == "afternoon" and slot.time() < NOON:
        return False
    return True
