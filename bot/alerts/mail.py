"""The alert as an email, and its sending through the CCAS's SMTP server (SMTP_HOST...)."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from bot.alerts.due import Alert
from bot.alerts.sent import DUE_SOON
from bot.configuration.settings import Settings
from bot.handovers.handover import when_fr
from bot.wording.texts import counsellor_text


def message(alert: Alert, settings: Settings) -> EmailMessage:
    """No name, no number, no kind of danger: when, and where to read the handover."""
    kind = "due_soon" if alert.kind == DUE_SOON else "urgent_booked"
    values = {"id": alert.booking_id, "when": when_fr(alert.callback_at),
              "link": f"{settings.counsellor_app_url}/rappels/{alert.booking_id}"}
    mail = EmailMessage()
    mail["Subject"] = counsellor_text(f"alerts.{kind}.subject", **values)
    mail["From"] = settings.alert_from
    mail["To"] = ", ".join(settings.alert_to)
    mail.set_content(counsellor_text(f"alerts.{kind}.body", **values))
    return mail


def send(mail: EmailMessage, settings: Settings) -> None:
    if not settings.smtp_host:
        raise RuntimeError("SMTP_HOST is not set")
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=15) as server:
        if settings.smtp_starttls:
            server.starttls()
        if settings.smtp_user:
            server.login(settings.smtp_user, settings.smtp_password or "")
        server.send_message(mail)
