"""What keeps a message or a booking from being lost when a part fails for a moment: retries
on an unavailable database, bookings safe to try twice, the tracker store's refusal to fall
back to memory, and the answer given when the action server cannot be reached."""
import asyncio
import datetime as dt
import socket
from zoneinfo import ZoneInfo

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy.exc import IntegrityError, OperationalError

import bot.storage.db
from bot.callbacks.bookings import Booking, book
from bot.callbacks.reservation import Answers, take
from bot.storage.db import retrying, retrying_async, session_factory
from bot.storage.migrate import upgrade
from rasa_ext.action_fallback import install
from rasa_ext.patches import install as install_patches
from rasa_ext.tracker_store import CcasTrackerStore, TrackerStoreUnavailable

PARIS = ZoneInfo("Europe/Paris")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
DOWN = OperationalError("SELECT 1", {}, Exception("could not connect to server"))


def failing(times: int, result: str = "done"):
    calls = []

    def work():
        calls.append(1)
        if len(calls) <= times:
            raise DOWN
        return result

    return work, calls


def test_an_unavailable_database_is_tried_again_until_it_answers():
    work, calls = failing(2)
    assert retrying(work, waits=(0, 0, 0)) == "done"
    assert len(calls) == 3


def test_it_gives_up_after_the_last_wait():
    work, calls = failing(10)
    with pytest.raises(OperationalError):
        retrying(work, waits=(0, 0))
    assert len(calls) == 3


def test_a_mistake_in_the_request_is_not_tried_again():
    calls = []

    def work():
        calls.append(1)
        raise IntegrityError("INSERT", {}, Exception("duplicate"))

    with pytest.raises(IntegrityError):
        retrying(work, waits=(0, 0))
    assert len(calls) == 1


def test_async_retries_too():
    work, calls = failing(1)

    async def async_work():
        return work()

    assert asyncio.run(retrying_async(async_work, waits=(0,))) == "done"
    assert len(calls) == 2


ANSWERS = Answers(phone="+33612345678", name="Nadia", consent=True)


@pytest.fixture
def database(database_url, monkeypatch):
    upgrade(database_url)
    monkeypatch.setenv("DATABASE_URL", database_url)
    return session_factory(database_url)


def test_a_booking_tried_twice_is_made_once(database, grenoble):
    first, outcome = take("nadia", "rest", ANSWERS, MONDAY_10, grenoble)
    again, outcome_again = take("nadia", "rest", ANSWERS, MONDAY_10, grenoble)
    assert (outcome, outcome_again) == ("booked", "booked")
    assert again.id == first.id
    with database() as session:
        assert session.query(Booking).count() == 1


def test_a_move_interrupted_after_the_new_booking_is_finished_when_tried_again(database, grenoble):
    with database() as session:
        old = book(session, slot_start=MONDAY_10, capacity=2, sender_id="nadia", phone="+33612345678")
        # The first attempt booked the new time, then lost the database before freeing the old.
        new = book(session, slot_start=MONDAY_10 + dt.timedelta(hours=4), capacity=2, sender_id="nadia",
                   phone="+33612345678")
    booking, outcome = take("nadia", "rest", Answers(phone="+33612345678", moving=old.id),
                            MONDAY_10 + dt.timedelta(hours=4), grenoble)
    assert (booking.id, outcome) == (new.id, "moved")
    with database() as session:
        statuses = {b.id: (b.status, b.seat) for b in session.query(Booking)}
    assert statuses == {old.id: ("moved", None), new.id: ("booked", 0)}


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(bot.storage.db, "RETRY_WAITS", (0, 0))
    return CcasTrackerStore(domain=Domain.empty(), host=f"sqlite:///{tmp_path / 'events.db'}")


