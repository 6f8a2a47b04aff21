"""Every message counts: what a person says is read and kept, whatever the assistant was doing.

Rasa runs `action_validate_slot_mappings` after each message, before deciding what to answer
(Rasa 3.6, global slot validation). Here it reads the message with bot/ (budget figures,
household, phone number, when to call, themes, urgent situations) and keeps what it carries:
a budget question already answered is then skipped, a correction given three turns later is
applied once, and a phone number typed early is offered when booking.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.budget import SLOT_OF_GROUP, snapshot_events, snapshot_from
from actions.common import latest_intent, social_worker_just_answered
from bot.callbacks.schedule import local_now
from bot.configuration.ccas import current_ccas, current_national
from bot.money import budget_notes
from bot.money.budget import Line, Snapshot, apply_reading, summary, with_household
from bot.reading.budget_reading import read_budget
from bot.reading.callback_wish import callback_offered_before, changes_moment, mentions_callback_time
from bot.reading.household import read_household, speaks_of_own_household
from bot.reading.phone import parse_phone
from bot.reading.preferences import days_named, parse_preference
from bot.reading.pseudonym import name_in_message
from bot.reading.safety import assess
from bot.reading.social_worker import parse_social_worker
from bot.reading.themes import child_support_unpaid, detect_themes, expresses_shame, merge_themes
from bot.reading.urgency import detect_urgencies
from bot.wording.texts import text

# The budget question being answered, by requested slot.
ASKED = {f"budget_{group}": group for group in ("income", "charges", "loans", "arrears")}
# Messages that answer no question: read for labelled facts only.
NOT_AN_ANSWER = {"crisis", "stop", "request_human", "faq", "bot_challenge", "delete_my_data"}


def summary_was_shown(tracker: Tracker) -> bool:
    shown = ("action_budget_summary", "action_budget_correct")
    return any(e.get("event") == "action" and e.get("name") in shown for e in tracker.events)


def read_message(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    message = (tracker.latest_message or {}).get("text") or ""
    if not message.strip() or message.startswith("/"):
        return []
    # Rasa extracts slots again when a form starts: a message is read once, so that an
    # addition ("j'ai oublié la mutuelle") never counts twice.
    reference = _message_reference(tracker)
    if reference is not None and reference == tracker.get_slot("message_read"):
        return []
    intent = latest_intent(tracker)
    in_budget_form = (tracker.active_loop or {}).get("name") == "budget_form"
    requested = tracker.get_slot("requested_slot") if in_budget_form else None
    answering = in_budget_form and intent not in NOT_AN_ANSWER
    asked = ASKED.get(str(requested)) if answering else None
    events: list[EventType] = []
    crisis_words = bool(assess(message).kinds)
    crisis = intent == "crisis" or crisis_words
    if crisis:
        # Safety first: the numbers come first and the form waits as it was. What the message
        # says of the budget is kept in the snapshot only, without a word about it now.
        quiet = CollectingDispatcher()
        # No household reading when crisis words are there, unless the person speaks of their
        # own ("on dort dans la voiture avec ma copine et notre bébé") and has not given it yet:
        # such a message often speaks of other people ("mon fils adulte", "les enfants du
        # club"), and a household already answered is not changed by it. Read as a crisis by
        # the classifier alone ("je vis seule depuis longtemps, mes enfants sont loin"), the
        # household said is kept.
        known = snapshot_from(tracker)
        household_known = known.adults is not None or known.children is not None
        skip_household = household_known or (crisis_words and not speaks_of_own_household(message))
        kept = _budget(quiet, tracker, message, None, skip_household)
        # With crisis words, the household goes into the snapshot only: the form's question
        # stays as it was (the safety evaluation checks the state is kept).
        snapshot_only = ("budget_snapshot", "budget_known_items", "budget_has_facts") + (
            () if crisis_words else ("budget_household",))
        events += [e for e in kept if e.get("name") in snapshot_only]
    else:
        _side_remarks(dispatcher, tracker, message)
        events += _budget(dispatcher, tracker, message, asked, answering and requested == "budget_household")
    events += _contact(tracker, message, crisis)
    events += _themes_and_flags(tracker, message)
    events += _social_worker(tracker, message)
    return [*events, SlotSet("message_read", reference)]


def _said_before(tracker: Tracker, said: str) -> bool:
    return any(e.get("event") == "bot" and e.get("text") == said for e in tracker.events)


def _side_remarks(dispatcher: CollectingDispatcher, tracker: Tracker, message: str) -> None:
    """What a person says of their feelings or of a stopped maintenance payment is answered
    whatever the assistant was doing (the booking, a question, the choices), once: shame
    first, because it keeps people from asking for help (DOMAIN.md); then the CAF's help with
    an unpaid maintenance payment, which the person would not know to ask about."""
    for said, remark in ((expresses_shame(message), "reflection.shame"),
                         (child_support_unpaid(message), "reflection.child_support")):
        if said and not _said_before(tracker, text(remark)):
            dispatcher.utter_message(text=text(remark))


def _previous_message(tracker: Tracker) -> str:
    """The person's message before the latest one."""
    seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen += 1
            if seen == 2:
                return event.get("text") or ""
    return ""


