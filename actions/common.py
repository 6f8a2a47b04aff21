"""Helpers shared by the actions: reading the tracker, sending several messages."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.wording.callback_texts import SOCIAL_WORKER_MARK, Message

# Intents after which the assistant did not manage to help: two in a row -> offer a human.
MISUNDERSTOOD_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def say_all(dispatcher: CollectingDispatcher, messages: Iterable[str]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message)


def current_session_user_intents(events: list[dict[str, Any]]) -> list[str | None]:
    """Intents of the user's messages since the last session start, oldest first."""
    intents: list[str | None] = []
    for event in events:
        if event.get("event") == "session_started":
            intents = []
        elif event.get("event") == "user":
            intents.append(((event.get("parse_data") or {}).get("intent") or {}).get("name"))
    return intents


def misunderstood_in_a_row(events: list[dict[str, Any]]) -> int:
    """How many of the latest user messages in a row the assistant could not help with."""
    count = 0
    for intent in reversed(current_session_user_intents(events)):
        if intent not in MISUNDERSTOOD_INTENTS:
            break
        count += 1
    return count


def bot_turns(tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What the assistant said since the person's latest message, and in its turn before that
    message, each newest first."""
    now: list[dict[str, Any]] = []
    before: list[dict[str, Any]] = []
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > 1:
                break
        elif event.get("event") == "bot":
            (now if users == 0 else before).append(event)
    return now, before


def slot_before_latest_message(tracker: Tracker, name: str) -> Any:
    """The value a slot had before the person's latest message: what the message itself set
    (actions/understanding.py reads every message) is then told apart from what was known."""
    value: Any = None
    latest_user = max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=None)
    for index, event in enumerate(tracker.events):
        if latest_user is not None and index >= latest_user:
            break
        if event.get("event") == "slot" and event.get("name") == name:
            value = event.get("value")
        elif event.get("event") == "restart":
            value = None
    return value


def say_message(dispatcher: CollectingDispatcher, message: Message) -> None:
    """A text with its buttons (bot.wording.callback_texts)."""
    dispatcher.utter_message(text=message.text, buttons=message.buttons)


def social_worker_just_answered(tracker: Tracker) -> bool:
    """Whether the assistant's turn before the latest message asked the social worker question."""
    _, before = bot_turns(tracker)
    return any(SOCIAL_WORKER_MARK in (e.get("text") or "") for e in before)
