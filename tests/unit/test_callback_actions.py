"""The callback actions, run as the action server runs them, on trackers saved at moments of a
conversation (tests/unit/saved_trackers/), against a real database, on Monday 23 November 2026 at
10:00 in Grenoble (the counsellors' hours are on)."""
import asyncio
import copy
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.callback import (
    ActionAskCancelCallback,
    ActionCallbackDone,
    ActionCallbackFormStopped,
    ActionCancelCallback,
    ActionChangeCallback,
    ActionKeepCallback,
    ActionOfferCallback,
)
from actions.callback_form import (
    ActionAskCallbackName,
    ActionAskCallbackPhone,
    ActionAskCallbackTime,
    ValidateCallbackForm,
)
from actions.next_step import ActionNextStep
from actions.privacy import ActionEraseMyData
from bot.callbacks.bookings import Booking, book, slot_start_of
from bot.callbacks.slot_choice import slot_phrase
from bot.callbacks.states import Status
from bot.storage.db import session_factory

SAVED = Path(__file__).parent / "saved_trackers"
PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
TUESDAY_10 = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
THURSDAY_14 = dt.datetime(2026, 11, 26, 14, 0, tzinfo=PARIS)
DOMAIN = {"slots": {name: {} for name in ("callback_time", "callback_phone", "callback_name",
                                          "callback_consent")},
          "forms": {"callback_form": {"required_slots": ["callback_time", "callback_phone",
                                                         "callback_name", "callback_consent"]}}}


@pytest.fixture(autouse=True)
def monday_morning(database_at):
    """A fresh SQLite database and the clock on Monday at 10:00."""
    return session_factory(database_at(NOW))


def saved(name: str, text: str | None = None, intent: str | None = None, **slots) -> Tracker:
    """The tracker saved as `name`, with another latest message or more slots if given. In a
    form, the answer to the question asked is set by Rasa's slot extraction after the message,
    as the saved trackers show: another message gives that slot its words too."""
    state = copy.deepcopy(json.loads((SAVED / f"{name}.json").read_text(encoding="utf-8")))
    state["slots"].update(slots)
    if text is not None:
        message = {"text": text, "intent": {"name": intent or "inform", "confidence": 0.9}, "entities": []}
        state["latest_message"] = message
        last_user = max(i for i, e in enumerate(state["events"]) if e["event"] == "user")
        state["events"][last_user] = {"event": "user", "text": text, "parse_data": message,
                                      "input_channel": "rest"}
        for event in state["events"][last_user + 1:]:
            if event["event"] == "slot":
                event["value"] = text
                state["slots"][event["name"]] = text
    return Tracker.from_dict(state)