def _message_reference(tracker: Tracker) -> str | None:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return str(event.get("message_id") or event.get("timestamp"))
    return None


def _budget(dispatcher: CollectingDispatcher, tracker: Tracker, message: str, asked: str | None,
            household_asked: bool) -> list[EventType]:
    before = snapshot_from(tracker)
    snapshot = before
    items: list[str] = []
    adults, children = (None, None) if household_asked else read_household(message)
    household_changed = (adults is not None and adults != before.adults) or (
        children is not None and children != before.children)
    if household_changed:
        snapshot = with_household(snapshot, adults, children)
        items += budget_notes.household_items(adults, children)
    known = frozenset(g for g in SLOT_OF_GROUP if getattr(before, g) is not None)
    reading = read_budget(message, asked, known, _previous_message(tracker))
    snapshot, changes = apply_reading(snapshot, reading, asked)
    if snapshot.to_dict() == before.to_dict():
        return []
    events: list[EventType] = []
    # A question is skipped once its answer is known; a line known in part ("650 € de loyer"
    # for the charges) stays in the snapshot, and its question is still asked.
    if household_changed and snapshot.adults is not None and snapshot.children is not None:
        events.append(SlotSet("budget_household", {"adults": snapshot.adults, "children": snapshot.children}))
    for group, slot in SLOT_OF_GROUP.items():
        new = getattr(snapshot, group)
        old = getattr(before, group)
        answered = group == asked or isinstance(tracker.get_slot(slot), dict) or _complete(group, new)
        if new is not None and (old is None or new.to_dict() != old.to_dict()) and answered:
            events.append(SlotSet(slot, new.to_dict()))
    events += snapshot_events(snapshot)
    # The answer to the question asked needs no comment: the next question follows. Facts
    # given beside it, or outside the questions, are said back so that they can be corrected.
    said_back = [c for c in changes if c.group != asked and c.kind != "refused"]
    items += budget_notes.change_items(said_back)
    corrected = reading.correction and _had_values(before, said_back)
    if items:
        dispatcher.utter_message(text=budget_notes.noted(items, corrected))
    for change in changes:
        if change.kind == "refused":
            dispatcher.utter_message(text=text("budget.skipped") if change.group == asked
                                     else budget_notes.refused(change.group))
    if items and summary_was_shown(tracker) and not asked:
        dispatcher.utter_message(text=summary(snapshot, current_national())[0])
    return events


def _complete(group: str, line: Line | None) -> bool:
    """Whether a line said outside its question answers that question: the charges need a
    total or several lines; one amount is enough for the others."""
    if line is None:
        return False
    if group != "charges" or line.status != "amount":
        return True
    return "other" in line.detail or len(line.detail) >= 3


def _had_values(before: Snapshot, changes: list[Any]) -> bool:
    for change in changes:
        line = getattr(before, change.group)
        if line is not None and line.known:
            return True
    return False


