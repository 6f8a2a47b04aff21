"""What the assistant says, composed from the texts, the CCAS configuration and the moment."""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from bot.ccas import Ccas, National
from bot.safety import Crisis
from bot.schedule import (
    format_moment_fr,
    format_weekly_hours,
    in_winter_truce,
    is_open,
    local_now,
    next_opening,
)
from bot.texts import text
from bot.urgency import Urgency


def availability(ccas: Ccas, now: dt.datetime | None = None) -> str:
    """Whether a counsellor can be reached now, or when they are back."""
    moment = local_now(ccas, now)
    if is_open(ccas, moment):
        return text("availability.open_now", phone=ccas.phone)
    opens = next_opening(ccas, moment)
    if opens is None:
        return text("availability.no_hours", phone=ccas.phone)
    return text("availability.back_at", moment=format_moment_fr(opens, moment))


def welcome(ccas: Ccas, now: dt.datetime | None = None) -> list[str]:
    """One message, so that a crisis answer at the start comes right after it."""
    return [
        text(
            "welcome",
            service_name=ccas.service_name,
            ccas_name=ccas.name,
            hours=format_weekly_hours(ccas),
            availability=availability(ccas, now),
        )
    ]


def _either(numbers: tuple[str, ...]) -> str:
    """("15", "112") -> "15 ou le 112", to follow "appelez le"."""
    return " ou le ".join(numbers)


def crisis(kinds: list[Crisis], national: National, ccas: Ccas) -> list[str]:
    """The emergency numbers first, one message per kind of crisis, then an open door."""
    messages = []
    for kind in kinds:
        info = national.emergency[kind.value]
        messages.append(
            text(
                f"crisis.{kind.value}",
                number=info.number,
                danger=_either(info.danger),
                sms=info.sms or "",
            )
        )
    if not messages:
        numbers = {k: v.number for k, v in national.emergency.items()}
        danger = _either(national.emergency["suicide"].danger)
        messages.append(text("crisis.general", danger=danger, **numbers))
    messages.append(text("crisis.stay", ccas_name=ccas.name))
    return messages


def _join_labels(labels: list[str]) -> str:
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " et " + labels[-1]


def reflection(
    themes: list[str], already_reflected: list[str], national: National, today: dt.date
) -> list[str]:
    """Reformulate what the person said, adapted to the themes they raised.

    `themes` are those of the last message; `already_reflected` those reformulated before,
    which are not repeated.
    """
    new = [t for t in themes if t not in already_reflected]
    if not new:
        return [text("reflection.more" if already_reflected else "reflection.no_theme")]
    lead = text(
        "reflection.lead",
        themes=_join_labels([text(f"reflection.labels.{t}") for t in new]),
    )
    first = f"{lead} {text(f'reflection.empathy.{new[0]}')}"
    if not already_reflected:
        first = f"{first} {text('reflection.common')}"
    messages = [first]
    start, end = national.winter_truce_start, national.winter_truce_end
    truce_theme = next((t for t in new if t in ("housing", "energy")), None)
    if truce_theme and in_winter_truce(start, end, today):
        truce_end = format_date(dt.date(2000, *end), "d MMMM", locale="fr_FR")
        messages.append(text(f"reflection.winter_truce.{truce_theme}", truce_end=truce_end))
    return messages


def urgencies(kinds: list[Urgency], national: National) -> list[str]:
    """Concrete help for an eviction, an energy cut or a closed account, one message each."""
    return [
        text(
            f"urgency.{kind.value}",
            unpaid_rent_phone=national.unpaid_rent_phone,
            bdf_phone=national.banque_de_france_phone,
        )
        for kind in kinds
    ]
