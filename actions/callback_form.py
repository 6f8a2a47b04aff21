"""The booking questions (callback_form): the moment, the phone number, the name, the consent
to share the conversation. Reading the answers, choosing the moment, the booking itself and
the wording live in bot/; these adapters read the conversation and say the result."""
from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.budget import budget_changed_by_latest_message
from actions.common import bot_turns, latest_intent, say_message
from actions.forms import CountingForm
from bot.callbacks import bookings, reservation
from bot.callbacks.bookings import SlotFull
from bot.callbacks.reservation import Answers
from bot.callbacks.schedule import local_now
from bot.callbacks.slot_choice import (
    Picked,
    choose,
    choose_among,
    choose_keeping_day,
    first_offer_of_their_day,
    fitting,
    late_bound,
    reason_of,
    slot_phrase,
    spread_offers,
)
from bot.callbacks.states import Outcome
from bot.configuration.ccas import current_ccas
from bot.reading.callback_wish import changes_moment
from bot.reading.consent import parse_consent, speaks_of_reading
from bot.reading.phone import parse_phone, refuses_phone
from bot.reading.pseudonym import name_from_answer
from bot.storage.db import is_transient
from bot.wording import callback_texts
from bot.wording.callback_texts import BUDGET_KEPT, PHONE_KEPT, SLOT_TAKEN
from bot.wording.formats import format_moment_fr, format_time_fr
from bot.wording.texts import text
from bot.wording.trouble import trouble_text

FORM_SLOTS = ("callback_time", "callback_phone", "callback_name", "callback_consent")


