import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.callbacks.schedule import (
    format_weekly_hours,
    in_winter_truce,
    is_open,
    next_opening,
)
from bot.wording.formats import format_moment_fr
from tests.ccas_configs import BESANCON

PARIS = ZoneInfo("Europe/Paris")


def at(*args):
    return dt.datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    "moment,expected",
    [
        (at(2026, 11, 23, 9, 0), True),  # Monday, opening minute
        (at(2026, 11, 23, 11, 59), True),
        (at(2026, 11, 23, 12, 0), False),  # lunch break
        (at(2026, 11, 23, 14, 30), True),
        (at(2026, 11, 23, 17, 0), False),
        (at(2026, 11, 21, 10, 0), False),  # Saturday
        (at(2026, 12, 25, 10, 0), False),  # Christmas, a Friday
        (at(2026, 11, 11, 10, 0), False),  # Armistice, a Wednesday
        (at(2026, 5, 14, 10, 0), False),  # Ascension
    ],
)
def test_is_open_grenoble(moment, expected, grenoble):
    assert is_open(grenoble, moment) is expected


def test_friday_evening_reopens_monday_morning(grenoble):
    assert next_opening(grenoble, at(2026, 11, 20, 18, 30)) == at(2026, 11, 23, 9, 0)


def test_before_a_public_holiday_skips_it(grenoble):
    # Thursday 24 Dec 2026 after closing; Friday 25 is Christmas -> Monday 28.
    assert next_opening(grenoble, at(2026, 12, 24, 17, 30)) == at(2026, 12, 28, 9, 0)


def test_lunch_break_reopens_same_afternoon(grenoble):
    assert next_opening(grenoble, at(2026, 11, 24, 12, 30)) == at(2026, 11, 24, 14, 0)


def test_inside_opening_hours_is_now(grenoble):
    moment = at(2026, 11, 24, 10, 15)
    assert next_opening(grenoble, moment) == moment


def test_utc_input_is_read_in_local_time(grenoble):
    # 08:30 UTC in November is 09:30 in Paris.
    assert is_open(grenoble, dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.timezone.utc))


def test_naive_datetime_is_refused(grenoble):
    with pytest.raises(ValueError):
        is_open(grenoble, dt.datetime(2026, 11, 23, 10, 0))


def test_weekly_hours_in_french(grenoble):
    assert format_weekly_hours(grenoble) == (
        "du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h, hors jours fériés"
    )
    text = format_weekly_hours(BESANCON)
    assert text.startswith("le lundi, le mardi et le jeudi, de 8 h 30 à 12 h et de 13 h 30 à 17 h")
    assert "le mercredi, de 8 h 30 à 12 h" in text


def test_moments_in_french():
    now = at(2026, 11, 20, 18, 0)
    assert format_moment_fr(at(2026, 11, 20, 19, 0), now) == "aujourd'hui à 19 h"
    assert format_moment_fr(at(2026, 11, 21, 9, 30), now) == "demain à 9 h 30"
    assert format_moment_fr(at(2026, 11, 23, 9, 0), now) == "lundi 23 novembre à 9 h"


@pytest.mark.parametrize(
    "day,expected",
    [
        (dt.date(2026, 11, 1), True),
        (dt.date(2026, 12, 31), True),
        (dt.date(2027, 1, 15), True),
        (dt.date(2027, 3, 31), True),
        (dt.date(2027, 4, 1), False),
        (dt.date(2026, 10, 31), False),
    ],
)
def test_winter_truce_spans_new_year(day, expected):
    assert in_winter_truce((11, 1), (3, 31), day) is expected
