"""Which alerts are due now: an urgent callback booked (still to come), and an urgent callback
due within the hour that nobody has called yet. Urgent: the person spoke of a crisis or of an
urgent situation (the handover's urgency flags)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.alerts.sent import DUE_SOON, URGENT_BOOKED, AlertSent
from bot.callbacks import followup
from bot.callbacks.bookings import Booking, slot_start_of
from bot.callbacks.states import Status
from bot.configuration.ccas import Ccas, National
from bot.handovers import handover

SOON = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Alert:
    booking_id: int
    kind: str
    callback_at: dt.datetime  # the CCAS's local time


def due(session: Session, now: dt.datetime, ccas: Ccas, national: National) -> list[Alert]:
    """The alerts not sent yet, soonest callback first."""
    utc_now = now.astimezone(dt.timezone.utc)
    query = select(Booking).where(
        Booking.status == Status.BOOKED.value, Booking.followup.in_(followup.OPEN),
        Booking.slot_start >= utc_now - dt.timedelta(minutes=30)).order_by(Booking.slot_start)
    coming = list(session.execute(query).scalars())
    # The alerts already sent for these callbacks only: the table keeps every alert ever sent.
    already = select(AlertSent.booking_id, AlertSent.kind).where(
        AlertSent.booking_id.in_([b.id for b in coming]))
    sent = {(row.booking_id, row.kind) for row in session.execute(already)}
    found: list[Alert] = []
    for booking in coming:
        start = slot_start_of(booking)
        # A callback booked within the hour gets both: it was booked, and it is due.
        wanted = [kind for kind in (URGENT_BOOKED, DUE_SOON) if (booking.id, kind) not in sent
                  and (kind != DUE_SOON or start <= utc_now + SOON)]
        if not wanted:
            continue
        item = handover.build(booking, session.get_bind(), ccas, national, with_transcript=False)
        if item.urgency_flags:
            local = start.astimezone(ccas.timezone)
            found += [Alert(booking.id, kind, local) for kind in wanted]
    return found
