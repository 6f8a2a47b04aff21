"""Erasure asked for in the chat: the callbacks and notes go now, the conversation itself is
deleted by the tracker store when this turn is saved (rasa_ext/tracker_store.py)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.storage import audit
from bot.storage.db import session_scope
from bot.storage.erasure import erase_person
from bot.wording.texts import text


class ActionEraseMyData(Action):
    def name(self) -> str:
        return "action_erase_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        with session_scope() as session:
            erased = erase_person(session, tracker.sender_id)
            for booking_id in erased.bookings:
                audit.record(session, "erase_chat", booking_id=booking_id)
        dispatcher.utter_message(text=text("privacy.erased"))
        return []
