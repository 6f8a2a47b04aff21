"""Rasa's SQL tracker store on the project's database, which also carries out an erasure asked
for in the chat.

An action cannot erase the conversation it is part of: after the action, Rasa saves the tracker
it holds in memory, and the SQL store, finding no rows, would write the whole conversation back.
So the erasure happens here, when Rasa saves a turn in which `action_erase_my_data` ran: the
person's events are deleted instead of saved, and their next message starts afresh.
"""
from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db import database_url
from bot.erasure import erase_events

ERASE_ACTION = "action_erase_my_data"


def erasure_requested(tracker: DialogueStateTracker) -> bool:
    """Whether the erasure action ran since the person's latest message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return True
    return False


class CcasTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, host: str | None = None, event_broker: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(domain=domain, host=host or database_url(), event_broker=event_broker, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not erasure_requested(tracker):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            erase_events(session, tracker.sender_id)
            session.commit()
