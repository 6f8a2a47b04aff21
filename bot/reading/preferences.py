"""When a person would like to be called: "demain matin", "jeudi après-midi", "lundi vers 10h",
"le plus tôt possible". Read into a preference, then matched against the free slots."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from bot.reading.textnorm import normalize

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
          "octobre", "novembre", "decembre")
NOON = dt.time(12, 0)
# What "fin d'après-midi", "début de matinée"... mean for a call.
LATE_AFTERNOON = dt.time(16, 0)
LATE_MORNING = dt.time(11, 0)
EARLY_AFTERNOON_END = dt.time(15, 0)
EARLY_MORNING_END = dt.time(10, 0)


@dataclass(frozen=True)
class Preference:
    day: dt.date | None = None
    part: str | None = None  # "morning" or "afternoon"
    around: dt.time | None = None
    earliest: bool = False
    not_before: dt.date | None = None  # "la semaine prochaine"
    excluded_days: tuple[int, ...] = ()  # weekdays said not to suit: "pas le mercredi"
    after: dt.time | None = None  # "après 16h", "à partir de 15h"
    before: dt.time | None = None  # "avant 11h"

    def constraints(self) -> dict[str, Any]:
        """What holds for every moment offered later in the conversation ("pas le mercredi",
        "plutôt le matin", "après 16h"), as plain values to keep in a slot."""
        return {"excluded_days": list(self.excluded_days), "part": self.part,
                "after": self.after.isoformat() if self.after else None,
                "before": self.before.isoformat() if self.before else None}


def parse_preference(text: str, today: dt.date) -> Preference | None:
    """What `text` says about when to call, or None when it says nothing about it."""
    plain = normalize(text)
    # "pas le mercredi", "sauf lundi", "le mercredi j'ai les enfants": days that do not suit.
    excluded = tuple(index for index, name in enumerate(WEEKDAYS) if re.search(
        rf"\b(?:pas|sauf|jamais|surtout pas|hors) (?:le |les |ce |un )?{name}s?\b|\b(?:le |les )?{name}s? "
        rf"(?:c est pas possible|ca va pas|je (?:ne )?peux pas|je travaille|"
        rf"(?:j ai|g|jai|on a) (?:les enfants|cours|td|tp|boulot|taf|rdv|rendez vous|medecin|kine))|"
        # "mardi matin j'ai l'écho": something already planned that day.
        rf"\b{name}s?(?: matin| apres midi| aprem| soir)? (?:j ai|g|jai|on a) (?!le temps|rien|pas|personne)"
        rf"(?:un |une |le |la |l |les |mon |ma |des )?\w+", plain))
    any_day = "|".join(WEEKDAYS)
    negated_day = rf"\b(?:pas|sauf|jamais|surtout pas|hors) (?:le |les |ce |un )?(?:{any_day})s?\b"
    kept = re.sub(negated_day, " ", plain)
    for index in excluded:
        kept = re.sub(rf"\b(?:le |les )?{WEEKDAYS[index]}s?\b", " ", kept)
    day = _day(kept, today)
    part = _part(plain)
    after = _bound(plain, r"apres|a partir de|pas avant|des|plus tard que")
    before = _bound(plain, r"avant|pas apres|jusqu a|au plus tard a")
    busy = _BUSY_UNTIL.search(plain)
    if busy:
        # "je taffe jusqu'à 17h": free after that time, not before it.
        after, before = _bound(f"apres {busy.group(1)}h", "apres"), None
    # "en fin d'aprem", "en début de matinée": the end or the start of the half-day.
    if after is None and re.search(r"\bfin (?:d |de l )?(?:apres midi|aprem|journee)\b", plain):
        after = LATE_AFTERNOON
    if after is None and re.search(r"\bfin (?:de |d )?(?:matinee|matin)\b", plain):
        after = LATE_MORNING
    if before is None and re.search(r"\bdebut (?:d |de l )?(?:apres midi|aprem)\b", plain):
        before = EARLY_AFTERNOON_END
    if before is None and re.search(r"\bdebut (?:de |d )?(?:matinee|matin)\b", plain):
        before = EARLY_MORNING_END
    around = None if after or before else _time(plain)
    if around and part is None:
        part = "morning" if around < NOON else "afternoon"
    earliest = bool(re.search(
        r"\b(?:plus tot possible|au plus tot|au plus vite|des que possible|asap|rapidement|vite|"
        r"n importe quand|peu importe|quand vous voulez|quand vous pouvez|le premier|la premiere|le plus tot|"
        r"qui vous arrange|comme vous voulez|a votre convenance|vous choisissez|comme ca vous arrange|"
        r"des que vous pouvez|au plus vite|le plus vite|n importe quelle heure|n importe quel moment|"
        r"peu importe l heure|toute la journee|je bouge pas|je ne bouge pas|n importe quel jour|"
        r"peu importe le jour|tous les jours|n importe lequel|n importe laquelle|peu importe)\b", plain))
    if day is not None and after is not None and before is None:
        earliest = True  # "vendredi après 14h": the first moment that fits, not a list to choose from
    not_before = None
    if day is None and re.search(r"\bsemaine prochaine\b", plain):
        not_before = today + dt.timedelta(days=7 - today.weekday())
    if day is None and not_before is None:
        not_before = busy_until(plain, today)
    said = (day, part, around, not_before, after, before)
    if all(value is None for value in said) and not earliest and not excluded:
        return None
    return Preference(day=day, part=part, around=around, earliest=earliest, not_before=not_before,
                      excluded_days=excluded, after=after, before=before)


def _bound(plain: str, words: str) -> dt.time | None:
    match = re.search(rf"(?<!pas )\b(?:{words}) (\d{{1,2}}) ?(?:h|heures?)(?: ?(\d{{2}}))?\b", plain)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if 1 <= hour <= 7:
        hour += 12
    return dt.time(hour, minute) if hour <= 23 and minute <= 59 else None


def _excluded_days(constraints: dict[str, Any]) -> list[int]:
    return [day for day in constraints.get("excluded_days") or [] if isinstance(day, int) and 0 <= day < 7]


def fits_constraints(slot: dt.datetime, constraints: dict[str, Any] | None) -> bool:
    """Whether `slot` respects what the person said earlier about when to call."""
    if not constraints:
        return True
    if slot.weekday() in _excluded_days(constraints):
        return False
    part = constraints.get("part")
    if part == "morning" and slot.time() >= NOON or part == "afternoon" and slot.time() < NOON:
        return False
    after, before = constraints.get("after"), constraints.get("before")
    if after and slot.time() < dt.time.fromisoformat(str(after)):
        return False
    return not (before and slot.time() >= dt.time.fromisoformat(str(before)))


_MORNING = r"(?:matin|matinee|matins|ce matin)"
_AFTERNOON = r"(?:apres midi|aprem|apres-midi|fin de journee|aprems)"


# "le matin je suis au marché", "l'après-midi ça va": a half-day that does not suit, or does.
_BUSY = (r"(?:je|j|on|g|jsuis|chui|chuis|nous) (?:suis|travaille|bosse|taffe|ai|a|est|sommes|peux pas|"
         r"peut pas|ne peux pas|suis pas dispo|suis au|suis chez|suis en)\b")
_SUITS = (r"(?:ca va|c est bien|c est mieux|c est bon|c est ok|ok|je suis (?:dispo|libre|la)|"
          r"on est (?:dispo|libres?|la))\b")


def _part(plain: str) -> str | None:
    """Morning or afternoon, with "pas le matin" read as the afternoon and, when both are
    named, the one introduced by "mais", "plutôt"... ("le matin on est chez le kiné, mais
    l'après-midi ça va")."""
    not_morning = re.search(rf"\b(?:pas|jamais|sauf) (?:le |les |du |en )?{_MORNING}\b", plain)
    not_afternoon = re.search(rf"\b(?:pas|jamais|sauf) (?:l |les |en |d )?{_AFTERNOON}\b", plain)
    morning = re.search(rf"\b{_MORNING}\b", plain)
    afternoon = re.search(rf"\b{_AFTERNOON}\b", plain)
    if not_morning and not afternoon:
        return "afternoon"
    if not_afternoon and not morning:
        return "morning"
    if morning and afternoon:
        if not_morning or re.search(rf"\b{_MORNING} {_BUSY}|\b{_AFTERNOON} {_SUITS}", plain):
            return "afternoon"
        if not_afternoon or re.search(rf"\b{_AFTERNOON} {_BUSY}|\b{_MORNING} {_SUITS}", plain):
            return "morning"
        chosen = re.search(rf"\b(?:mais|plutot|de preference|seulement|que|sinon) "
                           rf"(?:le |l |en |dans la |dans l )?({_MORNING}|{_AFTERNOON})\b", plain)
        if chosen:
            return "morning" if re.fullmatch(_MORNING, chosen.group(1)) else "afternoon"
        return None
    if morning:
        return "morning"
    if afternoon:
        return "afternoon"
    return None


_BUSY_UNTIL = re.compile(
    r"\b(?:travaille|taffe?|taff|bosse|suis au (?:boulot|travail|taf|taff)|"
    r"suis en (?:cours|mission|formation)|ai cours|suis occupee?|termine|finis|fini)\b"
    r"[^,.]{0,25}\bjusqu a (\d{1,2}) ?h")
# "plutôt vendredi", "on peut mettre jeudi": the day the person settles on.
_SETTLED_BEFORE = re.compile(
    r"\b(?:plutot|finalement|alors|en fait|sinon|mais|disons|va pour|ou plutot|"
    r"mettre|mettez|on met|passer a|passez a|deplacer a|decaler a|reporter a) (?:le )?$")


# "en formation jusqu'au 23 décembre": a date the person is busy until, not the day asked.
_UNTIL = r"(?:jusqu au|jusqu a|jusque|avant le|avant|d ici le|d ici au|pas avant le|pas avant)"


def _date_asked(plain: str) -> re.Match[str] | None:
    """The first date said that is not a date the person is busy until."""
    candidates = [*re.finditer(rf"\b(\d{{1,2}})(?:er)? ({'|'.join(MONTHS)})\b", plain)] or [
        *re.finditer(r"\ble (\d{1,2})(?:er)?\b(?! ?h)", plain)]
    return next((m for m in candidates if not re.search(rf"\b{_UNTIL} (?:le |lundi |mardi |mercredi |jeudi |"
                                                        rf"vendredi )?$", plain[:m.start()])), None)


_AWAY = (r"\b(?:suis|serai|sera|sommes|je pars|parti|partie|absente?|indisponible|occupee?|formation|stage|"
         r"vacances|hopital|hospitalisee?|travaille|bosse|en deplacement|en mission)\b[^.,]{0,40}")


def busy_until(plain: str, today: dt.date) -> dt.date | None:
    """The first day a call fits: the day after "je suis en formation jusqu'au 23 décembre", or
    the day of "pas avant le 3 décembre"."""
    date = rf"(?:le )?(\d{{1,2}})(?:er)? ({'|'.join(MONTHS)})\b"
    away = re.search(rf"{_AWAY}\bjusqu (?:au|a) {date}", plain)
    match = away or re.search(rf"\bpas avant {date}", plain)
    if not match:
        return None
    until = _next_date(int(match.group(1)), MONTHS.index(match.group(2)) + 1, today)
    return None if until is None else until + dt.timedelta(days=1 if away else 0)


def _next_date(number: int, month: int, today: dt.date) -> dt.date | None:
    """The first `number` `month` from `today` on ("le 5 janvier" said in November: next year)."""
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, number)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def days_named(text: str) -> int:
    """How many weekdays a message names ("le mardi ou le jeudi": 2)."""
    plain = normalize(text)
    return sum(1 for name in WEEKDAYS if re.search(rf"\b{name}s?\b", plain))


