"""The handover a counsellor opens before calling back: who to call and when, why, the budget
snapshot, urgency flags and the full transcript.

It is built from the booking and read live from the conversation (Rasa's tracker store, in
the same database), so it is always up to date when the person writes again before the call.
Without the person's consent, only who and when are shared, with what bears on the call
itself: how to call ("pas le soir, quand il est là") and the danger the person spoke of (the
counsellor must know of a violent partner before she calls). Nothing else of the conversation.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.callbacks.bookings import Booking, slot_start_of
from bot.configuration.ccas import Ccas, National
from bot.handovers.transcript import Line, last_message_at, slot_values, transcript
from bot.money.budget import LineStatus, Snapshot, floor_not_reached, left_after_loans, needs_help, rsa_floor
from bot.reading.amounts import format_euros
from bot.reading.phone import parse_phone
from bot.reading.preferences import constraints_fr
from bot.reading.referral import referral_sources
from bot.storage.db import stored_utc
from bot.wording.formats import format_day_fr, format_time_fr
from bot.wording.texts import counsellor_labels, counsellor_text, text

SLOTS = ("themes", "urgency_flags", "budget_snapshot", "callback_constraints", "social_worker")


@dataclass
class Handover:
    id: int
    status: str
    callback_at: dt.datetime  # local time of the CCAS
    booked_at: dt.datetime | None
    channel: str
    sender_id: str
    pseudonym: str | None
    phone: str  # as a French counsellor reads it
    phone_e164: str
    consent: bool
    referral: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    urgency_flags: list[str] = field(default_factory=list)
    snapshot: dict[str, Any] | None = None
    # What the person asked about the call itself ("pas le mercredi", "après 16 h").
    call_constraints: list[str] = field(default_factory=list)
    transcript: list[Line] = field(default_factory=list)
    last_message_at: dt.datetime | None = None
    # Already followed by a social worker: "yes", "no", "skip" (would rather not say), or None.
    social_worker: str | None = None


def _union(lists: list[Any]) -> list[str]:
    found: list[str] = []
    for value in lists:
        for item in value or []:
            if item not in found:
                found.append(item)
    return found


def _derived(snapshot: Snapshot, national: National) -> dict[str, Any]:
    return {
        **snapshot.to_dict(),
        "persons": snapshot.persons,
        "left_to_live": snapshot.left_to_live,
        "debt_ratio": snapshot.debt_ratio,
        # The RSA amount for this household: the least a commission must leave it; compared
        # with income minus repayments (not with what is left after rent and bills).
        "living_floor": rsa_floor(national, snapshot.adults, snapshot.children) if snapshot.persons else None,
        "left_after_loans": left_after_loans(snapshot),
        "below_living_floor": floor_not_reached(snapshot, national) is not None,
        "has_arrears": snapshot.has_arrears,
        "needs_help": needs_help(snapshot, national),
    }


def build(booking: Booking, engine: Engine, ccas: Ccas, national: National,
          with_transcript: bool = True) -> Handover:
    """The handover of `booking`; without the transcript (and referral) for a list."""
    phone = parse_phone(booking.phone)
    handover = Handover(
        id=booking.id,
        status=booking.status,
        callback_at=slot_start_of(booking).astimezone(ccas.timezone),
        booked_at=stored_utc(booking.created_at),
        channel=booking.channel,
        sender_id=booking.sender_id,
        pseudonym=booking.pseudonym,
        phone=phone.display if phone else booking.phone,
        phone_e164=booking.phone,
        consent=bool(booking.consent_transcript),
    )
    values = slot_values(engine, booking.sender_id, SLOTS)
    handover.urgency_flags = _union(values["urgency_flags"])
    said = [v for v in values["callback_constraints"] if v]
    handover.call_constraints = constraints_fr(said[-1]) if said else []
    answers = [v for v in values["social_worker"] if v]
    handover.social_worker = answers[-1] if answers else None
    if not handover.consent:
        return handover
    handover.themes = _union(values["themes"])
    snapshots = [v for v in values["budget_snapshot"] if v]
    if snapshots:
        handover.snapshot = _derived(Snapshot.from_dict(snapshots[-1]), national)
    if not with_transcript:
        return handover
    handover.transcript = transcript(engine, booking.sender_id)
    handover.referral = referral_sources(
        (line.text for line in handover.transcript if line.speaker == "person"),
        ccas.partners + ccas.referrers,
    )
    handover.last_message_at = last_message_at(engine, booking.sender_id)
    return handover


def load(session: Session, booking_id: int, ccas: Ccas, national: National) -> Handover | None:
    booking = session.get(Booking, booking_id)
    if booking is None:
        return None
    return build(booking, session.get_bind(), ccas, national)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def to_json(handover: Handover) -> dict[str, Any]:
    return {
        "id": handover.id,
        "status": handover.status,
        "callback_at": _iso(handover.callback_at),
        "booked_at": _iso(handover.booked_at),
        "channel": handover.channel,
        "sender_id": handover.sender_id,
        "pseudonym": handover.pseudonym,
        "phone": handover.phone_e164,
        "phone_display": handover.phone,
        "consent_to_share_conversation": handover.consent,
        "referral": handover.referral,
        "social_worker": handover.social_worker,
        "themes": handover.themes,
        "urgency_flags": handover.urgency_flags,
        "budget_snapshot": handover.snapshot,
        "callback_constraints": handover.call_constraints,
        "last_message_at": _iso(handover.last_message_at),
        "transcript": [
            {"at": _iso(line.at), "speaker": line.speaker, "session": line.session, "text": line.text}
            for line in handover.transcript
        ] if handover.consent else None,
    }


def channel_name(channel: str) -> str:
    try:
        return counsellor_text(f"handover.channels.{channel}")
    except KeyError:
        return counsellor_text("handover.channels.other", channel=channel)


def flag_label(flag: str, national: National) -> str:
    number = national.emergency[flag].number if flag in national.emergency else ""
    try:
        return counsellor_text(f"handover.flags.{flag}", number=number)
    except KeyError:
        return flag


def theme_label(theme: str) -> str:
    try:
        return counsellor_text(f"handover.themes.{theme}")
    except KeyError:
        return theme


def when_fr(moment: dt.datetime) -> str:
    """"lundi 23 novembre 2026 à 9 h"."""
    return counsellor_text("handover.when", day=format_day_fr(moment.date(), year=True),
                           time=format_time_fr(moment.time()))


def snapshot_rows(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    """The snapshot and its derived figures as (line, value) pairs, in French."""
    def say(key: str, **values: Any) -> str:
        return counsellor_text(f"snapshot.{key}", **values)

    rows: list[tuple[str, str]] = []
    if snapshot.get("adults") is not None:
        rows.append((say("household"), say("household_value", adults=snapshot["adults"],
                                           children=snapshot.get("children") or 0)))
    for key, name in counsellor_labels("snapshot.lines").items():
        line = snapshot.get(key)
        if not line or line.get("status") in (LineStatus.SKIP, LineStatus.NOT_UNDERSTOOD):
            rows.append((name, say("not_given")))
            continue
        if line.get("status") == LineStatus.ZERO:
            rows.append((name, say("none")))
            continue
        about = say("about") if line.get("approximate") else ""
        detail = {k: v for k, v in (line.get("detail") or {}).items() if k != "other"}
        extra = ""
        if detail:
            extra = " (" + ", ".join(
                f"{text(f'budget.line_names.{k}')} {format_euros(v)}" for k, v in detail.items()
            ) + ")"
        # Arrears are what is owed in all; the other lines are monthly.
        period = say("in_all") if key == "arrears" else say("monthly")
        rows.append((name, f"{about}{format_euros(line.get('total') or 0)} {period}{extra}"))
    if snapshot.get("left_to_live") is not None:
        left = format_euros(snapshot["left_to_live"])
        rows.append((say("left_to_live"), say("left_to_live_value", amount=left)))
    if snapshot.get("debt_ratio"):
        rows.append((say("debt_ratio"), say("debt_ratio_value", percent=round(snapshot["debt_ratio"] * 100))))
    if snapshot.get("living_floor") and snapshot.get("left_after_loans") is not None:
        side = say("below") if snapshot.get("below_living_floor") else say("above")
        rows.append((say("floor"), say("floor_value", left=format_euros(snapshot["left_after_loans"]),
                                       floor=format_euros(snapshot["living_floor"]), side=side)))
    return rows


def render_text(handover: Handover, national: National) -> str:
    """The handover as a counsellor reads it, in French."""
    def say(key: str, **values: Any) -> str:
        return counsellor_text(f"handover.as_text.{key}", **values)

    out = [
        say("title", id=handover.id, status=STATUS_FR.get(handover.status, handover.status)),
        say("when", when=when_fr(handover.callback_at)),
        say("who", who=handover.pseudonym or say("no_name"), phone=handover.phone),
        say("channel", channel=channel_name(handover.channel)),
    ]
    if handover.call_constraints:
        out.append(say("constraints", constraints=" ; ".join(handover.call_constraints)))
    social_worker = counsellor_text("handover.social_worker.label")
    out.append(f"{social_worker} : {social_worker_fr(handover.social_worker)}")
    flags = " ; ".join(flag_label(f, national) for f in handover.urgency_flags)
    if not handover.consent:
        if flags:
            out.append(say("flags", flags=flags))
        out.append(say("not_shared"))
        return "\n".join(out)
    if handover.referral:
        out.append(say("referral", referral=", ".join(handover.referral)))
    themes = ", ".join(theme_label(t) for t in handover.themes)
    out.append(say("themes", themes=themes) if themes else say("no_themes"))
    out.append(say("flags", flags=flags) if flags else say("no_flags"))
    if handover.snapshot:
        out.append("")
        out.append(say("snapshot"))
        out.extend(f"  {name} : {value}" for name, value in snapshot_rows(handover.snapshot))
    else:
        out.append(say("no_snapshot"))
    out.append("")
    sessions = len({line.session for line in handover.transcript})
    out.append(say("conversation", messages=len(handover.transcript), visits=sessions))
    current = None
    for line in handover.transcript:
        if line.session != current:
            current = line.session
            out.append(say("visit", number=line.session))
        local = line.at.astimezone(handover.callback_at.tzinfo)
        speaker = say("person") if line.speaker == "person" else say("assistant")
        out.append(f"  [{local:%d/%m %H:%M}] {speaker} : {line.text}")
    return "\n".join(out)


def social_worker_fr(answer: str | None) -> str:
    return counsellor_text(f"handover.social_worker.{answer or 'unknown'}")


# Keyed by the values: the database gives plain strings.
STATUS_FR = counsellor_labels("statuses")