def channel_of(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "rest"


def offered_moments(tracker: Tracker) -> list[dt.datetime]:
    return [dt.datetime.fromisoformat(s) for s in tracker.get_slot("callback_offers") or []]


def isoformats(moments: list[dt.datetime] | tuple[dt.datetime, ...]) -> list[str]:
    return [s.isoformat() for s in moments]


def _says_when(message: str, asked: str | None = None) -> bool:
    """Whether a message typed at another booking question is a change of moment."""
    return changes_moment(message, local_now(current_ccas()).date(), asked)


def moment_chosen(value: Any) -> dt.datetime | None:
    """The moment chosen, or None while the slot holds words still to be matched to one."""
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def answers_in(slots: dict[str, Any]) -> Answers:
    moving, reserved = slots.get("callback_moving"), slots.get("callback_reserved")
    return Answers(phone=slots["callback_phone"], name=slots.get("callback_name") or None,
                   consent=bool(slots.get("callback_consent")),
                   moving=int(moving) if moving else None, reserved=int(reserved) if reserved else None)


def _without_requested_slot(events: list[EventType], *also: str) -> list[EventType]:
    return [e for e in events if e.get("name") not in ("requested_slot", *also)]


def _taken_meanwhile(start: dt.datetime) -> list[EventType]:
    """Someone took the last place a moment ago: another moment is asked, the rest kept."""
    others = spread_offers([s for s in reservation.free_moments(current_ccas()) if s != start])
    return [SlotSet("callback_time", None), SlotSet("callback_time_reason", {"outcome": SLOT_TAKEN}),
            SlotSet("callback_offers", isoformats(others)), SlotSet("requested_slot", "callback_time")]


class ValidateCallbackForm(CountingForm):
    failures_slot = "callback_failures"
    max_failures = {"callback_time": 3, "callback_phone": 3, "callback_name": 2, "callback_consent": 2}

    def name(self) -> str:
        return "validate_callback_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("callback_outcome"):
            return []  # booked, or given up: the form ends
        if tracker.get_slot("callback_moving"):
            return ["callback_time"]
        return list(FORM_SLOTS)

    async def validate_callback_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"callback_time": None}  # cleared when the booking starts: nothing to check
        ccas = current_ccas()
        free = reservation.free_moments(ccas)
        if not free:
            return {"callback_time": None, "callback_outcome": Outcome.UNAVAILABLE.value}
        said = str(value)
        offered = offered_moments(tracker)
        clicked = next((s for s in offered if slot_phrase(s) == said.strip()), None)
        if clicked is not None and clicked not in free:
            # The button was right when shown; someone has taken the last place since.
            others = spread_offers([s for s in free if s != clicked])
            return {"callback_time": None, "callback_time_reason": {"outcome": SLOT_TAKEN},
                    "callback_offers": isoformats(others)}
        now = local_now(ccas)
        suitable = fitting(free, tracker.get_slot("callback_constraints"))
        later_question = tracker.get_slot("requested_slot") not in (None, "callback_time")
        reserved = reservation.active_booking(tracker.sender_id, ccas) if later_question else None
        # "10h" at the name question, after "mercredi matin" was reserved: Wednesday at 10.
        choice = choose_among(said, offered, free, now) or (
            choose(said, suitable, now, ccas) if reserved is None else choose_keeping_day(
                said, suitable, bookings.slot_start_of(reserved).astimezone(ccas.timezone), now, ccas))
        if choice.outcome == Picked.CHOSEN and choice.slot is not None:
            local = choice.slot.astimezone(ccas.timezone)
            if choice.time is not None and local.time() != choice.time:
                # "jeudi 15h" and 15 h is taken: the nearest free moment, said as such.
                dispatcher.utter_message(text=text("callback.nearest_time", asked=format_time_fr(choice.time),
                                                   moment=format_moment_fr(local, now, full=True)))
            if later_question and not tracker.get_slot("callback_reserved"):
                # Changed at a later question: said back, before that question comes again.
                dispatcher.utter_message(text=text("callback.moment_changed",
                                                   moment=format_moment_fr(local, now, full=True)))
            return {"callback_time": choice.slot.isoformat(), "callback_time_reason": None,
                    "callback_offers": None}
        if choice.outcome == Picked.NOT_UNDERSTOOD and parse_phone(said) is not None:
            # A phone number typed at the time question is kept (actions/understanding.py).
            first_of_day = first_offer_of_their_day(tracker.get_slot("callback_time_reason"), offered, free)
            if first_of_day is not None:
                # "vendredi", the moments of Friday offered, then the number: the person has given
                # their day and moves on; the first free moment of it is taken, and said.
                local = first_of_day.astimezone(ccas.timezone)
                dispatcher.utter_message(text=text("callback.first_of_day",
                                                   moment=format_moment_fr(local, now, full=True)))
                return {"callback_time": first_of_day.isoformat(), "callback_time_reason": None,
                        "callback_offers": None}
            # Otherwise the question is asked again without counting a failure.
            return {"callback_time": None, "callback_time_reason": {"outcome": PHONE_KEPT},
                    "callback_offers": isoformats(offered) or None}
        if choice.outcome == Picked.NOT_UNDERSTOOD and budget_changed_by_latest_message(tracker):
            # "loyer 620, énergie 80" at the time question: the figures are kept (and said back),
            # the question comes again, without an apology or a failure counted.
            return {"callback_time": None, "callback_time_reason": {"outcome": BUDGET_KEPT},
                    "callback_offers": isoformats(offered) or None}
        updates: dict[str, Any] = {}
        if choice.outcome == Picked.NOT_UNDERSTOOD:
            failures, too_many = self.count_failure("callback_time", tracker)
            updates["callback_failures"] = failures
            if too_many:
                return {**updates, "callback_time": None, "callback_outcome": Outcome.GAVE_UP.value}
        reason = reason_of(choice)
        late = late_bound(said, now, ccas) if choice.outcome == Picked.NONE_FIT else None
        if late is not None:
            # "un soir après 18h ?": nothing fits because it is after the counsellors' day.
            reason = {"outcome": Picked.NOT_AT_TIME.value, "day": reason["day"], "time": late.isoformat()}
        return {**updates, "callback_time": None, "callback_time_reason": reason,
                "callback_offers": isoformats(choice.offers)}

    async def validate_callback_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"callback_phone": None}  # cleared when the booking starts: nothing to check
        phone = parse_phone(str(value))
        if phone is not None:
            return {"callback_phone": phone.e164}
        if _says_when(str(value), "callback_phone"):
            return {"callback_phone": None}  # a new moment (actions/understanding.py); asked again
        if refuses_phone(str(value)):
            return {"callback_phone": None, "callback_outcome": Outcome.NO_PHONE.value}
        if budget_changed_by_latest_message(tracker):
            # Figures given at the phone question: kept and said back; the question comes again.
            return {"callback_phone": None}
        failures, too_many = self.count_failure("callback_phone", tracker)
        if too_many:
            return {"callback_phone": None, "callback_failures": failures,
                    "callback_outcome": Outcome.GAVE_UP.value}
        dispatcher.utter_message(text=text("callback.phone_again"))
        return {"callback_phone": None, "callback_failures": failures}

    async def validate_callback_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"callback_name": None}  # cleared when the booking starts: nothing to check
        if value == "":
            return {"callback_name": ""}  # kept from the booking being moved: none was given
        if _says_when(str(value)):
            return {"callback_name": None}  # "plutôt vendredi" is a new moment, not a name
        if speaks_of_reading(str(value)):
            # "oui elle peut lire": the next question answered first; the name was optional.
            consent = parse_consent(str(value))
            if consent is not None:
                return {"callback_name": "", "callback_consent": consent}
        pseudonym = name_from_answer(str(value))
        if pseudonym is not None:
            return {"callback_name": pseudonym.value or ""}
        failures, too_many = self.count_failure("callback_name", tracker)
        if too_many:
            return {"callback_name": "", "callback_failures": failures}  # it was optional anyway
        dispatcher.utter_message(text=text("callback.name_again"), buttons=callback_texts.skip_name_buttons())
        return {"callback_name": None, "callback_failures": failures}

    async def validate_callback_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"callback_consent": None}  # cleared when the booking starts: nothing to check
        if isinstance(value, bool):
            return {"callback_consent": value}
        if _says_when(str(value)):
            return {"callback_consent": None}
        consent = parse_consent(str(value), latest_intent(tracker))
        if consent is not None:
            return {"callback_consent": consent}
        if budget_changed_by_latest_message(tracker):
            # "c'est surtout le crédit de la moto, 230" at this question: kept and said back; the
            # question comes again (action_ask_callback_consent), without "pardon" or a failure.
            return {"callback_consent": None}
        failures, too_many = self.count_failure("callback_consent", tracker)
        if too_many:
            # Sharing needs a clear yes: without one, nothing is shared.
            dispatcher.utter_message(text=text("callback.consent_defaulted"))
            return {"callback_consent": False, "callback_failures": failures}
        dispatcher.utter_message(text=text("callback.consent_again"),
                                 buttons=callback_texts.consent_buttons())
        return {"callback_consent": None, "callback_failures": failures}

    async def _reserve_early(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Once the moment and the phone number are known, the callback is booked: a person
        who leaves before the last (optional) questions is still called. The name and the
        consent to share the conversation are added when given; until then nothing is shared."""
        slots = tracker.slots
        if slots.get("callback_moving") or not (slots.get("callback_time") and slots.get("callback_phone")):
            return []
        ccas = current_ccas()
        start = moment_chosen(slots["callback_time"])
        if start is None:
            return []  # a moment said, not yet checked against the free slots
        if slots.get("callback_reserved") and slots.get("callback_reserved_at") == start.isoformat():
            return []  # already booked at this moment
        early = answers_in({**slots, "callback_name": None, "callback_consent": False})
        try:
            booking, _ = await asyncio.to_thread(
                reservation.take, tracker.sender_id, channel_of(tracker), early, start, ccas)
        except SlotFull:
            return _taken_meanwhile(start)
        except Exception as error:
            if not is_transient(error):
                raise
            return []  # tried again once every answer is in
        dispatcher.utter_message(text=text(
            "callback.reserved_moved" if slots.get("callback_reserved") else "callback.reserved",
            moment=callback_texts.moment_of(booking, ccas)))
        return [SlotSet("callback_reserved", booking.id), SlotSet("callback_reserved_at", start.isoformat())]

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        # super().run has applied the validated values to tracker.slots.
        slots = tracker.slots
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        if slots.get("callback_outcome") or not required:
            return events
        if any(slots.get(s) is None for s in required):
            early = await self._reserve_early(dispatcher, tracker)
            if slots.get("callback_reserved") and slots.get("callback_name") is not None:
                await asyncio.to_thread(reservation.note_name, int(slots["callback_reserved"]),
                                        slots["callback_name"])
            return events + early
        ccas = current_ccas()
        start = moment_chosen(slots["callback_time"])
        if start is None:  # words never matched to a slot: the moment is asked again
            return _without_requested_slot(events) + [
                SlotSet("callback_time", None), SlotSet("requested_slot", "callback_time")]
        try:
            booking, outcome = await asyncio.to_thread(
                reservation.take, tracker.sender_id, channel_of(tracker), answers_in(slots), start, ccas)
        except SlotFull:
            return _without_requested_slot(events) + _taken_meanwhile(start)
        except LookupError:
            # The callback being moved was cancelled meanwhile (by a counsellor, say): book anew.
            return _without_requested_slot(events) + [
                SlotSet("callback_moving", None), SlotSet("requested_slot", "callback_phone"),
            ]
        except Exception as error:
            if not is_transient(error):
                raise
            # The database stayed unavailable: nothing was booked. Keep the answers and ask the
            # last question again, so that answering it tries once more.
            dispatcher.utter_message(text=trouble_text("booking_failed"))
            return _without_requested_slot(events, "callback_consent") + [
                SlotSet("callback_consent", None), SlotSet("requested_slot", "callback_consent")]
        return _without_requested_slot(events) + [
            SlotSet("callback_outcome", outcome.value), SlotSet("callback_booking_id", booking.id),
            SlotSet("requested_slot", None)]


class ActionAskCallbackTime(Action):
    """The question for the moment, with free moments as buttons: those just offered while
    still free, else a spread of those that fit what the person said."""

    def name(self) -> str:
        return "action_ask_callback_time"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ccas = current_ccas()
        free = reservation.free_moments(ccas)
        offers = [s for s in offered_moments(tracker) if s in free] or spread_offers(
            fitting(free, tracker.get_slot("callback_constraints")))
        reason = tracker.get_slot("callback_time_reason") or {}
        dispatcher.utter_message(text=callback_texts.time_question(reason, ccas),
                                 buttons=callback_texts.slot_buttons(offers, ccas))
        return [SlotSet("callback_offers", isoformats(offers))]


class ActionAskCallbackPhone(Action):
    def name(self) -> str:
        return "action_ask_callback_phone"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=text("callback.ask_phone"))
        return []


class ActionAskCallbackName(Action):
    def name(self) -> str:
        return "action_ask_callback_name"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=text("callback.ask_name"), buttons=callback_texts.skip_name_buttons())
        return []


_CONSENT_WORDS = "peut-elle lire notre conversation"


def _consent_asked(tracker: Tracker) -> tuple[bool, bool]:
    """Whether the consent question was asked since the latest message, and at the turn before."""
    now, before = bot_turns(tracker)
    return (any(_CONSENT_WORDS in (e.get("text") or "") for e in now),
            any(_CONSENT_WORDS in (e.get("text") or "") for e in before))


class ActionAskCallbackConsent(Action):
    def name(self) -> str:
        return "action_ask_callback_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        asked_now, asked_before = _consent_asked(tracker)
        if asked_now:
            return []  # the answer's check has just asked it again ("Pardon, je n'ai pas compris...")
        question = callback_texts.consent_question(bool(tracker.get_slot("callback_name")), asked_before)
        say_message(dispatcher, question)
        return []
