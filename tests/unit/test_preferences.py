import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.callbacks.availability import upcoming_slots
from bot.reading.preferences import Preference, matching_slots, parse_preference
from tests.ccas_configs import GRENOBLE

PARIS = ZoneInfo("Europe/Paris")
THURSDAY = dt.date(2026, 11, 19)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("demain matin", Preference(day=dt.date(2026, 11, 20), part="morning")),
        ("jeudi après-midi", Preference(day=THURSDAY, part="afternoon")),
        ("jeudi prochain", Preference(day=dt.date(2026, 11, 26))),
        ("lundi vers 10h", Preference(day=dt.date(2026, 11, 23), part="morning", around=dt.time(10))),
        ("mardi 14h30", Preference(day=dt.date(2026, 11, 24), part="afternoon", around=dt.time(14, 30))),
        ("le plus tôt possible", Preference(earliest=True)),
        ("n'importe quand", Preference(earliest=True)),
        ("plutôt l'aprem", Preference(part="afternoon")),
        ("le 24 novembre", Preference(day=dt.date(2026, 11, 24))),
        ("le 3", Preference(day=dt.date(2026, 12, 3))),
        ("vers 3h", Preference(part="afternoon", around=dt.time(15))),
        ("la semaine prochaine", Preference(not_before=dt.date(2026, 11, 23))),
        ("bonjour", None),
        ("j'ai 2 enfants", None),
        ("1800 à 2", None),
        ("jeudi, à n'importe quelle heure", Preference(day=THURSDAY, earliest=True)),
        ("vendredi après 14h", Preference(day=dt.date(2026, 11, 20), earliest=True, after=dt.time(14))),
        ("on est à 3 dans le logement", None),
        ("mardi à 2", Preference(day=dt.date(2026, 11, 24), part="afternoon", around=dt.time(14))),
    ],
)
def test_parse_preference(text, expected):
    assert parse_preference(text, THURSDAY) == expected


def _slots():
    return upcoming_slots(GRENOBLE, dt.datetime(2026, 11, 19, 8, 0, tzinfo=PARIS))


def test_monday_around_ten_gives_the_nearest_slots():
    preference = parse_preference("lundi vers 10h", THURSDAY)
    slots = matching_slots(preference, _slots())
    assert [s.strftime("%a %H:%M") for s in slots] == ["Mon 10:00", "Mon 09:30", "Mon 10:30"]


def test_tomorrow_morning_stays_in_the_morning():
    slots = matching_slots(parse_preference("demain matin", THURSDAY), _slots(), limit=10)
    assert slots and all(s.date() == dt.date(2026, 11, 20) and s.hour < 12 for s in slots)


def test_earliest_is_the_first_free_slot():
    assert matching_slots(Preference(earliest=True), _slots())[0] == _slots()[0]


def test_no_slot_on_a_weekend_day():
    assert matching_slots(parse_preference("samedi matin", THURSDAY), _slots()) == []


SUNDAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("text, excluded", [
    ("plutôt le matin, pas le lundi", (0,)),
    ("n'importe quand sauf mercredi", (2,)),
    ("le mercredi j'ai les enfants", (2,)),
])
def test_days_that_do_not_suit_are_excluded_not_chosen(text, excluded):
    preference = parse_preference(text, SUNDAY)
    assert preference.excluded_days == excluded and preference.day is None


@pytest.mark.parametrize("text, part", [
    ("pas le matin j'ai cours", "afternoon"),
    ("le mardi ou le jeudi mais l'après-midi, le matin on est chez le kiné", "afternoon"),
    ("pas l'après-midi", "morning"),
])
def test_the_part_of_the_day_read_with_its_negation(text, part):
    assert parse_preference(text, SUNDAY).part == part


def test_constraints_read_for_the_counsellor():
    from bot.reading.preferences import constraints_fr

    assert constraints_fr({"excluded_days": [2], "part": "morning", "after": "16:00:00", "before": None}) == [
        "pas le mercredi", "plutôt le matin", "après 16 h"]
    assert constraints_fr({"excluded_days": [], "part": None, "after": None, "before": "10:30:00"}) == [
        "avant 10 h 30"]
    assert constraints_fr(None) == [] and constraints_fr({}) == []


@pytest.mark.parametrize("text, part", [
    ("le matin je travaille, l'aprem ça ira", "afternoon"),
    ("l'après-midi on est à l'hôpital, le matin c'est mieux", "morning"),
])
def test_a_half_day_that_does_not_suit_or_does(text, part):
    assert parse_preference(text, SUNDAY).part == part


def test_the_day_settled_on_wins_over_the_day_ruled_out():
    preference = parse_preference("mercredi j'ai rdv, alors plutôt lundi", SUNDAY)
    assert preference.day.weekday() == 0
    assert preference.excluded_days == (2,)
    assert parse_preference("le mardi ou le vendredi", SUNDAY).day.weekday() == 1


def test_the_end_or_start_of_a_half_day_bounds_the_time():
    late = parse_preference("mercredi en fin d'après-midi", SUNDAY)
    assert late.after == dt.time(16, 0) and late.earliest
    early = parse_preference("en début de matinée si possible", SUNDAY)
    assert early.before == dt.time(10, 0) and early.part == "morning"


def test_any_day_is_the_first_moment_that_fits():
    assert parse_preference("peu importe le jour", SUNDAY).earliest


def test_a_day_already_taken_and_the_day_put_instead():
    said = "lundi après-midi j'ai le dentiste, vous pouvez mettre mercredi plutôt ?"
    preference = parse_preference(said, SUNDAY)
    assert preference.day.weekday() == 2 and preference.excluded_days == (0,)
    assert parse_preference("mardi j'ai le temps", SUNDAY).excluded_days == ()


def test_busy_until_a_time_means_free_after_it():
    preference = parse_preference("je bosse jusqu'à 16h en semaine", SUNDAY)
    assert preference.after == dt.time(16, 0) and preference.before is None
    assert parse_preference("rappelez-moi jusqu'à 11h", SUNDAY).before == dt.time(11, 0)


def test_a_date_busy_until_is_a_lower_bound_not_the_day_asked():
    said = "je suis en stage jusqu'au 18 décembre, après ça va. le lundi 21 décembre ?"
    assert parse_preference(said, SUNDAY).day == dt.date(2026, 12, 21)
    preference = parse_preference("je suis à l'hôpital jusqu'au 2 décembre", SUNDAY)
    assert preference.day is None and preference.not_before == dt.date(2026, 12, 3)
    assert parse_preference("pas avant le 7 décembre", SUNDAY).not_before == dt.date(2026, 12, 7)
