"""Session start: welcome (automated assistant, free, confidential) and CCAS facts as slots."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, BotUttered, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.callbacks.schedule import format_weekly_hours
from bot.configuration.ccas import current_ccas, current_national
from bot.wording import replies
from bot.wording.formats import format_day_month_fr

# What a person said before stays known in a new session (for the handover), but not the
# state of the dialogue itself.
CARRIED_OVER_SLOTS = ("themes", "urgency_flags")


def ccas_slots() -> list[SlotSet]:
    ccas, national = current_ccas(), current_national()
    start, end = national.winter_truce_start, national.winter_truce_end
    truce = f"du {format_day_month_fr(start)} au {format_day_month_fr(end)}"
    return [
        SlotSet("ccas_name", ccas.name),
        SlotSet("ccas_city", ccas.city),
        SlotSet("ccas_phone", ccas.phone),
        SlotSet("ccas_hours", format_weekly_hours(ccas)),
        # The Banque de France line is given with its hours.
        SlotSet("bdf_phone", f"{national.banque_de_france_phone}, {national.banque_de_france_hours}"
                if national.banque_de_france_hours else national.banque_de_france_phone),
        SlotSet("unpaid_rent_phone", national.unpaid_rent_phone),
        SlotSet("truce_period", truce),
        SlotSet("energy_info_phone", national.energy_info_phone),
    ]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        events.extend(
            SlotSet(name, tracker.get_slot(name))
            for name in CARRIED_OVER_SLOTS
            if tracker.get_slot(name) is not None
        )
        events.extend(ccas_slots())
        # Returned as events (not through the dispatcher) so they come after SessionStarted.
        events.extend(BotUttered(text=message) for message in replies.welcome(current_ccas()))
        events.append(ActionExecuted("action_listen"))
        return events
