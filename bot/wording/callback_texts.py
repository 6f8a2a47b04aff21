"""What the assistant says while booking, moving or cancelling a callback, composed from the
texts (texts_fr.yml), the CCAS's hours and the moment. A message is a text and its buttons."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.callbacks import bookings
from bot.callbacks.bookings import Booking
from bot.callbacks.schedule import format_weekly_hours, is_closed_day, is_open, local_now, outside_hours
from bot.callbacks.slot_choice import Picked, slot_phrase, slot_title
from bot.callbacks.states import Outcome
from bot.configuration.ccas import Ccas
from bot.reading.phone import parse_phone
from bot.wording.formats import format_day_fr, format_moment_fr, format_time_fr
from bot.wording.texts import button, text

# Reasons for asking the moment again that are not a reading of the answer (Picked): the
# booking questions keep them in the slot callback_time_reason too.
PHONE_KEPT = "phone_kept"  # a phone number typed at the time question
BUDGET_KEPT = "budget_kept"  # figures typed at the time question
SLOT_TAKEN = "slot_taken"  # someone took the moment a moment ago
MOVE = "move"  # moving a callback, no moment said yet


@dataclass(frozen=True)
class Message:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def moment_of(booking: Booking, ccas: Ccas, now: dt.datetime | None = None) -> str:
    """"demain, mardi 24 novembre, à 10 h": the callback's moment in full."""
    start = bookings.slot_start_of(booking).astimezone(ccas.timezone)
    return format_moment_fr(start, local_now(ccas, now), full=True)


def phone_display(e164: str) -> str:
    phone = parse_phone(e164)
    return phone.display if phone else e164


def slot_buttons(slots: list[dt.datetime], ccas: Ccas,
                 now: dt.datetime | None = None) -> list[dict[str, str]]:
    moment = local_now(ccas, now)
    return [{"title": slot_title(s, moment), "payload": slot_phrase(s)} for s in slots]


def consent_buttons() -> list[dict[str, str]]:
    return [
        button("consent_yes", "oui, elle peut la lire"),
        button("consent_no", "non, je préfère lui expliquer moi-même"),
    ]


def social_worker_question() -> Message:
    # Plain words as payloads: they are read like typed answers (bot/reading/social_worker.py).
    return Message(text("callback.social_worker_question"), [
        button("social_worker_yes", "oui"), button("social_worker_no", "non"),
        button("social_worker_skip", "je préfère ne pas répondre")])


SOCIAL_WORKER_MARK = "accompagné·e par un travailleur social"


def skip_name_buttons() -> list[dict[str, str]]:
    return [button("skip_name", "passer")]


def already_booked(booking: Booking, ccas: Ccas) -> Message:
    return Message(
        text("callback.already_booked", moment=moment_of(booking, ccas), phone=phone_display(booking.phone)),
        [button("keep", "/affirm"), button("move", "/change_callback"), button("cancel", "/cancel_callback")],
    )


def confirm_cancel(booking: Booking, ccas: Ccas) -> Message:
    return Message(text("callback.confirm_cancel", moment=moment_of(booking, ccas)),
                   [button("yes_cancel", "/affirm"), button("no_keep", "/deny")])


def time_question(reason: dict[str, Any], ccas: Ccas, now: dt.datetime | None = None) -> str:
    """The question for the moment, in the words of why it is asked (again)."""
    outcome = reason.get("outcome")
    day = dt.date.fromisoformat(reason["day"]) if reason.get("day") else None
    day_words = f" le {format_day_fr(day)}" if day else ""
    if outcome == Picked.CLOSED_DAY and day is not None:
        kind = "weekend" if day.weekday() >= 5 and not is_closed_day(ccas, day) else "holiday"
        return text("callback.closed_day", day=text(f"callback.closed_day_names.{kind}"))
    if outcome == Picked.NOT_AT_TIME:
        asked = dt.time.fromisoformat(reason["time"])
        if outside_hours(ccas, asked):
            # "vers 18h30", "mardi midi": outside the counsellors' hours, which are said.
            return text("callback.outside_hours", time=format_time_fr(asked), hours=format_weekly_hours(ccas))
        return text("callback.not_at_time", time=format_time_fr(asked), day=day_words)
    last = local_now(ccas, now).date() + dt.timedelta(days=ccas.booking_days)
    if outcome == Picked.NONE_FIT and day is not None and day > last:
        # Not full: too far ahead to be booked yet.
        return text("callback.too_far", day=format_day_fr(day), last=format_day_fr(last))
    if outcome == Picked.NONE_FIT:
        return text("callback.none_fit", when=day_words.strip() or "à ce moment-là")
    if outcome == Picked.PICK:
        return text("callback.ask_time_pick", when=day_words.strip() or "qui correspondent")
    simple = {
        Picked.NOT_UNDERSTOOD.value: "callback.ask_time_again",
        PHONE_KEPT: "callback.ask_time_phone_kept",
        BUDGET_KEPT: "callback.ask_time_budget_kept",
        SLOT_TAKEN: "callback.slot_taken",
        MOVE: "callback.which_time_for_move",
    }
    return text(simple.get(str(outcome or ""), "callback.ask_time"))


def consent_question(name_given: bool, asked_just_before: bool) -> Message:
    """Asked once with its explanation; again, plainly."""
    if asked_just_before:
        return Message(text("callback.consent_plain"), consent_buttons())
    return Message(text("callback.ask_consent", name=", votre prénom" if name_given else ""),
                   consent_buttons())


def ways_to_reach(outcome: str | None, ccas: Ccas) -> str:
    """Without a callback: how else to reach a counsellor, in the words of why."""
    hours = format_weekly_hours(ccas)
    if outcome == Outcome.NO_PHONE:
        return text("callback.phone_refused", phone=ccas.phone, hours=hours)
    if outcome == Outcome.UNAVAILABLE:
        return text("callback.no_slot", phone=ccas.phone, hours=hours)
    return text("callback.gave_up", phone=ccas.phone, hours=hours)


def done(outcome: str | None, booking: Booking | None, ccas: Ccas,
         now: dt.datetime | None = None) -> list[str]:
    """After the booking questions: the callback confirmed, or how else to reach a counsellor."""
    if outcome not in (Outcome.BOOKED, Outcome.MOVED) or booking is None:
        return [ways_to_reach(outcome, ccas)]
    if outcome == Outcome.MOVED:
        said = moved(booking, ccas, now)
    else:
        name = f", en demandant {booking.pseudonym}" if booking.pseudonym else ""
        shared = "callback.shared" if booking.consent_transcript else "callback.not_shared"
        said = [text("callback.confirmed", moment=moment_of(booking, ccas, now),
                     phone=phone_display(booking.phone), name=name),
                text(shared, name=", votre prénom" if booking.pseudonym else ""),
                text("callback.change_hint")]
    if is_open(ccas, now):
        said.append(text("callback.direct_line_open", phone=ccas.phone))
    return said


def moved(booking: Booking, ccas: Ccas, now: dt.datetime | None = None) -> list[str]:
    return [text("callback.moved", moment=moment_of(booking, ccas, now), phone=phone_display(booking.phone)),
            text("callback.change_hint")]


def kept(booking: Booking, ccas: Ccas) -> list[str]:
    return [text("callback.kept", moment=moment_of(booking, ccas)), text("callback.change_hint")]
