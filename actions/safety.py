"""Crisis: the right emergency number at once, and an urgency flag for the handover."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_text, say_all
from bot import replies
from bot.ccas import current_ccas, current_national
from bot.safety import detect_crises

# Flag recorded when the classifier saw a crisis that the explicit patterns do not name.
UNSPECIFIED = "crisis_unspecified"


class ActionCrisisSupport(Action):
    def name(self) -> str:
        return "action_crisis_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        kinds = detect_crises(latest_text(tracker))
        say_all(dispatcher, replies.crisis(kinds, current_national(), current_ccas()))
        flags = list(tracker.get_slot("urgency_flags") or [])
        for flag in [k.value for k in kinds] or [UNSPECIFIED]:
            if flag not in flags:
                flags.append(flag)
        return [SlotSet("urgency_flags", flags)]
