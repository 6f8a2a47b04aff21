"""What the assistant says, composed from the texts, the CCAS configuration and the moment."""
from __future__ import annotations

import datetime as dt

from bot.callbacks.schedule import (
    format_weekly_hours,
    in_winter_truce,
    is_open,
    local_now,
    next_opening,
)
from bot.configuration.ccas import Ccas, Emergency, National
from bot.reading.crisis_followup import Reply
from bot.reading.safety import Crisis
from bot.reading.urgency import Urgency
from bot.wording.formats import format_day_month_fr, format_moment_fr
from bot.wording.texts import text


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
            city=ccas.city,
            hours=format_weekly_hours(ccas),
            availability=availability(ccas, now),
        )
    ]


def _either(numbers: tuple[str, ...]) -> str:
    """("15", "112") -> "15 ou le 112", to follow "appelez le"."""
    return " ou le ".join(numbers)


def _numbers(info: Emergency, national: National) -> dict[str, str]:
    """The placeholders of a crisis text for one kind of crisis."""
    general = national.emergency["suicide"]
    return {
        "number": info.number,
        "danger": _either(info.danger or general.danger),
        "sms": info.sms or general.sms or "",
    }


def crisis(
    kinds: list[Crisis], national: National, ccas: Ccas, indirect_suicide: bool = False
) -> list[str]:
    """The emergency numbers first, one message per kind of crisis, then the assistant stays
    with the person and asks whether they are safe (one question, no menu, no form question)."""
    messages = []
    for kind in kinds:
        key = "suicide_checkin" if kind == Crisis.SUICIDE and indirect_suicide else kind.value
        messages.append(text(f"crisis.{key}", victims=national.victims_phone,
                             **_numbers(national.emergency[kind.value], national)))
    if not messages:
        numbers = {k: v.number for k, v in national.emergency.items()}
        danger = _either(national.emergency["suicide"].danger)
        messages.append(text("crisis.general", danger=danger, sms=national.emergency["suicide"].sms or "",
                             **numbers))
    question = text(f"crisis.ask_safe.{kinds[0].value if kinds else 'general'}")
    messages.append(text("crisis.stay", ccas_name=ccas.name, question=question))
    return messages


def crisis_followup(
    reply: Reply,
    kinds: list[str],
    national: National,
    ccas: Ccas,
    *,
    form_active: bool = False,
    booked: bool = False,
    now: dt.datetime | None = None,
) -> tuple[list[str], bool]:
    """The answer to a message right after a crisis answer, and whether it ends by offering a
    callback (the caller adds the buttons). `kinds` are those of the crisis, first one leading."""
    kind = next((k for k in kinds if k in national.emergency), None)
    info = national.emergency[kind or "suicide"]
    numbers = _numbers(info, national)
    key = kind or "general"
    if reply in (Reply.NO_ANSWER, Reply.CANNOT_CALL, Reply.NEXT_STEPS):
        messages = [text(f"crisis_followup.{reply.value}.{key}", **numbers)]
    elif reply == Reply.FULL:
        messages = [text(f"crisis_followup.full.{'shelter' if key == 'shelter' else 'general'}", **numbers)]
    elif reply == Reply.AFRAID_HOME:
        violence = national.emergency["violence"]
        messages = [text("crisis_followup.afraid_home", shelter=national.emergency["shelter"].number,
                         violence=violence.number, **_numbers(violence, national))]
    elif reply == Reply.NOT_SAFE:
        variant = key if key in ("suicide", "violence") else "general"
        return [text(f"crisis_followup.not_safe.{variant}", **numbers)], False
    elif reply in (Reply.CALLED, Reply.STAYING, Reply.DECLINED, Reply.CLOSING):
        return [text(f"crisis_followup.{reply.value}", **numbers)], False
    else:  # Reply.SAFE
        messages = [text("crisis_followup.safe")]
        if form_active:
            return [*messages, text("crisis_followup.resume")], False
    if booked:
        return [*messages, text("crisis_followup.booked", **numbers)], False
    if form_active:
        return [*messages, text("crisis_followup.counsellor_in_form", ccas_name=ccas.name)], False
    offer = text("crisis_followup.counsellor_offer", ccas_name=ccas.name,
                 availability=availability(ccas, now))
    return [*messages, offer], True


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
        truce_end = format_day_month_fr(end)
        messages.append(text(f"reflection.winter_truce.{truce_theme}", truce_end=truce_end))
    return messages


def urgencies(kinds: list[Urgency], national: National) -> list[str]:
    """Concrete help for an eviction, an energy cut or a closed account, one message each."""
    return [
        text(
            f"urgency.{kind.value}",
            unpaid_rent_phone=national.unpaid_rent_phone,
            bdf_phone=national.banque_de_france_phone,
            energy_info_phone=national.energy_info_phone,
        )
        for kind in kinds
    ]
