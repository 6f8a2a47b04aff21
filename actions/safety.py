"""Crisis: the right emergency number at once, an urgency flag for the handover, and what
follows (the line does not answer, "et demain ?", "non" to "are you safe?")."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_intent, latest_text, say_all
from bot.configuration.ccas import current_ccas, current_national
from bot.reading.crisis_followup import Step, reply_for, step_after
from bot.reading.safety import assess
from bot.wording import replies
from bot.wording.texts import callback_buttons

# Flag recorded when the classifier saw a crisis that the patterns do not name.
UNSPECIFIED = "crisis_unspecified"


class ActionCrisisSupport(Action):
    def name(self) -> str:
        return "action_crisis_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        heard = assess(latest_text(tracker))
        kinds = list(heard.kinds)
        say_all(dispatcher, replies.crisis(kinds, current_national(), current_ccas(), heard.indirect_suicide))
        flags = list(tracker.get_slot("urgency_flags") or [])
        for flag in [k.value for k in kinds] or [UNSPECIFIED]:
            if flag not in flags:
                flags.append(flag)
        context = {"kinds": [k.value for k in kinds], "step": Step.ASKED_SAFE.value}
        return [SlotSet("urgency_flags", flags), SlotSet("crisis_context", context)]


class ActionCrisisFollowup(Action):
    """The message right after a crisis answer, read in its light (bot.reading.crisis_followup)."""

    def name(self) -> str:
        return "action_crisis_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        context = dict(tracker.get_slot("crisis_context") or {})
        intent = latest_intent(tracker)
        kinds = list(context.get("kinds") or [])
        reply = reply_for(latest_text(tracker), intent, context.get("step"), kinds[0] if kinds else None)
        form_active = bool((tracker.active_loop or {}).get("name"))
        messages, offer = replies.crisis_followup(
            reply, kinds, current_national(), current_ccas(),
            form_active=form_active, booked=bool(tracker.get_slot("callback_booking_id")),
        )
        say_all(dispatcher, messages[:-1])
        dispatcher.utter_message(text=messages[-1], buttons=callback_buttons() if offer else [])
        step = step_after(reply, context.get("step"), offer)
        return [SlotSet("crisis_context", {**context, "step": step.value})]
