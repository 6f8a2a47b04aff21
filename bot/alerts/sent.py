"""Which alerts were sent, so that each goes once, whichever process sends it: the first to
write the row sends; the row goes again if the sending failed, to be tried at the next round."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, UniqueConstraint, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.callbacks import clock
from bot.storage.db import Base

URGENT_BOOKED = "urgent_booked"
DUE_SOON = "due_soon"


class AlertSent(Base):
    __tablename__ = "alerts_sent"
    __table_args__ = (UniqueConstraint("booking_id", "kind", name="uq_alert_booking_kind"),)

    id = Column(Integer, primary_key=True)
    booking_id = Column(Integer, nullable=False)
    kind = Column(String(20), nullable=False)
    sent_at = Column(DateTime(timezone=True), nullable=False)


def claim(session: Session, booking_id: int, kind: str) -> bool:
    """True when this process is the one to send this alert. Commits."""
    session.add(AlertSent(booking_id=booking_id, kind=kind, sent_at=clock.now()))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def release(session: Session, booking_id: int, kind: str) -> None:
    """The alert could not be sent: it will be tried again. Commits."""
    session.execute(delete(AlertSent).where(AlertSent.booking_id == booking_id, AlertSent.kind == kind))
    session.commit()
