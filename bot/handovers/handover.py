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
from bot.callbacks.states import Status
from bot.configuration.ccas import Ccas, National
from bot.handovers.transcript import Line, last_message_at, slot_values, transcript
from bot.money.budget import Snapshot, floor_not_reached, left_after_loans, needs_help, rsa_floor
from bot.reading.amounts import format_euros
from bot.reading.phone import parse_phone
from bot.reading.preferences import constraints_fr
from bot.reading.referral import referral_sources
from bot.storage.db import stored_utc
from bot.wording.formats import format_day_fr, format_time_fr
from bot.wording.texts import text

SLOTS = ("themes", "urgency_flags", "budget_snapshot", "callback_constraints")


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
        return text(f"handover.channels.{channel}")
    except KeyError:
        return text("handover.channels.other", channel=channel)


def flag_label(flag: str, national: National) -> str:
    number = national.emergency[flag].number if flag in national.emergency else ""
    try:
        return text(f"handover.flags.{flag}", number=number)
    except KeyError:
        return flag


def theme_label(theme: str) -> str:
    try:
        return text(f"handover.themes.{theme}")
    except KeyError:
        return theme


def when_fr(moment: dt.datetime) -> str:
    """"lundi 23 novembre 2026 à 9 h"."""
    return f"{format_day_fr(moment.date(), year=True)} à {format_time_fr(moment.time())}"


def snapshot_rows(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    """The snapshot and its derived figures as (line, value) pairs, in French."""
    rows: list[tuple[str, str]] = []
    if snapshot.get("adults") is not None:
        rows.append(("Foyer", f"{snapshot['adults']} adulte(s), {snapshot.get('children') or 0} enfant(s)"))
    names = {"income": "Revenus", "charges": "Charges fixes", "loans": "Crédits", "arrears": "Retards"}
    for key, name in names.items():
        line = snapshot.get(key)
        if not line or line.get("status") in ("skip", "not_understood"):
            rows.append((name, "non précisé"))
            continue
        if line.get("status") == "zero":
            rows.append((name, "aucun"))
            continue
        about = "environ " if line.get("approximate") else ""
        detail = {k: v for k, v in (line.get("detail") or {}).items() if k != "other"}
        extra = ""
        if detail:
            extra = " (" + ", ".join(
                f"{text(f'budget.line_names.{k}')} {format_euros(v)}" for k, v in detail.items()
            ) + ")"
        # Arrears are what is owed in all; the other lines are monthly.
        period = "en tout" if key == "arrears" else "par mois"
        rows.append((name, f"{about}{format_euros(line.get('total') or 0)} {period}{extra}"))
    if snapshot.get("left_to_live") is not None:
        rows.append(("Reste pour vivre", f"{format_euros(snapshot['left_to_live'])} par mois"))
    if snapshot.get("debt_ratio"):
        rows.append(("Part des revenus en crédits", f"{round(snapshot['debt_ratio'] * 100)} %"))
    if snapshot.get("living_floor") and snapshot.get("left_after_loans") is not None:
        below = "en dessous" if snapshot.get("below_living_floor") else "au-dessus"
        left, floor = format_euros(snapshot["left_after_loans"]), format_euros(snapshot["living_floor"])
        label = "Ressources moins crédits, face au minimum qu'une commission doit laisser (RSA du foyer)"
        rows.append((label, f"{left} pour {floor} : {below}"))
    return rows


def render_text(handover: Handover, national: National) -> str:
    """The handover as a counsellor reads it, in French."""
    who = handover.pseudonym or "Prénom non donné"
    out = [
        f"Rappel n° {handover.id} ({_status_fr(handover.status)})",
        f"À appeler : {when_fr(handover.callback_at)}",
        f"Qui : {who}, au {handover.phone}",
        f"Écrit depuis : {channel_name(handover.channel)}",
    ]
    if handover.call_constraints:
        out.append("Pour l'appel, la personne a demandé : " + " ; ".join(handover.call_constraints))
    if not handover.consent:
        if handover.urgency_flags:
            flags = " ; ".join(flag_label(f, national) for f in handover.urgency_flags)
            out.append(f"Signalements : {flags}")
        out.append("La personne n'a pas souhaité partager la conversation : elle vous expliquera "
                   "sa situation au téléphone.")
        return "\n".join(out)
    if handover.referral:
        out.append(f"Orientation : {', '.join(handover.referral)}")
    out.append("Sujets : " + (", ".join(theme_label(t) for t in handover.themes) or "non précisés"))
    if handover.urgency_flags:
        out.append("Signalements : " + " ; ".join(flag_label(f, national) for f in handover.urgency_flags))
    else:
        out.append("Signalements : aucun")
    if handover.snapshot:
        out.append("")
        out.append("Point budget (déclaratif, approximatif) :")
        out.extend(f"  {name} : {value}" for name, value in snapshot_rows(handover.snapshot))
    else:
        out.append("Point budget : pas fait")
    out.append("")
    sessions = len({line.session for line in handover.transcript})
    out.append(f"Conversation ({len(handover.transcript)} messages, {sessions} visite(s)) :")
    current = None
    for line in handover.transcript:
        if line.session != current:
            current = line.session
            out.append(f"  — visite {line.session} —")
        local = line.at.astimezone(handover.callback_at.tzinfo)
        speaker = "Personne" if line.speaker == "person" else "Assistant"
        out.append(f"  [{local:%d/%m %H:%M}] {speaker} : {line.text}")
    return "\n".join(out)


def _status_fr(status: str) -> str:
    return STATUS_FR.get(status, status)


STATUS_FR = {Status.BOOKED.value: "prévu", Status.CANCELLED.value: "annulé par la personne",
             Status.MOVED.value: "déplacé"}
