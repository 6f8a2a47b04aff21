"""Answers to information questions: every question of the message, each with its own answer
(bot.reading.faq_cues), and, during the callback booking, the answer then the booking going on.

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

from actions.common import bot_turns, latest_intent, latest_text
from bot.callbacks.schedule import local_now
from bot.configuration.ccas import current_ccas
from bot.reading.faq_cues import asks_whether_it_counts, choose_topics, topics_named
from bot.reading.faq_followups import follow_up_key
from bot.reading.preferences import parse_preference
from bot.reading.pseudonym import parse_pseudonym
from bot.wording.texts import text

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


def moment_answered(tracker: Tracker) -> str | None:
    """The message, at the time question, when it speaks of a moment and names no topic."""
    if tracker.get_slot("requested_slot") != "callback_time":
        return None
    said = latest_text(tracker)
    today = local_now(current_ccas()).date()
    if topics_named(said) or parse_preference(said, today) is None:
        return None
    return said


def faq_responses(tracker: Tracker) -> list[str]:
    """The answers to the latest message: the response selector's topic, unless the words name
    another one, and one answer for each further question it asks."""
    selector = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq") or {}
    key = (selector.get("response") or {}).get("intent_response_key") or ""
    selected = key.split("/", 1)[1] if "/" in key else None
    return [f"utter_faq/{topic}" for topic in choose_topics(latest_text(tracker), selected)]


# Slots that fill the answers' placeholders ({bdf_phone}...), set at the session start.
_PLACEHOLDER_SLOTS = ("bdf_phone", "truce_period", "unpaid_rent_phone", "ccas_name")


def topic_answered_last(tracker: Tracker) -> str | None:
    """The information topic answered in the assistant's turn just before the latest message."""
    for event in bot_turns(tracker)[1]:
        metadata = event.get("metadata") or {}
        action = metadata.get("utter_action") or ""
        if action.startswith("utter_faq/"):
            return action.split("/", 1)[1]
        if metadata.get("faq_topic"):
            return str(metadata["faq_topic"])
    return None


def say_faq_answers(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Says the answers to the latest message's questions; whether there was any."""
    previous = topic_answered_last(tracker)
    key = follow_up_key(latest_text(tracker), previous)
    if key is not None:
        values = {name: tracker.get_slot(name) or "" for name in _PLACEHOLDER_SLOTS}
        # The topic travels with the answer, for a further question about it.
        dispatcher.utter_message(text=text(key, **values), faq_topic=previous)
        return True
    responses = faq_responses(tracker)
    for response in responses:
        dispatcher.utter_message(response=response)
    return bool(responses)


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        in_budget = (tracker.active_loop or {}).get("name") == "budget_form"
        if in_budget and asks_whether_it_counts(latest_text(tracker)):
            # "les APL ça compte ?" asks what to put in the answer: yes, and the question again.
            dispatcher.utter_message(text=text("budget.it_counts"))
            return []
        if not say_faq_answers(dispatcher, tracker):
            dispatcher.utter_message(response="utter_info_topics")  # never silence
        return []


class ActionFaqInBooking(Action):
    def name(self) -> str:
        return "action_faq_in_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        name = name_answered(tracker)
        if name is not None:
            return [SlotSet("callback_name", name)]
        moment = moment_answered(tracker)
        if moment is not None:
            # "et en semaine vers 18h30 ?" at the time question: a moment asked about is an
            # answer to that question, checked as the booking checks it (what fits is said),
            # not a leaflet.
            from actions.callback_form import ValidateCallbackForm  # the booking imports this module

            checked = await ValidateCallbackForm().validate_callback_time(moment, dispatcher, tracker, domain)
            return [SlotSet(name, value) for name, value in checked.items()]
        if latest_intent(tracker) == "bot_challenge":
            dispatcher.utter_message(response="utter_iamabot")
            return []
        say_faq_answers(dispatcher, tracker)  # then the booking asks its question again
        return []
