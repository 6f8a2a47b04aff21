"""Who viewed or changed what: every access of a counsellor to personal data is recorded."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Session

from bot.callbacks import clock
from bot.storage.db import Base
from bot.wording.texts import counsellor_labels

# What each logged action is called on the handover page (bot/wording/counsellors_fr.yml).
ACTIONS = {key: label for key, label in counsellor_labels("audit").items()
           if key not in ("unknown_login", "erased_detail")}


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, index=True)
    # The counsellor's id and name are copied: the trail outlives an account.
    counsellor_id = Column(Integer, nullable=True)
    counsellor_name = Column(String(120), nullable=True)
    action = Column(String(30), nullable=False)
    booking_id = Column(Integer, nullable=True, index=True)
    # Never personal data of the person: the trail is kept after an erasure.
    detail = Column(Text, nullable=True)


def record(session: Session, action: str, *, counsellor_id: int | None = None,
           counsellor_name: str | None = None, booking_id: int | None = None,
           detail: str | None = None) -> None:
    session.add(AuditEntry(at=clock.now(), counsellor_id=counsellor_id, counsellor_name=counsellor_name,
                           action=action, booking_id=booking_id, detail=detail))
    session.commit()


def trail(session: Session, booking_ids: list[int]) -> list[AuditEntry]:
    if not booking_ids:
        return []
    query = select(AuditEntry).where(AuditEntry.booking_id.in_(booking_ids)).order_by(
        AuditEntry.at, AuditEntry.id)
    return list(session.execute(query).scalars())
