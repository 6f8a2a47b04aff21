"""When the action server cannot be reached, the person still gets an answer.

Rasa 3.6 logs a failed custom action and carries on without a word to the person: they would
write into silence. Here a failed call to the action server (down, restarting, or failing on
its own database) becomes one kind message with the counsellors' direct line and hours. The
person's message is already in the tracker store, so nothing is lost, and the next message is
handled normally once the action server answers again.

Rasa offers no hook for this, so `RemoteAction.run` is wrapped once, when the model's components
are imported (components/__init__.py), in every process that runs the assistant.
"""
from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.exceptions import RasaException

from bot.configuration.ccas import current_ccas, current_national
from bot.reading.safety import assess
from bot.wording import replies
from bot.wording.trouble import trouble_text

logger = logging.getLogger(__name__)

# Within one turn several custom actions may fail (a form's validation, then its question):
# the person is told once per message. Bounded so that it cannot grow with the traffic.
_TOLD: OrderedDict[tuple[str, str], None] = OrderedDict()
_TOLD_MAX = 10_000
CRISIS_ACTION = "action_crisis_support"


def _first_time_for(tracker: Any) -> bool:
    latest = getattr(tracker, "latest_message", None)
    key = (tracker.sender_id, str(getattr(latest, "message_id", None) or len(tracker.events)))
    if key in _TOLD:
        return False
    _TOLD[key] = None
    while len(_TOLD) > _TOLD_MAX:
        _TOLD.popitem(last=False)
    return True


def crisis_first(tracker: Any) -> list[Event]:
    """A crisis still gets its numbers at once: they are computed here, without the action
    server, from the same wording patterns and texts as action_crisis_support."""
    latest = getattr(tracker, "latest_message", None)
    if latest is None:
        return []
    heard = assess(latest.text or "")
    if not heard and (latest.intent or {}).get("name") != "crisis":
        return []
    messages = replies.crisis(list(heard.kinds), current_national(), current_ccas(), heard.indirect_suicide)
    return [BotUttered(text=message) for message in messages]


def apology_events(tracker: Any) -> list[Event]:
    """The kind message, unless this message already got it."""
    if not _first_time_for(tracker):
        return []
    try:
        return [BotUttered(text=trouble_text("actions_down"))]
    except Exception:  # the configuration itself is unreadable: still say something
        logger.exception("could not build the apology")
        return [BotUttered(text="Pardon, un souci technique m'empêche de vous répondre. "
                                "Réessayez dans quelques minutes.")]


def unvalidated_answers_undone(tracker: Any) -> list[Event]:
    """For a form's validation that could not run: put back the slots its candidates would have
    changed. Otherwise Rasa keeps the raw extracted text ("allô ?" as the monthly charges) and
    the form moves on with it.

    `tracker` is the form's temporary tracker: the conversation, then the form's ActionExecuted,
    then one SlotSet per candidate."""
    events = list(tracker.events)
    last_action = max((i for i, e in enumerate(events) if isinstance(e, ActionExecuted)), default=-1)
    candidates = [e.key for e in events[last_action + 1:]
                  if isinstance(e, SlotSet) and e.key != "requested_slot"]
    last_message = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=len(events))
    undone = []
    for key in dict.fromkeys(candidates):
        before = [e.value for e in events[:last_message] if isinstance(e, SlotSet) and e.key == key]
        undone.append(SlotSet(key, before[-1] if before else None))
    return undone


def install() -> None:
    if getattr(RemoteAction.run, "_ccas_fallback", False):
        return
    original = RemoteAction.run

    async def run(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
                  ) -> list[Event]:
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise  # a form saying "not this slot": Rasa's normal path
        except RasaException:
            if self.name() == "action_validate_slot_mappings":
                # Reading every message is a bonus: when the action server is down, the turn
                # goes on as before (the crisis answer, the apology) without it.
                logger.warning("action server did not read the message")
                return []
            logger.warning("action server did not run %s: the person is told", self.name())
            undo = unvalidated_answers_undone(tracker) if self.name().startswith("validate_") else []
            # The crisis numbers are never left out, even when the apology was already given (by
            # a form's validation in the same turn, which Rasa may then discard).
            crisis = crisis_first(tracker) if self.name() == CRISIS_ACTION else []
            return crisis + apology_events(tracker) + undo

    run._ccas_fallback = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[method-assign]
