import datetime as dt

from bot.handovers.handover import when_fr
from bot.wording.formats import format_day_fr, format_day_month_fr, format_time_fr, join_fr


def test_times_in_french_typography():
    assert format_time_fr(dt.time(9, 0)) == "9 h"
    assert format_time_fr(dt.time(13, 5)) == "13 h 05"


def test_the_first_of_the_month_is_1er_everywhere():
    assert format_day_fr(dt.date(2026, 12, 1)) == "mardi 1er décembre"
    assert format_day_fr(dt.date(2026, 11, 23)) == "lundi 23 novembre"
    assert format_day_fr(dt.date(2026, 12, 1), year=True) == "mardi 1er décembre 2026"
    assert format_day_month_fr((4, 1)) == "1er avril"
    assert format_day_month_fr((3, 31)) == "31 mars"
    # The counsellors' list and handover use the same formatter.
    assert when_fr(dt.datetime(2026, 12, 1, 9, 30)) == "mardi 1er décembre 2026 à 9 h 30"


def test_lists_joined_with_et():
    assert join_fr([]) == ""
    assert join_fr(["le loyer"]) == "le loyer"
    assert join_fr(["le loyer", "l'eau", "la mutuelle"]) == "le loyer, l'eau et la mutuelle"
