"""Reaching a counsellor: booking a phone callback in a free slot, moving or cancelling it.

The logic (slots, preferences, phone numbers, names, consent, the booking itself) lives in
bot/; these adapters read the conversation and say the result.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.budget import budget_changed_by_latest_message
from actions.common import bot_turns, latest_intent, latest_text, say_all
from actions.listening import urgent_help
from bot.callbacks import bookings
from bot.callbacks.availability import upcoming_slots
from bot.callbacks.bookings import Booking, SlotFull
from bot.callbacks.schedule import (
    bound_outside_hours,
    format_weekly_hours,
    is_closed_day,
    is_open,
    local_now,
    outside_hours,
)
from bot.callbacks.slot_choice import Choice, choose, choose_among, slot_phrase, slot_title, spread_offers
from bot.configuration.ccas import Ccas, current_ccas
from bot.reading.callback_wish import cancels_callback, changes_moment
from bot.reading.consent import parse_consent
from bot.reading.phone import parse_phone
from bot.reading.preferences import fits_constraints, parse_preference
from bot.reading.pseudonym import name_from_answer
from bot.reading.textnorm import normalize
from bot.reading.themes import detect_themes
from bot.storage.db import is_transient, retrying, session_scope
from bot.wording import replies
from bot.wording.formats import format_day_fr, format_moment_fr, format_time_fr
from bot.wording.texts import button, callback_buttons, text
from bot.wording.trouble import trouble_text

FORM_SLOTS = ("callback_time", "callback_phone", "callback_name", "callback_consent")
# A callback a few minutes late is still to come: the counsellor may be on it.
STILL_TO_COME = dt.timedelta(minutes=30)
MAX_FAILURES = {"callback_time": 3, "callback_phone": 3, "callback_name": 2, "callback_consent": 2}
_NO_PHONE = re.compile(
    r"^(?:non|nan|non merci)\b|\bpas de (?:numero|telephone|tel|portable)\b|"
    r"\b(?:je ne veux|je veux|je prefere|je ne prefere|je ne souhaite|j ai) pas (?:de |donner|le donner|"
    r"vous le donner|laisser|de numero|de telephone|de portable)|\bsans (?:numero|telephone)\b"
)


# The consent question's own words, answered before it is asked.
_ABOUT_READING = re.compile(r"\b(?:lire|lise|lit|conversation|echange|discussion|messages?)\b")


def _says_when(message: str, asked: str | None = None) -> bool:
    """Whether a message typed at another booking question is a change of moment."""
    return changes_moment(message, local_now(current_ccas()).date(), asked)


def _channel(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "rest"


def _active(sender_id: str, ccas: Ccas) -> Booking | None:
    with session_scope() as session:
        return bookings.active_booking(session, sender_id, after=local_now(ccas) - STILL_TO_COME)


def free_slots(ccas: Ccas) -> list[dt.datetime]:
    with session_scope() as session:
        return bookings.free_slots(session, upcoming_slots(ccas), ccas.counsellors_per_slot)


def suitable(free: list[dt.datetime], tracker: Tracker) -> list[dt.datetime]:
    """The free slots that respect what the person said about when to call ("pas le
    mercredi"); all of them if nothing would be left."""
    constraints = tracker.get_slot("callback_constraints")
    fitting = [s for s in free if fits_constraints(s, constraints)]
    return fitting or free


def choose_keeping_day(said: str, free: list[dt.datetime], booked: dt.datetime, now: dt.datetime,
                       ccas: Ccas) -> Choice:
    """What `said` picks among `free` for a callback booked at `booked`: "10h" or "plutôt
    l'après-midi", without a day, is that same day when it has a free moment that fits."""
    preference = parse_preference(said, now.date())
    if preference is not None and preference.day is None and not preference.earliest:
        that_day = [s for s in free if s.date() == booked.date()]
        choice = choose(said, that_day, now, ccas) if that_day else None
        if choice is not None and choice.outcome == "chosen":
            return choice
    return choose(said, free, now, ccas)


def _moment(booking: Booking, ccas: Ccas) -> str:
    start = bookings.slot_start_of(booking).astimezone(ccas.timezone)
    return format_moment_fr(start, local_now(ccas), full=True)


def _phone_display(e164: str) -> str:
    phone = parse_phone(e164)
    return phone.display if phone else e164


def _buttons(slots: list[dt.datetime], ccas: Ccas) -> list[dict[str, str]]:
    now = local_now(ccas)
    return [{"title": slot_title(s, now), "payload": slot_phrase(s)} for s in slots]


def _reset() -> list[EventType]:
    return [SlotSet(slot, None) for slot in (
        *FORM_SLOTS, "callback_offers", "callback_time_reason", "callback_failures",
        "callback_moving", "callback_outcome", "callback_reserved", "callback_reserved_at",
    )]


def _existing(dispatcher: CollectingDispatcher, booking: Booking, ccas: Ccas) -> None:
    dispatcher.utter_message(
        text=text("callback.already_booked", moment=_moment(booking, ccas),
                  phone=_phone_display(booking.phone)),
        buttons=[
            button("keep", "/affirm"),
            button("move", "/change_callback"),
            button("cancel", "/cancel_callback"),
        ],
    )


def _no_booking(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(text=text("callback.none_booked"), buttons=callback_buttons())


def _hours(ccas: Ccas) -> str:
    return format_weekly_hours(ccas)


class BookedCallbackAction(Action):
    """An action about the person's booked callback, if there is one still to come."""

    action_name = ""

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ccas = current_ccas()
        return self.act(dispatcher, tracker, ccas, _active(tracker.sender_id, ccas))

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        raise NotImplementedError


class ActionOfferCallback(Action):
    """A callback is wanted: start the booking, or show the one already booked."""

    def name(self) -> str:
        return "action_offer_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ccas = current_ccas()
        # "On va me couper le gaz, rappelez-moi": the urgent help is given and flagged too.
        help_messages, heard = urgent_help(tracker, detect_themes(latest_text(tracker)))
        say_all(dispatcher, help_messages)
        booking = _active(tracker.sender_id, ccas)
        if booking is not None:
            _existing(dispatcher, booking, ccas)
            return [*heard, *_reset(), SlotSet("callback_path", "existing")]
        now = local_now(ccas)
        if is_open(ccas, now):
            dispatcher.utter_message(text=text("callback.intro_open", phone=ccas.phone))
        else:
            dispatcher.utter_message(text=text(
                "callback.intro_closed", availability=replies.availability(ccas, now)))
        if not free_slots(ccas):
            dispatcher.utter_message(text=text("callback.no_slot", phone=ccas.phone, hours=_hours(ccas)))
            return [*heard, *_reset(), SlotSet("callback_path", "none")]
        return [*heard, *_reset(), *_prefilled(tracker), SlotSet("callback_path", "book")]


def _prefilled(tracker: Tracker) -> list[EventType]:
    """A phone number, a name or a time said earlier in the conversation starts the booking:
    the form checks them like answers and only asks what is missing."""
    events: list[EventType] = []
    if tracker.get_slot("known_phone"):
        events.append(SlotSet("callback_phone", tracker.get_slot("known_phone")))
    if tracker.get_slot("known_name"):
        events.append(SlotSet("callback_name", tracker.get_slot("known_name")))
    wish = tracker.get_slot("callback_wish")
    if wish:
        events += [SlotSet("callback_time", wish), SlotSet("callback_wish", None)]
    return events


class ActionAskCallbackTime(Action):
    """The question for the time, with the free slots as buttons."""

    def name(self) -> str:
        return "action_ask_callback_time"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ccas = current_ccas()
        offered = [dt.datetime.fromisoformat(s) for s in tracker.get_slot("callback_offers") or []]
        free = free_slots(ccas)
        offers = [s for s in offered if s in free] or spread_offers(suitable(free, tracker))
        reason = tracker.get_slot("callback_time_reason") or {}
        dispatcher.utter_message(text=_time_question(reason, ccas), buttons=_buttons(offers, ccas))
        return [SlotSet("callback_offers", [s.isoformat() for s in offers])]


def _bound_outside_hours(said: str, now: dt.datetime, ccas: Ccas) -> dt.time | None:
    """The time bound said ("après 18h", "avant 8h") when no opening hours meet it."""
    preference = parse_preference(said, now.date())
    return None if preference is None else bound_outside_hours(ccas, preference.after, preference.before)


def _time_question(reason: dict[str, Any], ccas: Ccas) -> str:
    outcome = reason.get("outcome")
    day = dt.date.fromisoformat(reason["day"]) if reason.get("day") else None
    day_words = f" le {format_day_fr(day)}" if day else ""
    if outcome == "closed_day" and day is not None:
        kind = "weekend" if day.weekday() >= 5 and not is_closed_day(ccas, day) else "holiday"
        return text("callback.closed_day", day=text(f"callback.closed_day_names.{kind}"))
    if outcome == "not_at_time":
        asked = dt.time.fromisoformat(reason["time"])
        if outside_hours(ccas, asked):
            # "vers 18h30", "mardi midi": outside the counsellors' hours, which are said.
            return text("callback.outside_hours", time=format_time_fr(asked), hours=format_weekly_hours(ccas))
        return text("callback.not_at_time", time=format_time_fr(asked), day=day_words)
    last = local_now(ccas).date() + dt.timedelta(days=ccas.booking_days)
    if outcome == "none_fit" and day is not None and day > last:
        # Not full: too far ahead to be booked yet.
        return text("callback.too_far", day=format_day_fr(day), last=format_day_fr(last))
    if outcome == "none_fit":
        return text("callback.none_fit", when=day_words.strip() or "à ce moment-là")
    if outcome == "pick":
        return text("callback.ask_time_pick", when=day_words.strip() or "qui correspondent")
    if outcome == "not_understood":
        return text("callback.ask_time_again")
    if outcome == "phone_kept":
        return text("callback.ask_time_phone_kept")
    if outcome == "budget_kept":
        return text("callback.ask_time_budget_kept")
    if outcome == "slot_taken":
        return text("callback.slot_taken")
    if outcome == "move":
        return text("callback.which_time_for_move")
    return text("callback.ask_time")


def _first_offer_of_their_day(tracker: Tracker, offered: list[dt.datetime],
                              free: list[dt.datetime]) -> dt.datetime | None:
    """The first moment still free among those just offered for the day the person named
    ("Voici les moments libres le vendredi..."), or None when the offers were not for their day."""
    reason = tracker.get_slot("callback_time_reason") or {}
    if reason.get("outcome") != "pick" or not reason.get("day"):
        return None
    day = dt.date.fromisoformat(reason["day"])
    return next((s for s in offered if s in free and s.date() == day), None)


class ValidateCallbackForm(FormValidationAction):
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

    def _failed(self, slot: str, tracker: Tracker) -> tuple[int, dict[str, int]]:
        failures = dict(tracker.get_slot("callback_failures") or {})
        failures[slot] = failures.get(slot, 0) + 1
        return failures[slot], failures

    async def validate_callback_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"callback_time": None}  # cleared when the booking starts: nothing to check
        ccas = current_ccas()
        free = free_slots(ccas)
        if not free:
            return {"callback_time": None, "callback_outcome": "unavailable"}
        offered = [dt.datetime.fromisoformat(s) for s in tracker.get_slot("callback_offers") or []]
        clicked = next((s for s in offered if slot_phrase(s) == str(value).strip()), None)
        if clicked is not None and clicked not in free:
            # The button was right when shown; someone has taken the last place since.
            others = spread_offers([s for s in free if s != clicked])
            return {"callback_time": None, "callback_time_reason": {"outcome": "slot_taken"},
                    "callback_offers": [s.isoformat() for s in others]}
        now = local_now(ccas)
        fitting = suitable(free, tracker)
        later_question = tracker.get_slot("requested_slot") not in (None, "callback_time")
        reserved = _active(tracker.sender_id, ccas) if later_question else None
        # "10h" at the name question, after "mercredi matin" was reserved: Wednesday at 10.
        choice = choose_among(str(value), offered, free, now) or (
            choose(str(value), fitting, now, ccas) if reserved is None else choose_keeping_day(
                str(value), fitting, bookings.slot_start_of(reserved).astimezone(ccas.timezone), now, ccas))
        if choice.outcome == "chosen" and choice.slot is not None:
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
        if choice.outcome == "not_understood" and parse_phone(str(value)) is not None:
            # A phone number typed at the time question is kept (actions/understanding.py).
            first_of_day = _first_offer_of_their_day(tracker, offered, free)
            if first_of_day is not None:
                # "vendredi", the moments of Friday offered, then the number: the person has given
                # their day and moves on; the first free moment of it is taken, and said.
                local = first_of_day.astimezone(ccas.timezone)
                dispatcher.utter_message(text=text("callback.first_of_day",
                                                   moment=format_moment_fr(local, now, full=True)))
                return {"callback_time": first_of_day.isoformat(), "callback_time_reason": None,
                        "callback_offers": None}
            # Otherwise the question is asked again without counting a failure.
            return {"callback_time": None, "callback_time_reason": {"outcome": "phone_kept"},
                    "callback_offers": [s.isoformat() for s in offered] or None}
        if choice.outcome == "not_understood" and budget_changed_by_latest_message(tracker):
            # "loyer 620, énergie 80" at the time question: the figures are kept (and said back),
            # the question comes again, without an apology or a failure counted.
            return {"callback_time": None, "callback_time_reason": {"outcome": "budget_kept"},
                    "callback_offers": [s.isoformat() for s in offered] or None}
        updates: dict[str, Any] = {}
        if choice.outcome == "not_understood":
            count, failures = self._failed("callback_time", tracker)
            updates["callback_failures"] = failures
            if count >= MAX_FAILURES["callback_time"]:
                return {**updates, "callback_time": None, "callback_outcome": "gave_up"}
        reason = {"outcome": choice.outcome, "day": choice.day.isoformat() if choice.day else None,
                  "time": choice.time.isoformat() if choice.time else None}
        late = _bound_outside_hours(str(value), now, ccas) if choice.outcome == "none_fit" else None
        if late is not None:
            # "un soir après 18h ?": nothing fits because it is after the counsellors' day.
            reason = {"outcome": "not_at_time", "day": reason["day"], "time": late.isoformat()}
        return {**updates, "callback_time": None, "callback_time_reason": reason,
                "callback_offers": [s.isoformat() for s in choice.offers]}

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
        if _NO_PHONE.search(normalize(str(value))):
            return {"callback_phone": None, "callback_outcome": "no_phone"}
        if budget_changed_by_latest_message(tracker):
            # Figures given at the phone question: kept and said back; the question comes again.
            return {"callback_phone": None}
        count, failures = self._failed("callback_phone", tracker)
        if count >= MAX_FAILURES["callback_phone"]:
            return {"callback_phone": None, "callback_failures": failures, "callback_outcome": "gave_up"}
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
        if _ABOUT_READING.search(normalize(str(value))):
            # "oui elle peut lire": the next question answered first; the name was optional.
            consent = parse_consent(str(value))
            if consent is not None:
                return {"callback_name": "", "callback_consent": consent}
        pseudonym = name_from_answer(str(value))
        if pseudonym is not None:
            return {"callback_name": pseudonym.value or ""}
        count, failures = self._failed("callback_name", tracker)
        if count >= MAX_FAILURES["callback_name"]:
            return {"callback_name": "", "callback_failures": failures}  # it was optional anyway
        dispatcher.utter_message(text=text("callback.name_again"), buttons=[
            button("skip_name", "passer")])
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
        count, failures = self._failed("callback_consent", tracker)
        if count >= MAX_FAILURES["callback_consent"]:
            # Sharing needs a clear yes: without one, nothing is shared.
            dispatcher.utter_message(text=text("callback.consent_defaulted"))
            return {"callback_consent": False, "callback_failures": failures}
        dispatcher.utter_message(text=text("callback.consent_again"), buttons=_consent_buttons())
        return {"callback_consent": None, "callback_failures": failures}

    async def _reserve_early(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Once the moment and the phone number are known, the callback is booked: a person
        who leaves before the last (optional) questions is still called. The name and the
        consent to share the conversation are added when given; until then nothing is shared."""
        slots = tracker.slots
        if slots.get("callback_moving") or not (slots.get("callback_time") and slots.get("callback_phone")):
            return []
        ccas = current_ccas()
        start = _moment_chosen(slots["callback_time"])
        if start is None:
            return []  # a moment said, not yet checked against the free slots
        if slots.get("callback_reserved") and slots.get("callback_reserved_at") == start.isoformat():
            return []  # already booked at this moment
        early = {**slots, "callback_name": None, "callback_consent": False}
        try:
            booking, _ = await asyncio.to_thread(
                retrying, lambda: _take_slot(tracker.sender_id, _channel(tracker), early, start, ccas))
        except SlotFull:
            others = spread_offers([s for s in free_slots(ccas) if s != start])
            return [SlotSet("callback_time", None),
                    SlotSet("callback_time_reason", {"outcome": "slot_taken"}),
                    SlotSet("callback_offers", [s.isoformat() for s in others]),
                    SlotSet("requested_slot", "callback_time")]
        except Exception as error:
            if not is_transient(error):
                raise
            return []  # tried again once every answer is in
        dispatcher.utter_message(text=text(
            "callback.reserved_moved" if slots.get("callback_reserved") else "callback.reserved",
            moment=_moment(booking, ccas)))
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
            await asyncio.to_thread(_note_name, slots)
            return events + early
        ccas = current_ccas()
        start = _moment_chosen(slots["callback_time"])
        if start is None:  # words never matched to a slot: the moment is asked again
            events = [e for e in events if e.get("name") != "requested_slot"]
            return events + [SlotSet("callback_time", None), SlotSet("requested_slot", "callback_time")]
        try:
            booking, outcome = await asyncio.to_thread(
                retrying, lambda: _take_slot(tracker.sender_id, _channel(tracker), slots, start, ccas))
        except SlotFull:
            # Someone took the last place a moment ago: ask for another time, keep the rest.
            others = spread_offers([s for s in free_slots(ccas) if s != start])
            events = [e for e in events if e.get("name") != "requested_slot"]
            return events + [
                SlotSet("callback_time", None),
                SlotSet("callback_time_reason", {"outcome": "slot_taken"}),
                SlotSet("callback_offers", [s.isoformat() for s in others]),
                SlotSet("requested_slot", "callback_time"),
            ]
        except LookupError:
            # The callback being moved was cancelled meanwhile (by a counsellor, say): book anew.
            return [e for e in events if e.get("name") != "requested_slot"] + [
                SlotSet("callback_moving", None), SlotSet("requested_slot", "callback_phone"),
            ]
        except Exception as error:
            if not is_transient(error):
                raise
            # The database stayed unavailable: nothing was booked. Keep the answers and ask the
            # last question again, so that answering it tries once more.
            dispatcher.utter_message(text=trouble_text("booking_failed"))
            events = [e for e in events if e.get("name") not in ("requested_slot", "callback_consent")]
            return events + [SlotSet("callback_consent", None), SlotSet("requested_slot", "callback_consent")]
        events = [e for e in events if e.get("name") != "requested_slot"]
        return events + [SlotSet("callback_outcome", outcome), SlotSet("callback_booking_id", booking.id),
                         SlotSet("requested_slot", None)]


def _moment_chosen(value: Any) -> dt.datetime | None:
    """The slot chosen, or None while the slot holds words still to be matched to a slot."""
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _note_name(slots: dict[str, Any]) -> None:
    """The name given after the early booking goes on it at once: a person who stops before
    the last question is still asked for by name."""
    if not slots.get("callback_reserved") or slots.get("callback_name") is None:
        return
    try:
        with session_scope() as session:
            booking = session.get(Booking, int(slots["callback_reserved"]))
            if booking is not None and booking.pseudonym != (slots["callback_name"] or None):
                booking.pseudonym = slots["callback_name"] or None
                session.commit()
    except Exception as error:
        if not is_transient(error):
            raise
        # Written with the last answer otherwise (_take_slot).


def _take_slot(sender_id: str, channel: str, slots: dict[str, Any], start: dt.datetime,
               ccas: Ccas) -> tuple[Booking, str]:
    """Book (or move to) `start`; safe to try again: a booking already made there is kept."""
    with session_scope() as session:
        made = bookings.booked_at(session, sender_id, start)
        if slots.get("callback_moving"):
            if made is not None and made.id != int(slots["callback_moving"]):
                bookings.retire(session, int(slots["callback_moving"]))  # in case that step failed
                return made, "moved"
            return bookings.move(session, int(slots["callback_moving"]), slot_start=start,
                                 capacity=ccas.counsellors_per_slot), "moved"
        reserved_id = slots.get("callback_reserved")
        reserved = session.get(Booking, int(reserved_id)) if reserved_id else None
        if made is None and reserved is not None and reserved.status == "booked":
            # Booked early, and the person then chose another moment: the booking moves.
            made = bookings.move(session, reserved.id, slot_start=start, capacity=ccas.counsellors_per_slot)
        if made is not None:
            # Booked early (ValidateCallbackForm._reserve_early): the last answers are added.
            made.pseudonym = slots.get("callback_name") or None
            made.consent_transcript = bool(slots.get("callback_consent"))
            session.commit()
            return made, "booked"
        return bookings.book(
            session, slot_start=start, capacity=ccas.counsellors_per_slot, sender_id=sender_id,
            phone=slots["callback_phone"], channel=channel, pseudonym=slots.get("callback_name") or None,
            consent_transcript=bool(slots.get("callback_consent")),
        ), "booked"


def _consent_buttons() -> list[dict[str, str]]:
    return [
        button("consent_yes", "oui, elle peut la lire"),
        button("consent_no", "non, je préfère lui expliquer moi-même"),
    ]


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
        dispatcher.utter_message(text=text("callback.ask_name"), buttons=[
            button("skip_name", "passer")])
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
        if asked_before:
            # Asked at the turn before, with its explanation: once is enough.
            dispatcher.utter_message(text=text("callback.consent_plain"), buttons=_consent_buttons())
            return []
        name = tracker.get_slot("callback_name")
        dispatcher.utter_message(
            text=text("callback.ask_consent", name=", votre prénom" if name else ""),
            buttons=_consent_buttons(),
        )
        return []


class ActionCallbackDone(Action):
    """After the booking form: confirm in French, or say how else to reach a counsellor."""

    def name(self) -> str:
        return "action_callback_done"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ccas = current_ccas()
        outcome = tracker.get_slot("callback_outcome")
        booking_id = tracker.get_slot("callback_booking_id")
        booking = None
        if booking_id is not None:
            with session_scope() as session:
                booking = session.get(Booking, int(booking_id))
        if outcome in ("booked", "moved") and booking is not None:
            name = f", en demandant {booking.pseudonym}" if booking.pseudonym else ""
            moment = _moment(booking, ccas)
            phone = _phone_display(booking.phone)
            if outcome == "moved":
                dispatcher.utter_message(text=text("callback.moved", moment=moment, phone=phone))
            else:
                dispatcher.utter_message(
                    text=text("callback.confirmed", moment=moment, phone=phone, name=name))
                shared = "callback.shared" if booking.consent_transcript else "callback.not_shared"
                dispatcher.utter_message(
                    text=text(shared, name=", votre prénom" if booking.pseudonym else ""))
            dispatcher.utter_message(text=text("callback.change_hint"))
            if is_open(ccas):
                dispatcher.utter_message(text=text("callback.direct_line_open", phone=ccas.phone))
        elif outcome == "no_phone":
            dispatcher.utter_message(
                text=text("callback.phone_refused", phone=ccas.phone, hours=_hours(ccas)))
        elif outcome == "unavailable":
            dispatcher.utter_message(text=text("callback.no_slot", phone=ccas.phone, hours=_hours(ccas)))
        else:
            dispatcher.utter_message(text=text("callback.gave_up", phone=ccas.phone, hours=_hours(ccas)))
        return _reset()


class ActionCallbackFormStopped(BookedCallbackAction):
    """The person no longer wants the booking being made ("laissez tomber")."""

    action_name = "action_callback_form_stopped"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        if booking is not None and cancels_callback(latest_text(tracker)):
            # "vous pouvez annuler le rendez-vous ?" at the last questions: the callback itself,
            # made a moment ago, is to be cancelled. Asked to be sure, like any cancellation.
            return [*_reset(), FollowupAction("action_ask_cancel_callback")]
        if booking is not None:
            dispatcher.utter_message(text=text("callback.kept", moment=_moment(booking, ccas)))
        else:
            dispatcher.utter_message(text=text("callback.not_booked"))
        return _reset()


class ActionChangeCallback(BookedCallbackAction):
    """Move the callback: at once when the message says when, else by asking."""

    action_name = "action_change_callback"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        if booking is None:
            # "Rappelez-moi plutôt lundi" with nothing booked yet: that is a callback request.
            return [*_reset(), SlotSet("callback_path", "none"), FollowupAction("action_offer_callback")]
        free = free_slots(ccas)
        old_start = bookings.slot_start_of(booking)
        choice = choose_keeping_day(latest_text(tracker), [s for s in free if s != old_start],
                                    old_start.astimezone(ccas.timezone), local_now(ccas), ccas)
        if choice.outcome == "chosen" and choice.slot is not None:
            try:
                with session_scope() as session:
                    moved = bookings.move(session, booking.id, slot_start=choice.slot,
                                          capacity=ccas.counsellors_per_slot)
                dispatcher.utter_message(text=text(
                    "callback.moved", moment=_moment(moved, ccas), phone=_phone_display(moved.phone)))
                dispatcher.utter_message(text=text("callback.change_hint"))
                return [*_reset(), SlotSet("callback_path", "none")]
            except SlotFull:
                pass
        reason = {"outcome": "move"} if choice.outcome == "not_understood" else {
            "outcome": choice.outcome, "day": choice.day.isoformat() if choice.day else None,
            "time": choice.time.isoformat() if choice.time else None}
        offers = list(choice.offers) if choice.outcome != "not_understood" else []
        return [
            *_reset(),
            SlotSet("callback_moving", booking.id),
            SlotSet("callback_phone", booking.phone),
            SlotSet("callback_name", booking.pseudonym or ""),
            SlotSet("callback_consent", bool(booking.consent_transcript)),
            SlotSet("callback_time_reason", reason),
            SlotSet("callback_offers", [s.isoformat() for s in offers] or None),
            SlotSet("callback_path", "book"),
        ]


class ActionAskCancelCallback(BookedCallbackAction):
    action_name = "action_ask_cancel_callback"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        if booking is None:
            _no_booking(dispatcher)
            return [SlotSet("callback_path", "none")]
        question = text("callback.confirm_cancel", moment=_moment(booking, ccas))
        dispatcher.utter_message(text=question, buttons=[
            button("yes_cancel", "/affirm"),
            button("no_keep", "/deny"),
        ])
        return [SlotSet("callback_path", "confirm_cancel")]


class ActionCancelCallback(BookedCallbackAction):
    action_name = "action_cancel_callback"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        if booking is not None:
            with session_scope() as session:
                bookings.cancel(session, booking.id)
        dispatcher.utter_message(text=text("callback.cancelled", phone=ccas.phone, hours=_hours(ccas)))
        return [SlotSet("callback_path", "none")]


class ActionKeepCallback(BookedCallbackAction):
    action_name = "action_keep_callback"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        if booking is not None:
            dispatcher.utter_message(text=text("callback.kept", moment=_moment(booking, ccas)))
            dispatcher.utter_message(text=text("callback.change_hint"))
        else:
            _no_booking(dispatcher)
        return [SlotSet("callback_path", "none")]
