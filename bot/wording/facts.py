"""The figures the assistant tells people, with their age: a reminder to check them.

Amounts, dates, phone numbers and hours change (the RSA every 1 April, a CCAS line when it
moves). Each carries in configuration the date it was last checked and its source; this lists
them, warns about those older than a year, and about a CCAS number nobody verified (which the
assistant never gives to a person, see bot.configuration.ccas).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.configuration.ccas import Ccas, Fact, National

MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class Row:
    where: str
    fact: Fact
    age_days: int | None
    warning: str | None


def review(national: National, ccas_list: list[Ccas], today: dt.date) -> list[Row]:
    rows = []
    sources = [("national", f) for f in national.facts]
    sources += [(f"ccas {c.id}", f) for c in ccas_list for f in c.facts]
    for where, fact in sources:
        age = fact.age_days(today)
        warning = None
        if not fact.verified:
            warning = "jamais vérifié : n'est pas donné aux personnes"
        elif age is None:
            warning = "date de vérification absente"
        elif age > MAX_AGE_DAYS:
            warning = f"vérifié il y a plus d'un an ({age} jours) : à revérifier"
        rows.append(Row(where, fact, age, warning))
    return rows


def render(rows: list[Row]) -> str:
    lines = []
    for row in rows:
        checked = row.fact.checked.isoformat() if row.fact.checked else "?"
        age = f"{row.age_days} j" if row.age_days is not None else "?"
        lines.append(f"{row.where:<14} {row.fact.name:<20} {row.fact.value:<40} vérifié le {checked} ({age})"
                     f"  source : {row.fact.source or '?'}")
        if row.warning:
            lines.append(f"  ATTENTION : {row.warning}")
    warnings = sum(1 for r in rows if r.warning)
    lines.append(f"{len(rows)} faits, {warnings} à revoir")
    return "\n".join(lines)