def run(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events


def slot_values(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def booked(session_maker, at: dt.datetime = TUESDAY_10, sender: str = "saved-tracker") -> Booking:
    with session_maker() as session:
        return book(session, slot_start=at, capacity=2, sender_id=sender, phone="+33612345678")


def test_a_callback_asked_for_starts_the_booking_with_the_number_given_earlier():
    messages, events = run(ActionOfferCallback(), saved("asks_a_callback"))
    assert "04 76 69 45 94" in messages[0]["text"]  # open now: the direct line is said too
    values = slot_values(events)
    assert values["callback_path"] == "book"
    assert values["callback_phone"] == "+33612345678"  # not asked again


def test_a_callback_asked_for_twice_shows_the_one_booked(monday_morning):
    booked(monday_morning)
    messages, events = run(ActionOfferCallback(), saved("asks_a_callback"))
    assert "demain" in messages[-1]["text"] and "10 h" in messages[-1]["text"]
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert payloads == ["/affirm", "/change_callback", "/cancel_callback"]
    assert slot_values(events)["callback_path"] == "existing"


def test_the_time_question_offers_free_moments_spread_over_the_days(monday_morning):
    messages, events = run(ActionAskCallbackTime(), saved("asks_a_callback"))
    offers = slot_values(events)["callback_offers"]
    assert len(offers) == 4 and len({o[:10] for o in offers}) >= 2
    # Each button sends words that read back as exactly the moment offered.
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        slot_phrase(dt.datetime.fromisoformat(o)) for o in offers]
    assert all(dt.datetime.fromisoformat(o) > NOW for o in offers)


def test_the_phone_and_name_questions_are_asked_plainly():
    phone, _ = run(ActionAskCallbackPhone(), saved("at_the_phone_question"))
    name, _ = run(ActionAskCallbackName(), saved("at_the_phone_question"))
    assert "numéro" in phone[0]["text"]
    assert "prénom" in name[0]["text"] and name[0]["buttons"]


def test_the_number_given_books_the_callback_before_the_optional_questions(monday_morning):
    messages, events = run(ValidateCallbackForm(), saved("at_the_phone_question"))
    values = slot_values(events)
    assert values["callback_phone"] == "+33612345678"
    assert values["callback_reserved"] is not None
    assert any("réservé" in m["text"] for m in messages)
    with monday_morning() as session:
        booking = session.get(Booking, values["callback_reserved"])
        assert booking.status == Status.BOOKED and slot_start_of(booking) == TUESDAY_10
        assert booking.consent_transcript is False  # nothing shared before the person says yes


def test_declining_to_give_a_number_ends_with_the_direct_line(monday_morning):
    tracker = saved("at_the_phone_question", "non je prefere pas donner mon numero")
    _, events = run(ValidateCallbackForm(), tracker)
    assert slot_values(events)["callback_outcome"] == "no_phone"
    done = saved("at_the_phone_question", callback_outcome="no_phone")
    messages, reset = run(ActionCallbackDone(), done)
    assert "04 76 69 45 94" in messages[0]["text"]
    assert SlotSet("callback_outcome", None) in reset
    with monday_morning() as session:
        assert session.query(Booking).count() == 0


def test_an_unreadable_number_is_asked_again_then_given_up(monday_morning):
    tracker = saved("at_the_phone_question", "euh je sais plus", callback_failures={"callback_phone": 2})
    _, events = run(ValidateCallbackForm(), tracker)
    values = slot_values(events)
    assert values["callback_outcome"] == "gave_up" and values["callback_failures"] == {"callback_phone": 3}


def test_the_last_answer_books_and_the_confirmation_says_when_and_what_is_shared(monday_morning):
    _, events = run(ValidateCallbackForm(), saved("at_the_consent_question"))
    values = slot_values(events)
    assert values["callback_consent"] is True and values["callback_outcome"] == "booked"
    done = saved("at_the_consent_question", callback_outcome="booked",
                 callback_booking_id=values["callback_booking_id"])
    messages, _ = run(ActionCallbackDone(), done)
    texts = [m["text"] for m in messages]
    assert "mardi 24 novembre" in texts[0] and "06 12 34 56 78" in texts[0] and "Nadia" in texts[0]
    assert "lire" in texts[1] or "conversation" in texts[1]
    with monday_morning() as session:
        booking = session.get(Booking, values["callback_booking_id"])
        assert (booking.pseudonym, booking.consent_transcript) == ("Nadia", True)


def test_a_moment_said_after_the_booking_moves_it_at_once(monday_morning):
    old = booked(monday_morning)
    messages, events = run(ActionChangeCallback(), saved("after_the_booking"))
    assert "jeudi 26 novembre" in messages[0]["text"] and "14 h" in messages[0]["text"]
    assert slot_values(events)["callback_path"] == "none"
    with monday_morning() as session:
        statuses = sorted((b.status, slot_start_of(b)) for b in session.query(Booking))
    assert statuses == [(Status.BOOKED.value, THURSDAY_14), (Status.MOVED.value, TUESDAY_10)]
    assert old.id is not None


def test_a_change_without_a_moment_asks_for_one_keeping_the_answers(monday_morning):
    old = booked(monday_morning)
    _, events = run(ActionChangeCallback(), saved("after_the_booking", "je voudrais changer le rdv"))
    values = slot_values(events)
    assert values["callback_moving"] == old.id and values["callback_phone"] == "+33612345678"
    assert values["callback_time_reason"] == {"outcome": "move"} and values["callback_path"] == "book"


def test_a_change_with_nothing_booked_is_a_callback_request():
    _, events = run(ActionChangeCallback(), saved("after_the_booking"))
    assert FollowupAction("action_offer_callback") in events


def test_a_cancellation_is_confirmed_first_then_done(monday_morning):
    old = booked(monday_morning)
    asked = saved("after_the_booking", "annulez", "cancel_callback")
    messages, events = run(ActionAskCancelCallback(), asked)
    assert "annuler" in messages[0]["text"] and [b["payload"] for b in messages[0]["buttons"]] == [
        "/affirm", "/deny"]
    assert slot_values(events)["callback_path"] == "confirm_cancel"
    messages, _ = run(ActionCancelCallback(), saved("after_the_booking", "oui", "affirm"))
    assert "04 76 69 45 94" in messages[0]["text"]
    with monday_morning() as session:
        assert session.get(Booking, old.id).status == Status.CANCELLED


def test_keeping_the_callback_says_it_back(monday_morning):
    booked(monday_morning)
    messages, _ = run(ActionKeepCallback(), saved("after_the_booking", "non je garde", "deny"))
    assert "je garde votre rappel" in messages[0]["text"] and "10 h" in messages[0]["text"]


def test_nothing_to_keep_or_cancel_says_so_and_offers_a_callback():
    for action in (ActionKeepCallback(), ActionAskCancelCallback()):
        messages, events = run(action, saved("after_the_booking", "annulez", "cancel_callback"))
        assert messages[0]["buttons"] and slot_values(events)["callback_path"] == "none"


def test_stopping_the_questions_after_the_early_booking_keeps_it_or_cancels_it(monday_morning):
    booked(monday_morning)
    messages, _ = run(ActionCallbackFormStopped(), saved("at_the_consent_question", "laissez tomber", "stop"))
    assert "je garde votre rappel" in messages[0]["text"]
    _, events = run(ActionCallbackFormStopped(),
                    saved("at_the_consent_question", "en fait annulez le rendez-vous", "cancel_callback"))
    assert FollowupAction("action_ask_cancel_callback") in events


def test_the_next_step_after_a_booking_names_the_callback(monday_morning):
    booked(monday_morning)
    messages, events = run(ActionNextStep(), saved("after_the_booking", "merci", "thank"))
    assert slot_values(events)["next_step"] == "booked"
    assert "10 h" in messages[0]["text"]


def test_erasure_asked_in_the_chat_removes_the_callbacks(monday_morning):
    booked(monday_morning)
    booked(monday_morning, sender="someone-else")
    asked = saved("after_the_booking", "effacez mes données", "delete_my_data")
    messages, _ = run(ActionEraseMyData(), asked)
    assert messages[0]["text"]
    with monday_morning() as session:
        assert [b.sender_id for b in session.query(Booking)] == ["someone-else"]


def test_after_the_booking_the_social_worker_question_is_asked_once(monday_morning):
    _, events = run(ValidateCallbackForm(), saved("at_the_consent_question"))
    booking_id = slot_values(events)["callback_booking_id"]
    done = saved("at_the_consent_question", callback_outcome="booked", callback_booking_id=booking_id)
    messages, _ = run(ActionCallbackDone(), done)
    assert "travailleur social" in messages[-1]["text"]
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["oui", "non", "je préfère ne pas répondre"]
    answered = saved("at_the_consent_question", callback_outcome="booked", callback_booking_id=booking_id,
                     social_worker="no")
    messages, _ = run(ActionCallbackDone(), answered)
    assert not any("travailleur social" in m["text"] for m in messages)  # once is enough


def _after_the_question(text: str, intent: str, **slots) -> Tracker:
    tracker = saved("after_the_booking", text, intent, **slots)
    question = {"event": "bot", "text": "Une dernière chose : êtes-vous déjà accompagné·e par un travailleur "
                                        "social ?"}
    tracker.events.insert(len(tracker.events) - 1, question)
    return tracker


def test_the_answer_is_read_whatever_its_words_and_thanked_for():
    from actions.callback import ActionNoteSocialWorker
    from actions.understanding import read_message

    events = read_message(CollectingDispatcher(), _after_the_question("oui une AS à la MDS", "inform"))
    assert SlotSet("social_worker", "yes") in events
    events = read_message(CollectingDispatcher(), _after_the_question("je préfère ne pas répondre", "deny"))
    assert SlotSet("social_worker", "skip") in events
    messages, events = run(ActionNoteSocialWorker(), _after_the_question("non", "deny", social_worker="no"))
    assert messages[0]["text"] == "Merci, je le note pour la conseillère." and events == []
    # "oui" to something else after the booking: the conversation goes on, nothing is noted.
    messages, events = run(ActionNoteSocialWorker(), saved("after_the_booking", "oui", "affirm"))
    assert messages == [] and events == [FollowupAction("action_next_step")]
    events = read_message(CollectingDispatcher(), saved("after_the_booking", "oui", "affirm"))
    assert not [e for e in events if e.get("name") == "social_worker"]
