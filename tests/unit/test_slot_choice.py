"""Which slot a typed answer picks, and which slots are offered as buttons."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.callbacks.availability import upcoming_slots
from bot.callbacks.slot_choice import choose, choose_among, slot_phrase, slot_title, spread_offers
from bot.reading.preferences import parse_preference
from tests.ccas_configs import GRENOBLE

PARIS = ZoneInfo("Europe/Paris")
# Tuesday 24 November 2026, 10:00.
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
FREE = upcoming_slots(GRENOBLE, NOW)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=PARIS)


def test_default_offers_spread_over_the_next_half_days():
    assert spread_offers(FREE) == [at(24, 10, 30), at(24, 14), at(25, 9), at(25, 14)]


def test_a_button_phrase_reads_back_as_exactly_its_slot():
    for slot in FREE[:40]:
        choice = choose(slot_phrase(slot), FREE, NOW, GRENOBLE)
        assert (choice.outcome, choice.slot) == ("chosen", slot), slot_phrase(slot)


def test_button_titles_say_today_tomorrow_or_the_date():
    assert slot_title(at(24, 14), NOW) == "Aujourd'hui à 14 h"
    assert slot_title(at(25, 9, 30), NOW) == "Demain à 9 h 30"
    assert slot_title(at(30, 16), NOW) == "Lundi 30 novembre à 16 h"


@pytest.mark.parametrize("message, expected", [
    ("le plus tôt possible", at(24, 10, 30)),
    ("dès que possible svp", at(24, 10, 30)),
    ("lundi vers 10h", at(30, 10)),
    ("jeudi à 15h30", at(26, 15, 30)),
    ("demain vers 11h", at(25, 11)),
    ("mardi 1er décembre à 9 h", at(1, 9, month=12)),
    ("demain matin au plus tôt", at(25, 9)),
    ("vers 3h", at(24, 15)),  # 3 o'clock in office hours is 15 h
])
def test_precise_answers_pick_one_slot(message, expected):
    choice = choose(message, FREE, NOW, GRENOBLE)
    assert (choice.outcome, choice.slot) == ("chosen", expected)


def test_a_half_day_takes_its_first_free_moment():
    choice = choose("jeudi après-midi", FREE, NOW, GRENOBLE)
    assert choice.outcome == "chosen" and choice.slot == at(26, 14)
    assert choose("jeudi aprem c le mieux", FREE, NOW, GRENOBLE).slot == at(26, 14)


def test_a_day_alone_offers_the_slots_that_fit():
    choice = choose("jeudi", FREE, NOW, GRENOBLE)
    assert choice.outcome == "pick" and {s.date() for s in choice.offers} == {dt.date(2026, 11, 26)}
    tomorrow = choose("demain", FREE, NOW, GRENOBLE)
    assert tomorrow.outcome == "pick"
    assert {s.date() for s in tomorrow.offers} == {dt.date(2026, 11, 25)}
    assert {s.hour < 12 for s in tomorrow.offers} == {True, False}  # morning and afternoon


def test_a_weekend_or_holiday_is_explained_and_the_next_days_offered():
    saturday = choose("samedi matin", FREE, NOW, GRENOBLE)
    assert saturday.outcome == "closed_day" and saturday.day == dt.date(2026, 11, 28)
    assert saturday.offers[0] == at(30, 9)
    christmas = choose("le 25 décembre", upcoming_slots(GRENOBLE, NOW, days=40), NOW, GRENOBLE)
    assert christmas.outcome == "closed_day" and christmas.offers[0] == at(28, 9, month=12)


def test_a_time_outside_hours_offers_the_nearest_times():
    choice = choose("lundi à 18h", FREE, NOW, GRENOBLE)
    assert choice.outcome == "not_at_time" and choice.time == dt.time(18, 0)
    assert choice.offers[0] == at(30, 16, 30)  # the last slot of that Monday
    assert all(s.time() == dt.time(16, 30) for s in choice.offers)


def test_a_full_day_offers_later_slots():
    free = [s for s in FREE if s.date() != dt.date(2026, 11, 26)]
    choice = choose("jeudi", free, NOW, GRENOBLE)
    assert choice.outcome == "none_fit"
    assert choice.offers and all(s.date() > dt.date(2026, 11, 26) for s in choice.offers)


def test_an_answer_about_something_else_is_not_understood():
    for message in ("oui", "je sais pas", "06 12 34 56 78", "j'ai peur pour mon loyer"):
        choice = choose(message, FREE, NOW, GRENOBLE)
        assert choice.outcome == "not_understood", message
        assert len(choice.offers) == 4


def test_amounts_are_not_read_as_times():
    assert parse_preference("à 500 euros par mois", NOW.date()) is None


THURSDAY_OFFERS = [at(26, 9), at(26, 10), at(26, 14), at(26, 15, 30)]


@pytest.mark.parametrize("answer, expected", [
    ("le premier", at(26, 9)),
    ("la deuxième svp", at(26, 10)),
    ("le 3e", at(26, 14)),
    ("le dernier", at(26, 15, 30)),
    ("15h", at(26, 15)),  # a time on the day just offered, even when not among the buttons
    ("celui de 10 h", at(26, 10)),
    ("oui ça me va", at(26, 9)),
    ("la même heure vendredi", at(27, 9)),
])
def test_an_answer_picks_among_the_slots_just_offered(answer, expected):
    choice = choose_among(answer, THURSDAY_OFFERS, FREE, NOW)
    assert choice is not None and choice.slot == expected
    assert choice.slot.date() == expected.date()  # never another day than the one asked


@pytest.mark.parametrize("answer", ["finalement plutôt mercredi", "non attendez", "mercredi matin"])
def test_an_answer_about_another_day_is_read_on_its_own(answer):
    assert choose_among(answer, THURSDAY_OFFERS, FREE, NOW) is None
    if "mercredi" in answer:
        choice = choose(answer, FREE, NOW, GRENOBLE)
        days = {s.date() for s in ([choice.slot] if choice.slot else choice.offers)}
        assert days == {dt.date(2026, 11, 25)}


def test_a_time_taken_gives_the_nearest_free_moment_and_says_which_time_was_asked():
    free = [at(26, 14, 30), at(26, 15, 30), at(26, 16)]
    choice = choose("jeudi 15h", free, NOW, GRENOBLE)
    assert choice.outcome == "chosen" and choice.slot in (at(26, 14, 30), at(26, 15, 30))
    assert choice.time == dt.time(15, 0)  # the reply says 15 h was not free
    exact = choose("jeudi 15h30", free, NOW, GRENOBLE)
    assert exact.slot == at(26, 15, 30)


def test_a_time_alone_said_of_a_booked_callback_keeps_its_day():
    from bot.callbacks.slot_choice import choose_keeping_day
    free = [at(25, 10), at(26, 9), at(26, 10), at(26, 11), at(27, 10)]
    booked = at(26, 9)
    assert choose("10h plutôt", free, NOW, GRENOBLE).slot == at(25, 10)  # without the booked day
    assert choose_keeping_day("10h plutôt", free, booked, NOW, GRENOBLE).slot == at(26, 10)
    assert choose_keeping_day("vendredi 10h", free, booked, NOW, GRENOBLE).slot == at(27, 10)  # a day said
    # Nothing near 16 h that day: read as without a booking.
    assert choose_keeping_day("16h", free, booked, NOW, GRENOBLE) == choose("16h", free, NOW, GRENOBLE)


def test_the_first_moment_of_the_day_offered_is_taken_when_the_person_moves_on():
    import datetime as dt
    from zoneinfo import ZoneInfo

    from bot.callbacks.slot_choice import first_offer_of_their_day

    paris = ZoneInfo("Europe/Paris")
    friday = [dt.datetime(2026, 11, 27, h, 0, tzinfo=paris) for h in (14, 15, 16)]

    picked = {"outcome": "pick", "day": "2026-11-27"}
    assert first_offer_of_their_day(picked, friday, friday[1:]) == friday[1]  # 14 h was taken
    # Offers that were not for a day the person named: nothing is taken for them.
    assert first_offer_of_their_day({"outcome": "not_understood"}, friday, friday) is None
    assert first_offer_of_their_day(None, friday, friday) is None
