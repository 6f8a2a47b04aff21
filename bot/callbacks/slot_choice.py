"""Choosing a callback slot: the few free slots offered as buttons, and the slot that a typed
answer picks ("demain matin", "jeudi après-midi", "lundi vers 10h", "le plus tôt possible")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bot.callbacks.schedule import bound_outside_hours, opening_ranges
from bot.configuration.ccas import Ccas
from bot.reading.preferences import NOON, fits_constraints, matching_slots, parse_preference
from bot.reading.textnorm import normalize
from bot.wording.formats import format_day_fr, format_moment_fr, format_time_fr

# A time asked for is kept only if a free slot starts this close to it: "vers 10h" may give
# 10 h 30, never 16 h.
TOLERANCE_MINUTES = 30


class Picked(str, Enum):
    """What an answer about the moment comes to. Kept in the slot callback_time_reason as its
    value, next to the reasons the booking questions add (bot.wording.callback_texts)."""

    CHOSEN = "chosen"  # `slot` is taken
    PICK = "pick"  # several fit: `offers` are them
    CLOSED_DAY = "closed_day"  # nobody calls on `day`
    NOT_AT_TIME = "not_at_time"  # nothing free near the time asked
    NONE_FIT = "none_fit"  # nothing free that fits
    NOT_UNDERSTOOD = "not_understood"  # the answer says nothing about a moment


@dataclass(frozen=True)
class Choice:
    """What an answer picks: one slot, or slots to offer and why none was taken."""

    outcome: Picked
    slot: dt.datetime | None = None
    offers: tuple[dt.datetime, ...] = field(default=())
    day: dt.date | None = None
    time: dt.time | None = None


def _half_day(slot: dt.datetime) -> tuple[dt.date, bool]:
    return slot.date(), slot.time() >= NOON


def spread_offers(slots: list[dt.datetime], count: int = 4) -> list[dt.datetime]:
    """`count` slots spread over the coming half-days: the first of each half-day, then the
    second of each, and so on, so that the person sees several days and times of day."""
    groups: dict[tuple[dt.date, bool], list[dt.datetime]] = {}
    for slot in sorted(slots):
        groups.setdefault(_half_day(slot), []).append(slot)
    ordered = list(groups.values())[:count]
    picked: list[dt.datetime] = []
    rank = 0
    while len(picked) < count and any(rank < len(g) for g in ordered):
        picked.extend(g[rank] for g in ordered if rank < len(g))
        rank += 1
    return sorted(picked[:count])


def slot_phrase(slot: dt.datetime) -> str:
    """"lundi 23 novembre à 9 h": what a button sends, which reads back as exactly this slot."""
    return f"{format_day_fr(slot.date())} à {format_time_fr(slot.time())}"


def slot_title(slot: dt.datetime, now: dt.datetime) -> str:
    """"Demain à 9 h", "Lundi 23 novembre à 14 h 30": a button's label."""
    words = format_moment_fr(slot, now)
    return words[0].upper() + words[1:]


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def choose(text: str, free: list[dt.datetime], now: dt.datetime, ccas: Ccas) -> Choice:
    """The slot among `free` (local, aware, sorted) that `text` asks for, or what to offer."""
    preference = parse_preference(text, now.date())
    if preference is None:
        return Choice(Picked.NOT_UNDERSTOOD, offers=tuple(spread_offers(free)))
    day = preference.day
    if day is not None and not opening_ranges(ccas, day):
        later = [s for s in free if s.date() > day]
        return Choice(Picked.CLOSED_DAY, offers=tuple(spread_offers(later or free)), day=day)
    fitting = matching_slots(preference, free, limit=len(free))
    if preference.around is not None:
        target = _minutes(preference.around)
        close = [s for s in fitting if abs(_minutes(s.time()) - target) <= TOLERANCE_MINUTES]
        if close:
            # The closest free moment, never silently: the time asked is kept for the reply.
            exact = [s for s in close if s.time() == preference.around]
            return Choice(Picked.CHOSEN, slot=(exact or sorted(close, key=lambda s: abs(
                _minutes(s.time()) - target)))[0], time=preference.around)
        # The nearest slot to that time on each of the next days, from the day asked.
        by_day: dict[dt.date, list[dt.datetime]] = {}
        for slot in free:
            if day is None or slot.date() >= day:
                by_day.setdefault(slot.date(), []).append(slot)
        offers = [min(slots, key=lambda s: abs(_minutes(s.time()) - target)) for slots in by_day.values()]
        return Choice(Picked.NOT_AT_TIME, offers=tuple(offers[:4] or spread_offers(free)), day=day,
                      time=preference.around)
    if not fitting:
        later = [s for s in free if day is None or s.date() > day]
        return Choice(Picked.NONE_FIT, offers=tuple(spread_offers(later or free)), day=day)
    if preference.earliest or len(fitting) == 1 or (day is not None and preference.part is not None):
        # "jeudi après-midi": the person gave a window; the first free moment in it is taken
        # and named in full in the confirmation, where it can still be changed.
        return Choice(Picked.CHOSEN, slot=fitting[0])
    return Choice(Picked.PICK, offers=tuple(spread_offers(fitting)), day=day)


