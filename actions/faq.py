"""A question during the callback booking (a FAQ, "vous êtes un robot ?"): its answer, then the
booking goes on.

At the name question, a name alone ("Monsieur Durand", "Lou") sometimes reads to the classifier
as a question about a topic or about the assistant; answering it with a leaflet about the
chèque énergie and asking the name again would lose the name. A short message without a
question mark that reads as a name is the answer to the question asked.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_intent, latest_text
from bot.pseudonym import parse_pseudonym

MAX_NAME_WORDS = 3


def name_answered(tracker: Tracker) -> str | None:
    """The name given at the name question, when the message is that and nothing more."""
    if tracker.get_slot("requested_slot") != "callback_name":
        return None
    said = latest_text(tracker)
    if "?" in said or len(said.split()) > MAX_NAME_WORDS:
        return None
    pseudonym = parse_pseudonym(said)
    return pseudonym.value if pseudonym is not None and pseudonym.value else None


def faq_response(tracker: Tracker) -> str | None:
    """The FAQ answer the response selector chose for the latest message."""
    selector = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq") or {}
    key = (selector.get("response") or {}).get("intent_response_key")
    return f"utter_{key}" if key else None


class ActionFaqInBooking(Action):
    def name(self) -> str:
        return "action_faq_in_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        name = name_answered(tracker)
        if name is not None:
            return [SlotSet("callback_name", name)]
        if latest_intent(tracker) == "bot_challenge":
            dispatcher.utter_message(response="utter_iamabot")
            return []
        response = faq_response(tracker)
        if response is not None:
            dispatcher.utter_message(response=response)
        return []
