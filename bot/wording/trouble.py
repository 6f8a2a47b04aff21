"""What the person reads when something on our side fails: a kind word, and the direct line."""
from __future__ import annotations

from bot.callbacks.schedule import format_weekly_hours
from bot.configuration.ccas import current_ccas
from bot.wording.texts import text


def trouble_text(kind: str) -> str:
    """`kind`: actions_down, not_saved or booking_failed (see texts_fr.yml, section trouble)."""
    ccas = current_ccas()
    return text(f"trouble.{kind}", phone=ccas.phone, hours=format_weekly_hours(ccas))
