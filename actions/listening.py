"""Listening: reformulate what the person says, and notice when the assistant fails to help."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.budget import budget_changed_by_latest_message
from actions.common import latest_text, misunderstood_in_a_row, say_all, slot_before_latest_message
from bot.callbacks.schedule import format_weekly_hours, local_now
from bot.configuration.ccas import current_ccas, current_national
from bot.reading.themes import detect_themes, merge_themes
from bot.reading.urgency import detect_urgencies
from bot.wording import replies
from bot.wording.texts import button, text


def urgent_help(tracker: Tracker, themes_found: list[str]) -> tuple[list[str], list[EventType]]:
    """Concrete help for urgent situations named in the latest message, the first time each is
    mentioned, and the themes and urgency flags to record for the counsellor."""
    known = tracker.get_slot("themes") or []
    flags = list(tracker.get_slot("urgency_flags") or [])
    flagged_before = slot_before_latest_message(tracker, "urgency_flags") or []
    # Concrete help only the first time a situation is mentioned: repeating it reads as a lecture.
    urgent = [u for u in detect_urgencies(latest_text(tracker)) if u.value not in flagged_before]
    events: list[EventType] = []
    merged = merge_themes(known, themes_found)
    if merged != known:
        events.append(SlotSet("themes", merged))
    new_flags = [u.value for u in urgent if u.value not in flags]
    if new_flags:
        events.append(SlotSet("urgency_flags", flags + new_flags))
    return replies.urgencies(urgent, current_national()), events


def _previous_action(tracker: Tracker) -> str | None:
    """The assistant's last action before the person's latest message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in (
                "action_listen", "action_validate_slot_mappings", "action_extract_slots", "action_next_step"):
            return event.get("name")
    return None


class ActionReflect(Action):
    def name(self) -> str:
        return "action_reflect"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        found = detect_themes(latest_text(tracker))
        today = local_now(current_ccas()).date()
        known = slot_before_latest_message(tracker, "themes") or []
        new_themes = [t for t in found if t not in known]
        # Nothing new to reflect: a repeated thanks, or a message that asks for a callback
        # (the booking follows at once), gets no "merci pour ces précisions".
        repeated = not new_themes and (_previous_action(tracker) == "action_reflect"
                                       or tracker.get_slot("callback_wish") is not None)
        if (new_themes or not budget_changed_by_latest_message(tracker)) and not repeated:
            # Figures alone were already said back ("C'est noté : ..."): no thanks on top.
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


class ActionOfferHumanAfterMisunderstanding(Action):
    """After two messages in a row the assistant could not help with: a counsellor, by a
    callback or directly, rather than a third "pardon"."""

    def name(self) -> str:
        return "action_offer_human_after_misunderstanding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ccas = current_ccas()
        dispatcher.utter_message(
            text=text("misunderstanding.offer_human", phone=ccas.phone, hours=format_weekly_hours(ccas)),
            buttons=[button("callback_yes", "/request_human"), button("no_thanks", "/deny")])
        return []


class ActionExplainWhatIDo(Action):
    """"Je comprends rien", "t'es qui ?": what the assistant can do, and the three ways on."""

    def name(self) -> str:
        return "action_explain_what_i_do"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=text("misunderstanding.explain"), buttons=[
            button("snapshot_choice", "/request_snapshot"),
            button("callback_choice", "/request_human"),
            button("info", "/request_info"),
        ])
        return []
