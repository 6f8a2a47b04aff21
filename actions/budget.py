"""Budget snapshot: the form's answers read by bot/, corrections, and the summary."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_intent, say_all
from actions.forms import CountingForm
from bot.configuration.ccas import current_national
from bot.money import budget_notes
from bot.money.budget import GROUPS, Change, Line, LineStatus, Snapshot, needs_help, resolve_pending, summary
from bot.reading.amounts import Kind, labels_in, parse_answer
from bot.reading.household import Household, children_answer, parse_household
from bot.wording.formats import join_fr
from bot.wording.texts import callback_buttons, text

SLOT_OF_GROUP = {group: f"budget_{group}" for group in GROUPS}
MAX_FAILURES = 2


def _line_slot(tracker: Tracker, slot: str) -> dict[str, Any] | None:
    value = tracker.get_slot(slot)
    return value if isinstance(value, dict) else None


def snapshot_from(tracker: Tracker, overrides: dict[str, Any] | None = None) -> Snapshot:
    """The snapshot kept in `budget_snapshot` (every message and every answer updates it),
    completed by the form's answers, with `overrides` (slot -> value) not yet set.

    The form's slots say which questions need no asking; the snapshot holds what is known,
    including a line known only in part ("650 € de loyer" before the charges question).
    """
    overrides = overrides or {}
    kept = _line_slot(tracker, "budget_snapshot") or {}
    household = overrides.get("budget_household") or _line_slot(tracker, "budget_household") or {}
    adults = household.get("adults") if "budget_household" in overrides else kept.get("adults")
    children = household.get("children") if "budget_household" in overrides else kept.get("children")
    return Snapshot.from_dict({
        "adults": adults if adults is not None else household.get("adults"),
        "children": children if children is not None else household.get("children"),
        **{group: overrides.get(slot) or kept.get(group) or _line_slot(tracker, slot)
           for group, slot in SLOT_OF_GROUP.items()},
        "pending_months": kept.get("pending_months"),
        "counted_months": kept.get("counted_months"),
    })


def with_snapshot(tracker: Tracker, updates: dict[str, Any]) -> dict[str, Any]:
    """Form answers (`updates`) with the snapshot they change, for a validation result."""
    lines = {k: v for k, v in updates.items()
             if isinstance(v, dict) and k in (*SLOT_OF_GROUP.values(), "budget_household")}
    if not lines:
        return updates
    snapshot = resolve_pending(snapshot_from(tracker, lines))
    return {**updates, **{e["name"]: e["value"] for e in snapshot_events(snapshot)}}


def _agrees_to_go_on(tracker: Tracker) -> bool:
    """A yes or "on fait le point" where an answer was expected: the person goes along."""
    return latest_intent(tracker) in ("affirm", "request_snapshot")


def _answered_elsewhere(tracker: Tracker, slot: str) -> bool:
    """Whether the latest message changed another part of the snapshot than `slot`."""
    return any(name != slot for name in budget_changed_by_latest_message(tracker))


def budget_changed_by_latest_message(tracker: Tracker) -> list[str]:
    """Budget slots set since the person's latest message (by actions/understanding.py)."""
    changed: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        budget_slots = (*SLOT_OF_GROUP.values(), "budget_household")
        if (event.get("event") == "slot" and event.get("name") in budget_slots
                and isinstance(event.get("value"), dict)):
            # Raw answers (text) are the form's own; read lines are dictionaries.
            changed.append(event["name"])
    return changed


