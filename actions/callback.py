"""Reaching a counsellor: the direct line, and whether they are there now or when they are back."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import say_all
from bot import replies
from bot.ccas import current_ccas


class ActionOfferCallback(Action):
    def name(self) -> str:
        return "action_offer_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say_all(dispatcher, replies.callback_info(current_ccas()))
        return []
