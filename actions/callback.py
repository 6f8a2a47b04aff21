"""Reaching a counsellor: offering a callback, saying how the booking questions ended (the
questions themselves are actions/callback_form.py), moving, keeping or cancelling the callback.
The bookings and the wording live in bot/; these adapters read the conversation and say the
result."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.callback_form import FORM_SLOTS
from actions.common import latest_text, say_all, say_message, social_worker_just_answered
from actions.listening import urgent_help
from bot.callbacks import bookings, reservation
from bot.callbacks.bookings import Booking, SlotFull
from bot.callbacks.schedule import format_weekly_hours, is_open, local_now
from bot.callbacks.slot_choice import Picked, choose_keeping_day, reason_of
from bot.callbacks.states import Outcome
from bot.configuration.ccas import Ccas, current_ccas
from bot.reading.callback_wish import cancels_callback
from bot.reading.themes import detect_themes
from bot.wording import callback_texts, replies
from bot.wording.callback_texts import MOVE
from bot.wording.texts import callback_buttons, text


def _reset() -> list[EventType]:
    return [SlotSet(slot, None) for slot in (
        *FORM_SLOTS, "callback_offers", "callback_time_reason", "callback_failures",
        "callback_moving", "callback_outcome", "callback_reserved", "callback_reserved_at",
    )]


def _no_booking(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(text=text("callback.none_booked"), buttons=callback_buttons())


class BookedCallbackAction(Action, ABC):
    """An action about the person's booked callback, if there is one still to come. Abstract:
    the action server registers its subclasses only."""

    action_name = ""

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ccas = current_ccas()
        return self.act(dispatcher, tracker, ccas, reservation.active_booking(tracker.sender_id, ccas))

    @abstractmethod
    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        """What to say and do, given the person's callback still to come (or None)."""


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
        booking = reservation.active_booking(tracker.sender_id, ccas)
        if booking is not None:
            say_message(dispatcher, callback_texts.already_booked(booking, ccas))
            return [*heard, *_reset(), SlotSet("callback_path", "existing")]
        now = local_now(ccas)
        if is_open(ccas, now):
            dispatcher.utter_message(text=text("callback.intro_open", phone=ccas.phone))
        else:
            dispatcher.utter_message(text=text(
                "callback.intro_closed", availability=replies.availability(ccas, now)))
        if not reservation.free_moments(ccas):
            dispatcher.utter_message(text=text("callback.no_slot", phone=ccas.phone,
                                               hours=format_weekly_hours(ccas)))
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


class ActionCallbackDone(Action):
    """After the booking questions: confirm, or say how else to reach a counsellor."""

    def name(self) -> str:
        return "action_callback_done"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        booking_id = tracker.get_slot("callback_booking_id")
        booking = reservation.load(int(booking_id)) if booking_id is not None else None
        outcome = tracker.get_slot("callback_outcome")
        say_all(dispatcher, callback_texts.done(outcome, booking, current_ccas()))
        if outcome == Outcome.BOOKED and booking is not None and tracker.get_slot("social_worker") is None:
            # Once, gently, and skippable: for the counsellor, and for the CCAS's figures.
            say_message(dispatcher, callback_texts.social_worker_question())
        return _reset()


class ActionNoteSocialWorker(Action):
    """The answer to the social worker question (read by actions/understanding.py), thanked
    for; anything else said then goes on as after any booking."""

    def name(self) -> str:
        return "action_note_social_worker"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        answer = tracker.get_slot("social_worker")
        if answer is None or not social_worker_just_answered(tracker):
            return [FollowupAction("action_next_step")]
        dispatcher.utter_message(text=text(
            "callback.social_worker_skipped" if answer == "skip" else "callback.social_worker_noted"))
        return []



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
            moment = callback_texts.moment_of(booking, ccas)
            dispatcher.utter_message(text=text("callback.kept", moment=moment))
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
        old_start = bookings.slot_start_of(booking)
        free = [s for s in reservation.free_moments(ccas) if s != old_start]
        choice = choose_keeping_day(latest_text(tracker), free, old_start.astimezone(ccas.timezone),
                                    local_now(ccas), ccas)
        if choice.outcome == Picked.CHOSEN and choice.slot is not None:
            try:
                moved = reservation.move(booking, choice.slot, ccas)
            except SlotFull:
                pass  # taken a moment ago: the moment is asked, as below
            else:
                say_all(dispatcher, callback_texts.moved(moved, ccas))
                return [*_reset(), SlotSet("callback_path", "none")]
        understood = choice.outcome != Picked.NOT_UNDERSTOOD
        reason = reason_of(choice) if understood else {"outcome": MOVE}
        offers = list(choice.offers) if understood else []
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
        say_message(dispatcher, callback_texts.confirm_cancel(booking, ccas))
        return [SlotSet("callback_path", "confirm_cancel")]


class ActionCancelCallback(BookedCallbackAction):
    action_name = "action_cancel_callback"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        if booking is not None:
            reservation.cancel(booking.id)
        dispatcher.utter_message(text=text("callback.cancelled", phone=ccas.phone,
                                           hours=format_weekly_hours(ccas)))
        return [SlotSet("callback_path", "none")]


class ActionKeepCallback(BookedCallbackAction):
    action_name = "action_keep_callback"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, ccas: Ccas, booking: Booking | None
    ) -> list[EventType]:
        if booking is not None:
            say_all(dispatcher, callback_texts.kept(booking, ccas))
        else:
            _no_booking(dispatcher)
        return [SlotSet("callback_path", "none")]
