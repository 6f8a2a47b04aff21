"""What an action call adds to the activity figures, read from the conversation as the action
server receives it (the slots before, the events the action returns): a visit started, a
callback booked, new urgencies, themes, who sent the person, arrears, a social worker.

Each is counted once per conversation: only what the call changes is counted (a theme already
in the slot is not counted again)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.activity import counts
from bot.callbacks.states import Outcome
from bot.configuration.ccas import Ccas
from bot.money.budget import LineStatus
from bot.reading.referral import referral_sources

# Read once per message: the action Rasa runs after every message.
EVERY_MESSAGE = "action_validate_slot_mappings"


def _set_slots(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for event in events:
        if event.get("event") == "slot":
            found[event.get("name", "")] = event.get("value")
    return found


def _new_items(before: Any, after: Any) -> list[str]:
    known = set(before or [])
    return [str(item) for item in after or [] if item not in known]


def _late(line: Any) -> bool:
    return isinstance(line, dict) and line.get("status") == LineStatus.AMOUNT \
        and float(line.get("total") or 0) > 0


def seen(action: str, slots: dict[str, Any], events: list[dict[str, Any]], person_said: list[str],
         ccas: Ccas) -> list[tuple[str, str]]:
    """The (measure, value) pairs an action call adds. `person_said`: the person's messages in
    the conversation so far, the latest last (it is read only by EVERY_MESSAGE)."""
    found: list[tuple[str, str]] = []
    if action == "action_session_start":
        found.append((counts.CONVERSATION, ""))
    changed = _set_slots(events)
    after = {**slots, **changed}
    if "urgency_flags" in changed:
        new_flags = _new_items(slots.get("urgency_flags"), changed["urgency_flags"])
        found += [(counts.URGENCY, flag) for flag in new_flags]
    if "themes" in changed:
        found += [(counts.THEME, theme) for theme in _new_items(slots.get("themes"), changed["themes"])]
    if "budget_arrears" in changed and _late(changed["budget_arrears"]) \
            and not _late(slots.get("budget_arrears")):
        found.append((counts.ARREARS, ""))
    # A callback is booked as soon as the moment and the number are known (callback_reserved),
    # or at the last answer when it could not be booked early.
    reserved_now = changed.get("callback_reserved") and not slots.get("callback_reserved")
    booked_at_last = changed.get("callback_outcome") == Outcome.BOOKED \
        and slots.get("callback_outcome") != Outcome.BOOKED and not after.get("callback_reserved")
    if reserved_now or booked_at_last:
        found.append((counts.BOOKED, "urgent" if after.get("urgency_flags") else ""))
    if changed.get("social_worker") in ("yes", "no") and slots.get("social_worker") is None:
        found.append((counts.SOCIAL_WORKER, changed["social_worker"]))
    if action == EVERY_MESSAGE and person_said:
        # Who the latest message names, unless an earlier message of the visit named them.
        partners = ccas.partners + ccas.referrers
        now = referral_sources(person_said[-1:], partners)
        before = set(referral_sources(person_said[:-1], partners)) if now else set()
        found += [(counts.REFERRAL, source) for source in now if source not in before]
    return found
