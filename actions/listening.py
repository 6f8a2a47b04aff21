"""Listening: reformulate what the person says, and notice when the assistant fails to help."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_text, misunderstood_in_a_row, say_all
from bot import replies
from bot.ccas import current_ccas, current_national
from bot.schedule import local_now
from bot.themes import detect_themes, merge_themes
from bot.urgency import detect_urgencies


def urgent_help(tracker: Tracker, themes_found: list[str]) -> tuple[list[str], list[EventType]]:
    """Concrete help for urgent situations named in the latest message, the first time each is
    mentioned, and the themes and urgency flags to record for the counsellor."""
    known = tracker.get_slot("themes") or []
    flags = list(tracker.get_slot("urgency_flags") or [])
    # Concrete help only the first time a situation is mentioned: repeating it reads as a lecture.
    urgent = [u for u in detect_urgencies(latest_text(tracker)) if u.value not in flags]
    events: list[EventType] = []
    merged = merge_themes(known, themes_found)
    if merged != known:
        events.append(SlotSet("themes", merged))
    if urgent:
        events.append(SlotSet("urgency_flags", flags + [u.value for u in urgent]))
    return replies.urgencies(urgent, current_national()), events


class ActionReflect(Action):
    def name(self) -> str:
        return "action_reflect"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        found = detect_themes(latest_text(tracker))
        today = local_now(current_ccas()).date()
        known = tracker.get_slot("themes") or []
        say_all(dispatcher, replies.reflection(found, known, current_national(), today))
        help_messages, events = urgent_help(tracker, found)
        say_all(dispatcher, help_messages)
        return events


class ActionTrackMisunderstanding(Action):
    """Counts the messages in a row the assistant could not help with: once, or twice and more."""

    def name(self) -> str:
        return "action_track_misunderstanding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        count = misunderstood_in_a_row(tracker.events)
        return [SlotSet("misunderstanding", "twice" if count >= 2 else "once")]