def _welcome_a_thanks(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"d'accord merci" where an answer was expected: a courtesy, answered as one, not a failed
    answer. Whether the latest message was a thanks."""
    if latest_intent(tracker) != "thank":
        return False
    dispatcher.utter_message(text=text("budget.welcome"))
    return True


def wants_callback_now(tracker: Tracker) -> bool:
    """Whether the latest message, during the budget questions, asks to be called: a time to
    call ("mercredi matin"), a phone number, "rappelez-moi mardi". The questions then stop
    (what is known is kept) and the booking starts."""
    if latest_intent(tracker) in ("change_callback", "request_human"):
        return True
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") in ("callback_wish", "known_phone") \
                and event.get("value"):
            return True
    return False


class ValidateBudgetForm(CountingForm):
    failures_slot = "budget_failures"
    default_max = MAX_FAILURES

    def name(self) -> str:
        return "validate_budget_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if wants_callback_now(tracker):
            return []
        return domain_slots

    def _not_understood(
        self, slot: str, example: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        failures, too_many = self.count_failure(slot, tracker)
        if too_many:
            # Never ask the same question a third time: the snapshot is rough on purpose.
            dispatcher.utter_message(text=text("budget.skipped_after_failures"))
            return {slot: Line(status=LineStatus.NOT_UNDERSTOOD).to_dict(), "budget_failures": failures}
        if not _agrees_to_go_on(tracker):
            dispatcher.utter_message(text=text(f"budget.ask_again.{example}"))
        # else "vas-y, on fait le point" at a question: no "pardon", the question again (counted,
        # so that it cannot come back forever).
        return {slot: None, "budget_failures": failures}

    async def validate_budget_household(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if isinstance(value, dict):
            return {"budget_household": value}
        if wants_callback_now(tracker):
            return {"budget_household": None}
        adults = snapshot_from(tracker).adults
        if adults is not None:
            # Only the children were asked about (action_ask_budget_household). Answered with
            # other facts ("loyer 530, tel 15"), the question comes once more, without an
            # apology; otherwise it is not asked again: the adults are known.
            children = children_answer(str(value))
            failures = self.failures(tracker)
            if children is None and _answered_elsewhere(tracker, "budget_household") \
                    and failures.get("budget_household", 0) < 1:
                failures["budget_household"] = failures.get("budget_household", 0) + 1
                return {"budget_household": None, "budget_failures": failures}
            if children is None:
                _welcome_a_thanks(dispatcher, tracker)
            return with_snapshot(tracker, {"budget_household": {"adults": adults, "children": children}})
        result = parse_household(str(value))
        if isinstance(result, Household):
            household = {"adults": result.adults, "children": result.children}
            return with_snapshot(tracker, {"budget_household": household})
        if result == Kind.SKIP:
            dispatcher.utter_message(text=text("budget.skipped"))
            return {"budget_household": {"status": LineStatus.SKIP.value}}
        if _welcome_a_thanks(dispatcher, tracker):
            return {"budget_household": None}
        if _answered_elsewhere(tracker, "budget_household"):
            # "loyer 850, crédit 280" at this question: kept where they belong (and said back);
            # the household is asked again, without an apology or a failure counted.
            return {"budget_household": None}
        return self._not_understood("budget_household", "household", dispatcher, tracker)

    def _validate_amount(
        self, group: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        slot = SLOT_OF_GROUP[group]
        if isinstance(value, dict):
            return {slot: value}  # read by action_validate_slot_mappings (actions/understanding.py)
        if wants_callback_now(tracker):
            return {slot: None}  # not an answer: the booking starts (required_slots)
        message = str(value)
        answer = parse_answer(message)
        updates: dict[str, Any] = {}
        if _answered_elsewhere(tracker, slot):
            # "j'ai oublié, mon loyer c'est 700" at this question: the other line was kept;
            # this question is asked again, without counting a failure.
            return {slot: None}
        if answer.kind == Kind.UNKNOWN and _welcome_a_thanks(dispatcher, tracker):
            return {slot: None}
        if answer.kind == Kind.UNKNOWN:
            bills = labels_in(message) if group == "arrears" else []
            if bills:
                # "le loyer et l'électricité": which bills, without an amount, is worth keeping.
                line = Line(status=LineStatus.SKIP, detail={label: 0.0 for label in bills})
                return with_snapshot(tracker, {**updates, slot: line.to_dict()})
            failed = self._not_understood(slot, "amount", dispatcher, tracker)
            return with_snapshot(tracker, {**updates, **failed})
        known = snapshot_from(tracker)
        current = getattr(known, group)
        told = current is not None and current.status == LineStatus.AMOUNT
        if answer.kind in (Kind.ZERO, Kind.SKIP) and current is not None and told:
            # "non" to "d'autres dépenses ?": what was said before stands.
            return with_snapshot(tracker, {**updates, slot: current.to_dict()})
        if answer.kind == Kind.SKIP:
            dispatcher.utter_message(text=text("budget.skipped"))
        line = Line.from_answer(answer, group)
        if line.status == LineStatus.AMOUNT and current is not None and current.status == LineStatus.AMOUNT:
            # Part of this line was said before the question ("650 € de loyer"): the answer
            # gives the rest.
            merged = dict(current.detail)
            for label, amount in line.detail.items():
                merged[label] = round(merged.get(label, 0.0) + amount, 2) if label == "other" else amount
            line = Line(status=LineStatus.AMOUNT, total=round(sum(merged.values()), 2),
                        approximate=line.approximate or current.approximate, detail=merged)
        return with_snapshot(tracker, {**updates, slot: line.to_dict()})

    async def validate_budget_income(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._validate_amount("income", value, dispatcher, tracker)

    async def validate_budget_charges(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._validate_amount("charges", value, dispatcher, tracker)

    async def validate_budget_loans(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._validate_amount("loans", value, dispatcher, tracker)

    async def validate_budget_arrears(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._validate_amount("arrears", value, dispatcher, tracker)


def snapshot_events(snapshot: Snapshot) -> list[EventType]:
    """The snapshot and its derived figures, kept in the conversation for the handover, and
    what is known of it in words, for the start of the budget questions."""
    items = budget_notes.known_items(snapshot)
    return [
        SlotSet("budget_snapshot", {
            **snapshot.to_dict(),
            "left_to_live": snapshot.left_to_live,
            "debt_ratio": snapshot.debt_ratio,
            "needs_help": needs_help(snapshot, current_national()),
        }),
        SlotSet("budget_known_items", join_fr(items) if items else None),
        SlotSet("budget_has_facts", bool(items)),
    ]


def _show_summary(dispatcher: CollectingDispatcher, snapshot: Snapshot) -> None:
    national = current_national()
    messages = summary(snapshot, national)
    say_all(dispatcher, [messages[0], text("budget.summary.correct_hint"), *messages[1:-1]])
    # The last message asks whether a counsellor should call back.
    dispatcher.utter_message(text=messages[-1], buttons=callback_buttons())


class ActionBudgetSummary(Action):
    def name(self) -> str:
        return "action_budget_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        snapshot = snapshot_from(tracker)
        if wants_callback_now(tracker):
            # The person asked to be called in the middle of the questions: what is known is
            # said back, and the booking starts at once.
            messages = summary(snapshot, current_national())
            say_all(dispatcher, [messages[0], text("budget.summary.correct_hint")])
            return [*snapshot_events(snapshot), FollowupAction("action_offer_callback")]
        _show_summary(dispatcher, snapshot)
        return snapshot_events(snapshot)


class ActionBudgetCorrect(Action):
    """After the summary, a message that is not a yes: a correction was applied and said by
    actions/understanding.py; ask again whether a counsellor should call, or just listen."""

    def name(self) -> str:
        return "action_budget_correct"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if not budget_changed_by_latest_message(tracker):
            dispatcher.utter_message(response="utter_ok_stay_here")
            return []
        dispatcher.utter_message(text=text("budget.callback_after_correction"), buttons=callback_buttons())
        return []


class ActionAskBudgetHousehold(Action):
    """The household question; when the adults are known ("je vis seule", "avec mon mari"),
    only the children are asked about."""

    def name(self) -> str:
        return "action_ask_budget_household"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        adults = snapshot_from(tracker).adults
        if adults is not None:
            items = budget_notes.household_items(adults, None)
            dispatcher.utter_message(text=text("budget.ask_children", items=join_fr(items)))
        else:
            dispatcher.utter_message(response="utter_ask_budget_household")
        return []


class ActionAskBudgetCharges(Action):
    """The charges question; when some charges were said before, it names them and asks for
    the others (the answer is added to them)."""

    def name(self) -> str:
        return "action_ask_budget_charges"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        charges = snapshot_from(tracker).charges
        if charges is not None and charges.status == LineStatus.AMOUNT and charges.detail:
            items = budget_notes.change_items(
                [Change("charges", label, value, "set") for label, value in charges.detail.items()])
            dispatcher.utter_message(text=text("budget.ask_other_charges", items=join_fr(items)))
        else:
            dispatcher.utter_message(response="utter_ask_budget_charges")
        return []