def _contact(tracker: Tracker, message: str, crisis: bool) -> list[EventType]:
    """A phone number or a time to call, said before the booking questions: kept for them.
    `crisis`: the message is a crisis (its wording or its intent)."""
    events: list[EventType] = []
    in_callback_form = (tracker.active_loop or {}).get("name") == "callback_form"
    phone = parse_phone(message)
    if phone is not None and phone.e164 != tracker.get_slot("known_phone"):
        events.append(SlotSet("known_phone", phone.e164))
    name = name_in_message(message)
    if name is not None and name != tracker.get_slot("known_name"):
        events.append(SlotSet("known_name", name))
    if name is not None and in_callback_form and tracker.get_slot("callback_name") is None \
            and tracker.get_slot("requested_slot") != "callback_name":
        # Given with the number ("06 98..., je m'appelle Inès"): the name question is skipped.
        events.append(SlotSet("callback_name", name))
    requested = tracker.get_slot("requested_slot")
    if phone is not None and in_callback_form and requested != "callback_phone":
        # Typed at another booking question: that question stays, the phone one is skipped.
        events.append(SlotSet("callback_phone", phone.e164))
    today: dt.date = local_now(current_ccas()).date()
    # "ah non, plutôt vendredi" at a later booking question: the moment is chosen again.
    later_question = requested in ("callback_phone", "callback_name", "callback_consent")
    if in_callback_form and later_question and not crisis and changes_moment(message, today, requested):
        events.append(SlotSet("callback_time", message))
    talks_of_calling = mentions_callback_time(message, today, latest_intent(tracker),
                                              callback_was_offered(tracker)) or (
        in_callback_form and requested == "callback_time")
    if talks_of_calling:
        constraints = _constraints(message, today, tracker.get_slot("callback_constraints"))
        if constraints != tracker.get_slot("callback_constraints"):
            events.append(SlotSet("callback_constraints", constraints))
    if not in_callback_form and talks_of_calling:
        events.append(SlotSet("callback_wish", message))
    return events


def callback_was_offered(tracker: Tracker) -> bool:
    """Whether the assistant's last turn offered a callback (its button, crisis offer included)."""
    return callback_offered_before(
        (e.get("event"), (e.get("data") or {}).get("buttons") or []) for e in reversed(tracker.events))


def _constraints(message: str, today: dt.date, known: dict[str, Any] | None) -> dict[str, Any] | None:
    """"pas le mercredi", "plutôt le matin", "après 16h": kept for every moment offered later."""
    preference = parse_preference(message, today)
    if preference is None:
        return known
    said = preference.constraints()
    merged = dict(known or {})
    if said["excluded_days"]:
        merged["excluded_days"] = sorted(set(merged.get("excluded_days") or []) | set(said["excluded_days"]))
    if said["part"] and (preference.day is None or days_named(message) > 1):
        # "plutôt le matin", or "le mardi ou le jeudi, mais l'après-midi" then "alors jeudi":
        # still the afternoon. "samedi matin" is that one moment, not a rule for every day.
        merged["part"] = said["part"]
    for bound in ("after", "before"):
        if said[bound]:
            merged[bound] = said[bound]
    return merged or known


def _social_worker(tracker: Tracker, message: str) -> list[EventType]:
    """The answer to the social worker question asked after the booking, whatever its intent."""
    if tracker.get_slot("social_worker") is not None or not social_worker_just_answered(tracker):
        return []
    answer = parse_social_worker(message)
    return [] if answer is None else [SlotSet("social_worker", answer)]


def _themes_and_flags(tracker: Tracker, message: str) -> list[EventType]:
    events: list[EventType] = []
    known = tracker.get_slot("themes") or []
    merged = merge_themes(known, detect_themes(message))
    if merged != known:
        events.append(SlotSet("themes", merged))
    flags = list(tracker.get_slot("urgency_flags") or [])
    new = [u.value for u in detect_urgencies(message) if u.value not in flags]
    if new:
        events.append(SlotSet("urgency_flags", flags + new))
    return events


class ActionReadEveryMessage(Action):
    """Rasa's global slot validation, run after each message."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return read_message(dispatcher, tracker)