def _day(plain: str, today: dt.date) -> dt.date | None:
    if re.search(r"\bapres demain\b", plain):
        return today + dt.timedelta(days=2)
    if re.search(r"\bdemain\b", plain):
        return today + dt.timedelta(days=1)
    if re.search(r"\b(?:aujourd hui|aujourdhui|ce matin|cet apres midi|ce soir|tout a l heure)\b", plain):
        return today
    date = _date_asked(plain)
    if date and date.lastindex and date.lastindex >= 2:
        return _next_date(int(date.group(1)), MONTHS.index(date.group(2)) + 1, today)
    if date:
        number, month = int(date.group(1)), today.month
        try:
            candidate = dt.date(today.year, month, number)
            if candidate >= today:
                return candidate
            # "le 3" said on the 20th: the 3rd of next month.
            return dt.date(today.year + (month == 12), month % 12 + 1, number)
        except ValueError:
            return None
    named = sorted((match.start(), index) for index, name in enumerate(WEEKDAYS)
                   for match in re.finditer(rf"\b{name}\b", plain))
    if not named:
        return None
    # "jeudi c'est pas top, plutôt vendredi": the day the person settles on; else the first said.
    settled = [(start, index) for start, index in named
               if _SETTLED_BEFORE.search(plain[:start])
               or re.match(r"(?: \w+){0,3} plutot\b", plain[start + len(WEEKDAYS[index]):])]
    start, index = settled[-1] if settled else named[0]
    name = WEEKDAYS[index]
    ahead = (index - today.weekday()) % 7
    if re.search(rf"\b{name} prochain\b|\bprochain {name}\b", plain) and ahead == 0:
        ahead = 7
    return today + dt.timedelta(days=ahead)


