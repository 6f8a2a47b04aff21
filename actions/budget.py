"""Budget snapshot: the form's answers read by bot/, corrections, and the summary."""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_text, say_all
from bot.amounts import Answer, Kind, format_euros, labels_in, parse_answer
from bot.budget import GROUPS, Line, Snapshot, group_of, needs_help, summary
from bot.ccas import current_national
from bot.household import Household, parse_household
from bot.textnorm import normalize
from bot.texts import text

SLOT_OF_GROUP = {group: f"budget_{group}" for group in GROUPS}
# An answer that starts like this corrects an earlier one: "non, mon loyer c'est 700".
_CORRECTION = re.compile(
    r"^(?:non|nan|en fait|pardon|correction|je me suis trompee?|plutot|finalement|attention)\b"
    r"|\bje me suis trompee?\b|\bpas \d+ mais\b|\bcorrig"
)
MAX_FAILURES = 2
CALLBACK_BUTTONS = [
    {"title": "Oui, être rappelé·e", "payload": "/request_human"},
    {"title": "Non merci", "payload": "/deny"},
]


def corrections(
    message: str, answer: Answer, current_group: str | None, tracker: Tracker
) -> dict[str, Any]:
    """Slots to update when `message` (read as `answer`) corrects a line answered earlier.

    With no current question (at the summary) every named line is a correction; during the
    form, only when the message says so ("non", "en fait"...).
    """
    if current_group is not None and not _CORRECTION.search(normalize(message)):
        return {}
    updates: dict[str, Any] = {}
    for amount in answer.amounts:
        group = group_of(amount.label)
        if group is None or group == current_group:
            continue
        slot = SLOT_OF_GROUP[group]
        line = Line.from_dict(updates.get(slot) or _line_slot(tracker, slot)) or Line(status="skip")
        updates[slot] = line.corrected(amount.label, amount.monthly).to_dict()
    return updates


def _line_slot(tracker: Tracker, slot: str) -> dict[str, Any] | None:
    value = tracker.get_slot(slot)
    return value if isinstance(value, dict) else None


def announce_corrections(dispatcher: CollectingDispatcher, answer: Answer, updates: dict[str, Any]) -> None:
    for amount in answer.amounts:
        if amount.label and SLOT_OF_GROUP.get(group_of(amount.label) or "") in updates:
            dispatcher.utter_message(text=text(
                "budget.corrected", line=text(f"budget.line_names.{amount.label}"),
                amount=format_euros(amount.monthly),
            ))


def snapshot_from(tracker: Tracker, overrides: dict[str, Any] | None = None) -> Snapshot:
    """The snapshot from the form's slots, with `overrides` (slot -> line) not yet set."""
    overrides = overrides or {}
    household = _line_slot(tracker, "budget_household") or {}
    return Snapshot.from_dict({
        "adults": household.get("adults"), "children": household.get("children"),
        **{group: overrides.get(slot) or _line_slot(tracker, slot) for group, slot in SLOT_OF_GROUP.items()},
    })


class ValidateBudgetForm(FormValidationAction):
    def name(self) -> str:
        return "validate_budget_form"

    def _failures(self, tracker: Tracker) -> dict[str, int]:
        return dict(tracker.get_slot("budget_failures") or {})

    def _not_understood(
        self, slot: str, example: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        failures = self._failures(tracker)
        failures[slot] = failures.get(slot, 0) + 1
        if failures[slot] >= MAX_FAILURES:
            # Never ask the same question a third time: the snapshot is rough on purpose.
            dispatcher.utter_message(text=text("budget.skipped_after_failures"))
            return {slot: Line(status="not_understood").to_dict(), "budget_failures": failures}
        dispatcher.utter_message(text=text(f"budget.ask_again.{example}"))
        return {slot: None, "budget_failures": failures}

    async def validate_budget_household(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        result = parse_household(str(value))
        if isinstance(result, Household):
            return {"budget_household": {"adults": result.adults, "children": result.children}}
        if result == Kind.SKIP:
            dispatcher.utter_message(text=text("budget.skipped"))
            return {"budget_household": {"status": "skip"}}
        return self._not_understood("budget_household", "household", dispatcher, tracker)

    def _validate_amount(
        self, group: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        slot = SLOT_OF_GROUP[group]
        message = str(value)
        answer = parse_answer(message)
        updates = corrections(message, answer, group, tracker)
        if updates:
            announce_corrections(dispatcher, answer, updates)
            own = [a for a in answer.amounts if group_of(a.label) in (group, None)]
            if not own:
                # Only a correction: ask this question again, without counting a failure.
                return {**updates, slot: None}
        if answer.kind == Kind.UNKNOWN:
            bills = labels_in(message) if group == "arrears" else []
            if bills:
                # "le loyer et l'électricité": which bills, without an amount, is worth keeping.
                line = Line(status="skip", detail={label: 0.0 for label in bills})
                return {**updates, slot: line.to_dict()}
            return {**updates, **self._not_understood(slot, "amount", dispatcher, tracker)}
        if answer.kind == Kind.SKIP:
            dispatcher.utter_message(text=text("budget.skipped"))
        return {**updates, slot: Line.from_answer(answer, group).to_dict()}

    async def validate_budget_income(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._validate_amount("income", value, dispatcher, tracker)

    async def validate_budget_charges(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._validate_amount("charges", value, dispatcher, tracker)

    async def validate_budget_loans(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._validate_amount("loans", value, dispatcher, tracker)

    async def validate_budget_arrears(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._validate_amount("arrears", value, dispatcher, tracker)


def snapshot_event(snapshot: Snapshot) -> SlotSet:
    """The snapshot and its derived figures, kept in the conversation for the handover."""
    return SlotSet("budget_snapshot", {
        **snapshot.to_dict(),
        "left_to_live": snapshot.left_to_live,
        "debt_ratio": snapshot.debt_ratio,
        "needs_help": needs_help(snapshot, current_national()),
    })


def _show_summary(dispatcher: CollectingDispatcher, snapshot: Snapshot) -> None:
    national = current_national()
    messages = summary(snapshot, national)
    say_all(dispatcher, [messages[0], text("budget.summary.correct_hint"), *messages[1:-1]])
    # The last message asks whether a counsellor should call back.
    dispatcher.utter_message(text=messages[-1], buttons=CALLBACK_BUTTONS)


class ActionBudgetSummary(Action):
    def name(self) -> str:
        return "action_budget_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        snapshot = snapshot_from(tracker)
        _show_summary(dispatcher, snapshot)
        return [snapshot_event(snapshot)]


class ActionBudgetCorrect(Action):
    """After the summary: apply "non, mon loyer c'est 700" and show the summary again."""

    def name(self) -> str:
        return "action_budget_correct"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = latest_text(tracker)
        answer = parse_answer(message)
        updates = corrections(message, answer, None, tracker)
        if not updates:
            dispatcher.utter_message(text=text("budget.nothing_to_correct"))
            return []
        announce_corrections(dispatcher, answer, updates)
        snapshot = snapshot_from(tracker, updates)
        _show_summary(dispatcher, snapshot)
        events: list[EventType] = [SlotSet(slot, value) for slot, value in updates.items()]
        events.append(snapshot_event(snapshot))
        return events
