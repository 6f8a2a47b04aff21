"""Callback slots and bookings against real databases: a SQLite file and a PostgreSQL server."""
import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest

from bot.callbacks.availability import day_slots, upcoming_slots
from bot.callbacks.bookings import (
    SlotFull,
    active_booking,
    book,
    booked_count,
    cancel,
    free_slots,
    move,
    slot_start_of,
    upcoming,
)
from bot.storage.db import session_factory
from bot.storage.migrate import upgrade

PARIS = ZoneInfo("Europe/Paris")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)


@pytest.fixture
def sessions(database_url):
    upgrade(database_url)  # the schema as Alembic builds it, as in production
    return session_factory(database_url)


def test_day_slots_follow_opening_hours(grenoble):
    slots = day_slots(grenoble, dt.date(2026, 11, 23))
    assert len(slots) == 12  # 3 h in the morning + 3 h in the afternoon, 30-minute slots
    assert slots[0] == MONDAY_10.replace(hour=9)
    assert slots[5] == MONDAY_10.replace(hour=11, minute=30)
    assert slots[6] == MONDAY_10.replace(hour=14)
    assert day_slots(grenoble, dt.date(2026, 12, 25)) == []  # Christmas
    assert day_slots(grenoble, dt.date(2026, 11, 22)) == []  # Sunday


def test_friday_evening_offers_monday_first(grenoble):
    friday_evening = dt.datetime(2026, 11, 20, 19, 0, tzinfo=PARIS)
    assert upcoming_slots(grenoble, friday_evening)[0] == MONDAY_10.replace(hour=9)


def test_slots_need_some_notice(grenoble):
    slots = upcoming_slots(grenoble, MONDAY_10.replace(minute=5))
    assert slots[0] == MONDAY_10.replace(hour=11)


def test_a_slot_takes_as_many_calls_as_counsellors(sessions):
    with sessions() as session:
        book(session, slot_start=MONDAY_10, capacity=2, sender_id="a", phone="+33612345678")
        book(session, slot_start=MONDAY_10, capacity=2, sender_id="b", phone="+33612345679")
        with pytest.raises(SlotFull):
            book(session, slot_start=MONDAY_10, capacity=2, sender_id="c", phone="+33612345670")
        assert booked_count(session, MONDAY_10) == 2
        other = MONDAY_10 + dt.timedelta(minutes=30)
        assert free_slots(session, [MONDAY_10, other], 2) == [other]


def test_cancelling_frees_the_seat(sessions):
    with sessions() as session:
        first = book(session, slot_start=MONDAY_10, capacity=1, sender_id="a", phone="+33612345678")
        cancel(session, first.id)
        again = book(session, slot_start=MONDAY_10, capacity=1, sender_id="b", phone="+33612345679")
        assert again.seat == 0
        assert active_booking(session, "a") is None
        assert active_booking(session, "b").id == again.id


def test_concurrent_bookings_never_exceed_capacity(sessions):
    capacity, people = 2, 12
    barrier = threading.Barrier(people)
    outcomes: list[str] = []
    lock = threading.Lock()

    def take(index: int) -> None:
        with sessions() as session:
            barrier.wait()
            try:
                book(session, slot_start=MONDAY_10, capacity=capacity, sender_id=f"p{index}",
                     phone="+33612345678")
                result = "booked"
            except SlotFull:
                result = "full"
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=take, args=(i,)) for i in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked"] * capacity + ["full"] * (people - capacity)
    with sessions() as session:
        assert booked_count(session, MONDAY_10) == capacity


def test_naive_times_are_refused(sessions):
    with sessions() as session, pytest.raises(ValueError):
        book(session, slot_start=dt.datetime(2026, 11, 23, 10), capacity=1, sender_id="a", phone="x")


def test_moving_takes_the_new_slot_then_frees_the_old_one(sessions):
    later = MONDAY_10 + dt.timedelta(days=1)
    with sessions() as session:
        first = book(session, slot_start=MONDAY_10, capacity=1, sender_id="a", phone="+33612345678",
                     pseudonym="Sam", consent_transcript=True)
        moved = move(session, first.id, slot_start=later, capacity=1)
        assert (moved.sender_id, moved.phone, moved.pseudonym, moved.consent_transcript) == (
            "a", "+33612345678", "Sam", True)
        assert slot_start_of(moved) == later
        assert session.get(type(first), first.id).status == "moved"
        assert booked_count(session, MONDAY_10) == 0
        assert active_booking(session, "a").id == moved.id


def test_moving_to_a_full_slot_keeps_the_old_booking(sessions):
    later = MONDAY_10 + dt.timedelta(days=1)
    with sessions() as session:
        mine = book(session, slot_start=MONDAY_10, capacity=1, sender_id="a", phone="+33612345678")
        book(session, slot_start=later, capacity=1, sender_id="b", phone="+33612345679")
        with pytest.raises(SlotFull):
            move(session, mine.id, slot_start=later, capacity=1)
        assert active_booking(session, "a").id == mine.id
        assert booked_count(session, MONDAY_10) == 1


def test_upcoming_lists_booked_callbacks_soonest_first(sessions):
    with sessions() as session:
        late = book(session, slot_start=MONDAY_10 + dt.timedelta(hours=4), capacity=1, sender_id="a",
                    phone="+33612345678")
        soon = book(session, slot_start=MONDAY_10, capacity=1, sender_id="b", phone="+33612345679")
        gone = book(session, slot_start=MONDAY_10 + dt.timedelta(hours=1), capacity=1, sender_id="c",
                    phone="+33612345670")
        past = book(session, slot_start=MONDAY_10 - dt.timedelta(days=3), capacity=1, sender_id="d",
                    phone="+33612345671")
        cancel(session, gone.id)
        found = [b.id for b in upcoming(session, MONDAY_10.replace(hour=0))]
        assert found == [soon.id, late.id]
        assert past.id not in found


def test_a_past_callback_is_no_longer_active(sessions):
    with sessions() as session:
        book(session, slot_start=MONDAY_10, capacity=1, sender_id="a", phone="+33612345678")
        assert active_booking(session, "a", after=MONDAY_10 + dt.timedelta(hours=2)) is None
        assert active_booking(session, "a", after=MONDAY_10 - dt.timedelta(hours=2)) is not None
