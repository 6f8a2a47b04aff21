"""Recording the figures from the action server: each call to an action is read once it has
answered (bot.activity.seen), and its counts added for the CCAS's current day. Never in the
way of the conversation: a failure is logged (without personal data) and the reply goes on."""
from __future__ import annotations

import logging
from typing import Any

from bot.activity import counts
from bot.activity.seen import seen
from bot.callbacks.schedule import local_now
from bot.configuration.ccas import current_ccas
from bot.storage.db import session_scope

logger = logging.getLogger(__name__)


def person_said(tracker: dict[str, Any]) -> list[str]:
    """The person's messages in the tracker's current session, oldest first."""
    texts: list[str] = []
    for event in tracker.get("events") or []:
        if event.get("event") == "session_started":
            texts = []
        elif event.get("event") == "user" and event.get("text"):
            texts.append(str(event["text"]))
    return texts


def record_call(call: dict[str, Any], answer: dict[str, Any]) -> list[tuple[str, str]]:
    """Count what the action call `call` (the action server's request) and its `answer` add;
    the pairs counted."""
    try:
        tracker = call.get("tracker") or {}
        ccas = current_ccas()
        found = seen(str(call.get("next_action") or ""), dict(tracker.get("slots") or {}),
                     list(answer.get("events") or []), person_said(tracker), ccas)
        if found:
            with session_scope() as session:
                counts.add(session, local_now(ccas).date(), found)
        return found
    except Exception as error:  # the figures must never cost a reply
        logger.warning("activity figures not recorded: %s", type(error).__name__)
        return []