def test_the_tracker_store_rides_out_a_short_outage(store, monkeypatch):
    tracker = DialogueStateTracker.from_events("nadia", [UserUttered("bonjour")])
    asyncio.run(store.save(tracker))
    original = SQLTrackerStore.retrieve
    calls = []

    async def flaky(self, sender_id):
        calls.append(1)
        if len(calls) <= 2:
            raise DOWN
        return await original(self, sender_id)

    monkeypatch.setattr(SQLTrackerStore, "retrieve", flaky)
    found = asyncio.run(FailSafeTrackerStore(store).retrieve("nadia"))
    assert found is not None and found.latest_message.text == "bonjour"
    assert len(calls) == 3


def test_a_long_outage_is_reported_not_replaced_by_an_empty_conversation(store, monkeypatch):
    async def down(self, *args):
        raise DOWN

    monkeypatch.setattr(SQLTrackerStore, "retrieve", down)
    monkeypatch.setattr(SQLTrackerStore, "save", down)
    # Rasa wraps every store in a FailSafeTrackerStore, which would return None (a blank
    # conversation) and save into memory: the outage must reach the channel instead.
    install_patches()
    failsafe = FailSafeTrackerStore(store)
    with pytest.raises(TrackerStoreUnavailable):
        asyncio.run(failsafe.retrieve("nadia"))
    with pytest.raises(TrackerStoreUnavailable):
        asyncio.run(failsafe.save(DialogueStateTracker.from_events("nadia", [UserUttered("allô")])))
    assert asyncio.run(failsafe.fallback_tracker_store.retrieve("nadia")) is None


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_action_server_gets_one_kind_answer_per_message(grenoble):
    install()
    endpoint = EndpointConfig(url=f"http://127.0.0.1:{closed_port()}/webhook")
    tracker = DialogueStateTracker.from_events("nadia", [UserUttered("je suis à découvert", message_id="m1")])
    domain = Domain.empty()

    def run(name):
        return asyncio.run(RemoteAction(name, endpoint).run(None, None, tracker, domain))

    first = run("action_budget_summary")
    assert len(first) == 1 and isinstance(first[0], BotUttered)
    assert grenoble.phone in first[0].text and "réessayer" in first[0].text
    # The form's question fails too in the same turn: the person is not told twice.
    assert run("action_ask_callback_phone") == []
    tracker.update(UserUttered("vous êtes là ?", message_id="m2"))
    assert len(run("action_budget_summary")) == 1


def test_the_action_servers_answers_are_still_checked_in_full():
    from jsonschema import ValidationError

    from rasa_ext.action_response_check import install as install_check

    install_check()
    action = RemoteAction("action_budget_summary", None)
    good = {"events": [{"event": "slot", "name": "themes", "value": ["housing"]}],
            "responses": [{"text": "Bonjour"}]}
    assert action._validate_action_result(good)
    for bad in ({"events": [{"event": "slot", "timestamp": "hier"}]}, {"events": "none"},
                {"responses": [1]}):
        with pytest.raises(ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(bad)


def test_data_the_database_refuses_is_reported_too(store, monkeypatch):
    async def refuses(self, tracker):
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(SQLTrackerStore, "save", refuses)
    failsafe = FailSafeTrackerStore(store)
    with pytest.raises(TrackerStoreUnavailable):
        asyncio.run(failsafe.save(DialogueStateTracker.from_events("nadia", [UserUttered("allô")])))
    assert asyncio.run(failsafe.fallback_tracker_store.retrieve("nadia")) is None


def test_a_crisis_gets_its_number_first_even_without_the_action_server():
    install()
    endpoint = EndpointConfig(url=f"http://127.0.0.1:{closed_port()}/webhook")
    tracker = DialogueStateTracker.from_events("nadia", [
        UserUttered("je n'en peux plus, je veux en finir", intent={"name": "crisis", "confidence": 1.0},
                    message_id="c1")])
    said = [e.text for e in asyncio.run(
        RemoteAction("action_crisis_support", endpoint).run(None, None, tracker, Domain.empty()))]
    assert "3114" in said[0]
    assert "souci technique" in said[-1]
