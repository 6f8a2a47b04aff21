"""Data retention: a person's conversation, callbacks and notes are deleted once their last
contact is older than the retention period (2 years by default, config/national.yml). Run
daily by a scheduler: `python -m bot purge`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from bot.callbacks.bookings import Booking
from bot.callbacks.followup import Note
from bot.handovers.transcript import has_conversations
from bot.storage import audit
from bot.storage.accounts import LoginFailure, WebSession
from bot.storage.db import stored_utc
from bot.storage.erasure import erase_person


@dataclass(frozen=True)
class Purged:
    persons: int
    events: int
    bookings: int
    notes: int


def last_contacts(session: Session) -> dict[str, dt.datetime]:
    """Each person's last contact: their latest message, callback or note, whichever is last."""
    last: dict[str, dt.datetime] = {}

    def keep(sender: str, moment: dt.datetime | None) -> None:
        if moment is not None and (sender not in last or moment > last[sender]):
            last[sender] = moment

    if has_conversations(session.get_bind()):
        rows = session.execute(sql("SELECT sender_id, MAX(timestamp) FROM events GROUP BY sender_id"))
        for sender, stamp in rows:
            keep(sender, dt.datetime.fromtimestamp(stamp, tz=dt.timezone.utc) if stamp else None)
    for sender, moment in session.execute(
            select(Booking.sender_id, func.max(Booking.slot_start)).group_by(Booking.sender_id)):
        keep(sender, stored_utc(moment))
    for sender, moment in session.execute(
            select(Note.sender_id, func.max(Note.created_at)).group_by(Note.sender_id)):
        keep(sender, stored_utc(moment))
    return last


def purge(session: Session, now: dt.datetime, retention_days: int, dry_run: bool = False) -> Purged:
    """Erase every person whose last contact is older than `retention_days`. Commits."""
    cutoff = now - dt.timedelta(days=retention_days)
    stale = sorted(sender for sender, moment in last_contacts(session).items() if moment < cutoff)
    if dry_run:
        return Purged(persons=len(stale), events=0, bookings=0, notes=0)
    events = bookings = notes = 0
    for sender in stale:
        erased = erase_person(session, sender)
        events += erased.events
        bookings += len(erased.bookings)
        notes += erased.notes
    # Housekeeping of the counsellors' app: expired sessions, old failed logins.
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    session.execute(delete(LoginFailure).where(LoginFailure.at < now - dt.timedelta(days=1)))
    session.commit()
    if stale:
        audit.record(session, "purge", detail=f"{len(stale)} personne(s), plus de {retention_days} jours")
    return Purged(persons=len(stale), events=events, bookings=bookings, notes=notes)