def _time(plain: str) -> dt.time | None:
    match = re.search(r"\b(\d{1,2}) ?(?:h|heures?)(?: ?(\d{2}))?\b", plain)
    if not match:
        # "1800 à 2", "on est à 2", "pour 3 personnes": a household, not a time.
        not_a_time = r"(?! ?(?:euros?|e\b|mois|ans|jours|adultes?|personnes?|pers|enfants?))"
        not_a_household = r"(?<!\d )(?<!est )(?<!vit )(?<!sommes )(?<!vivons )(?<!vis )"
        match = re.search(
            rf"{not_a_household}\b(?:vers|a|pour) (\d{{1,2}})(?::(\d{{2}}))?\b{not_a_time}", plain)
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
    if slot.weekday() in preference.excluded_days:
        return False
    if preference.after is not None and slot.time() < preference.after:
        return False
    if preference.before is not None and slot.time() >= preference.before:
        return False
    if preference.not_before is not None and slot.date() < preference.not_before:
        return False
    if preference.part == "morning" and slot.time() >= NOON:
        return False
    if preference.part == "afternoon" and slot.time() < NOON:
        return False
    return True


_WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def constraints_fr(constraints: dict[str, Any] | None) -> list[str]:
    """What the person asked about the moment of the call, as a counsellor reads it."""
    if not constraints:
        return []
    said = [f"pas le {_WEEKDAYS_FR[day]}" for day in _excluded_days(constraints)]
    part = constraints.get("part")
    if part in ("morning", "afternoon"):
        said.append("plutôt le matin" if part == "morning" else "plutôt l'après-midi")
    for bound, words in (("after", "après"), ("before", "avant")):
        if constraints.get(bound):
            moment = dt.time.fromisoformat(str(constraints[bound]))
            said.append(f"{words} {moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else ""))
    return said

