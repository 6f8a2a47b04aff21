"""One round of alerts: what is due is claimed, sent, and released again if the sending failed.
Run every minute by the counsellors' app, or by a scheduler with `python -m bot alerts`."""
from __future__ import annotations

import logging

from bot.alerts import mail, sent
from bot.alerts.due import due
from bot.callbacks.schedule import local_now
from bot.configuration.ccas import current_ccas, current_national
from bot.configuration.settings import Settings
from bot.storage.db import session_scope

logger = logging.getLogger(__name__)
EVERY_SECONDS = 60


def enabled(settings: Settings) -> bool:
    return bool(settings.smtp_host and settings.alert_to)


def send_due(settings: Settings) -> int:
    """The alerts sent in this round."""
    if not enabled(settings):
        return 0
    ccas = current_ccas()
    done = 0
    with session_scope() as session:
        for alert in due(session, local_now(ccas), ccas, current_national()):
            if not sent.claim(session, alert.booking_id, alert.kind):
                continue  # another process sends it
            try:
                mail.send(mail.message(alert, settings), settings)
            except OSError as error:  # smtplib's errors are OSErrors too
                sent.release(session, alert.booking_id, alert.kind)
                logger.warning("alert for callback %s not sent (%s): tried again next round",
                               alert.booking_id, type(error).__name__)
                continue
            done += 1
            logger.info("alert %s sent for callback %s", alert.kind, alert.booking_id)
    return done