# Answers that pick among the slots just offered: "le premier", "le deuxième", "celui de 10 h",
# "15h", "la même heure mercredi", "oui".
_ORDINALS: tuple[tuple[int, str], ...] = (
    (0, r"premier|premiere|1er|1ere|le 1er|numero 1|le un"),
    (1, r"deuxieme|second|seconde|2e|2eme|2ieme|numero 2"),
    (2, r"troisieme|3e|3eme|3ieme|numero 3"),
    (3, r"quatrieme|4e|4eme|4ieme|numero 4"),
    (-1, r"dernier|derniere"),
)
_ACCEPT = re.compile(
    r"^(?:oui|ouais|ouai|ok|okay|d accord|dac|dacc|daccord|ca marche|ca me va|ca m va|parfait|tres bien|"
    r"super|c est bon|c est parfait|va pour|celui la|celui ci|celle la|ca ira|nickel|top|volontiers|yes|"
    r"impeccable|entendu|ca roule|pas de souci|pas de probleme)\b"
)
_SAME_TIME = re.compile(r"\bmeme (?:heure|horaire|moment)\b")


def choose_among(
    text: str, offered: list[dt.datetime], free: list[dt.datetime], now: dt.datetime
) -> Choice | None:
    """The slot that `text` picks among the slots just `offered`, or None when it does not
    refer to them (then it is read on its own: "finalement plutôt mercredi")."""
    available = [s for s in offered if s in free]
    if not available:
        return None
    plain = normalize(text)
    preference = parse_preference(text, now.date())
    day = preference.day if preference else None
    if day is None:
        for index, pattern in _ORDINALS:
            if re.search(rf"\b(?:{pattern})\b", plain) and not re.search(r"\bplus tot\b", plain):
                return Choice(Picked.CHOSEN, slot=available[index])
    if preference is not None and preference.around is not None and day is None:
        # "15h", "celui de 10 h": on the day (or days) just offered.
        target = _minutes(preference.around)
        days = sorted({s.date() for s in available})
        on_days = [s for s in free if s.date() in days]
        close = [s for s in on_days if abs(_minutes(s.time()) - target) <= TOLERANCE_MINUTES]
        if close:
            return Choice(Picked.CHOSEN, slot=min(close, key=lambda s: (abs(_minutes(s.time()) - target), s)))
        return None
    if day is not None and _SAME_TIME.search(plain):
        wanted = available[0].time()
        same = [s for s in free if s.date() == day and s.time() == wanted]
        if same:
            return Choice(Picked.CHOSEN, slot=same[0])
        return None
    if preference is None and _ACCEPT.search(plain):
        return Choice(Picked.CHOSEN, slot=available[0])
    return None


def fitting(free: list[dt.datetime], constraints: Any) -> list[dt.datetime]:
    """The free moments that respect what the person said about when to call ("pas le
    mercredi"); all of them if nothing would be left."""
    kept = [s for s in free if fits_constraints(s, constraints)]
    return kept or free


def choose_keeping_day(said: str, free: list[dt.datetime], booked: dt.datetime, now: dt.datetime,
                       ccas: Ccas) -> Choice:
    """What `said` picks among `free` for a callback booked at `booked`: "10h" or "plutôt
    l'après-midi", without a day, is that same day when it has a free moment that fits."""
    preference = parse_preference(said, now.date())
    if preference is not None and preference.day is None and not preference.earliest:
        that_day = [s for s in free if s.date() == booked.date()]
        choice = choose(said, that_day, now, ccas) if that_day else None
        if choice is not None and choice.outcome == Picked.CHOSEN:
            return choice
    return choose(said, free, now, ccas)


def first_offer_of_their_day(reason: dict[str, Any] | None, offered: list[dt.datetime],
                             free: list[dt.datetime]) -> dt.datetime | None:
    """The first moment still free among those just offered for the day the person named
    ("Voici les moments libres le vendredi..."), or None when the offers were not for their day."""
    reason = reason or {}
    if reason.get("outcome") != Picked.PICK or not reason.get("day"):
        return None
    day = dt.date.fromisoformat(reason["day"])
    return next((s for s in offered if s in free and s.date() == day), None)


def late_bound(said: str, now: dt.datetime, ccas: Ccas) -> dt.time | None:
    """The time bound said ("après 18h", "avant 8h") when no opening hours meet it."""
    preference = parse_preference(said, now.date())
    return None if preference is None else bound_outside_hours(ccas, preference.after, preference.before)


def reason_of(choice: Choice) -> dict[str, Any]:
    """Why no moment was taken, as the booking questions keep it (plain values, for a slot)."""
    return {"outcome": choice.outcome.value, "day": choice.day.isoformat() if choice.day else None,
            "time": choice.time.isoformat() if choice.time else None}
