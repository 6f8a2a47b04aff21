"""Session start: welcome (automated assistant, free, confidential) and CCAS facts as slots."""
from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date
from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, BotUttered, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import replies
from bot.ccas import current_ccas, current_national
from bot.schedule import format_weekly_hours

# What a person said before stays known in a new session (for the handover), but not the
# state of the dialogue itself.
CARRIED_OVER_SLOTS = ("themes", "urgency_flags")


def _day_month(month_day: tuple[int, int]) -> str:
    text = format_date(dt.date(2000, *month_day), "d MMMM", locale="fr_FR")
    return text.replace("1 ", "1er ", 1) if text.startswith("1 ") else text


def ccas_slots() -> list[SlotSet]:
    ccas, national = current_ccas(), current_national()
    truce = f"du {_day_month(national.winter_truce_start)} au {_day_month(national.winter_truce_end)}"
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
