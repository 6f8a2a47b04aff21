"""After listening: offer the one next step that fits where the conversation stands.

A menu of three choices after every message made people answer "oui" to a question that was
not a yes-or-no one, and brought the same menu back again and again. Here the assistant offers
one step (the budget questions, then a callback), so that "oui" means that step; it never makes
the same offer twice in a row, and then asks an open question instead.
"""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.budget import SLOT_OF_GROUP, budget_changed_by_latest_message
from actions.common import latest_intent, latest_text, slot_before_latest_message
from bot.callbacks import reservation
from bot.callbacks.schedule import local_now
from bot.configuration.ccas import current_ccas
from bot.reading.callback_wish import names_a_moment_only
from bot.reading.textnorm import normalize
from bot.reading.themes import detect_themes
from bot.wording import callback_texts
from bot.wording.texts import button, text


def _budget_missing(tracker: Tracker) -> int:
    slots = ["budget_household", *SLOT_OF_GROUP.values()]
    return sum(1 for slot in slots if tracker.get_slot(slot) is None)


def _previous_offer(tracker: Tracker) -> str | None:
    """The step offered by the assistant's previous turn, if that turn was an offer."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in (
                "action_listen", "action_validate_slot_mappings", "action_extract_slots"):
            if event.get("name") == "action_next_step":
                return tracker.get_slot("next_step")
            return None
    return None


# The person asks for a way forward: the choices, not one more question.
_READY = re.compile(
    r"\b(?:quoi faire|que faire|comment faire|comment je fais|comment on fait|aidez moi|aide moi|aider moi|"
    r"m aider|besoin d aide|besoin d un coup de main|une solution|des solutions|qu est ce que je peux faire|"
    r"je fais comment|on fait comment|que me conseillez vous|vous pouvez faire quelque chose)\b")


def explore_theme(tracker: Tracker) -> str | None:
    """The theme to ask an open question about, when the latest message is the person's first
    account of their situation: told in words (no figures, no request, no urgency flagged), before
    any budget answer, and no open question asked yet. None otherwise."""
    if latest_intent(tracker) != "express_difficulty":
        return None
    if _budget_missing(tracker) < 5 or budget_changed_by_latest_message(tracker):
        return None
    flags_before = slot_before_latest_message(tracker, "urgency_flags") or []
    if (tracker.get_slot("urgency_flags") or []) != flags_before:
        return None
    if any(e.get("event") == "slot" and e.get("name") == "next_step" and e.get("value") == "explore"
           for e in tracker.events):
        return None
    if _READY.search(normalize(latest_text(tracker))):
        return None  # "je sais plus quoi faire": the person asks what can be done, the choices come
    known = slot_before_latest_message(tracker, "themes") or []
    new = [t for t in detect_themes(latest_text(tracker)) if t not in known]
    if known and not new:
        return None  # themes told before: the person is past the first account
    return new[0] if new else "general"


def choose_step(tracker: Tracker, booked_moment: str | None) -> str:
    if booked_moment:
        return "booked"
    missing = _budget_missing(tracker)
    if missing:
        return "snapshot"
    return "callback"


class ActionNextStep(Action):
    def name(self) -> str:
        return "action_next_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ccas = current_ccas()
        booking = reservation.active_booking(tracker.sender_id, ccas)
        moment = callback_texts.moment_of(booking, ccas) if booking is not None else None
        step = choose_step(tracker, moment)
        if step == "booked" and names_a_moment_only(latest_text(tracker), local_now(ccas).date()):
            # "10h" just after the callback was booked or moved: that callback, at that time.
            return [SlotSet("next_step", "booked"), FollowupAction("action_change_callback")]
        if step == "booked":
            dispatcher.utter_message(text=text("next_step.booked", moment=moment))
            return [SlotSet("next_step", "booked")]
        phone_just_given = tracker.get_slot("known_phone") and tracker.get_slot("known_phone") != \
            slot_before_latest_message(tracker, "known_phone")
        if tracker.get_slot("callback_wish") or phone_just_given:
            # "lundi 9h sinon le plus tôt", or a phone number: a callback request.
            return [SlotSet("next_step", "callback"), FollowupAction("action_offer_callback")]
        if step == "snapshot" and budget_changed_by_latest_message(tracker):
            # Figures given unasked: the budget questions go on from there, asking only
            # what is missing.
            dispatcher.utter_message(text=text("next_step.continue"))
            return [SlotSet("next_step", "snapshot"), FollowupAction("budget_form")]
        explore = explore_theme(tracker) if step == "snapshot" else None
        if explore is not None:
            # The first time the person tells their situation: an open question about it, as a
            # counsellor would ask, rather than a menu; the choices come back at the next message.
            dispatcher.utter_message(text=text(f"next_step.explore.{explore}"))
            return [SlotSet("next_step", "explore")]
        if _previous_offer(tracker) == step:
            # Offered just before and not taken: no menu again, an open question.
            dispatcher.utter_message(text=text("next_step.open"))
            return [SlotSet("next_step", "open")]
        if step == "snapshot":
            partly_known = _budget_missing(tracker) < 5
            dispatcher.utter_message(
                text=text("next_step.snapshot_more" if partly_known else "next_step.snapshot"),
                buttons=[
                    button("snapshot_yes", "/request_snapshot"),
                    button("callback_instead", "/request_human"),
                    button("info", "/request_info"),
                ])
            return [SlotSet("next_step", "snapshot")]
        dispatcher.utter_message(text=text("next_step.callback"), buttons=[
            button("callback_yes", "/request_human"),
            button("info", "/request_info"),
            button("no_thanks", "/deny"),
        ])
        return [SlotSet("next_step", "callback")]


class ActionTakeNextStep(Action):
    """"Oui" to the step offered: the budget questions, or the callback booking."""

    def name(self) -> str:
        return "action_take_next_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        step = tracker.get_slot("next_step")
        if step == "snapshot":
            dispatcher.utter_message(response="utter_snapshot_intro")
            return [FollowupAction("budget_form")]
        if step == "callback":
            return [FollowupAction("action_offer_callback")]
        if step == "explore":
            # "oui" to an open question: the person is ready, the choices come back.
            return [FollowupAction("action_next_step")]
        dispatcher.utter_message(text=text("next_step.listening"))
        return [FollowupAction("action_listen")]
