import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.configuration.ccas import load_national
from bot.configuration.settings import CONFIG_DIR
from bot.reading.safety import Crisis
from bot.wording import replies
from tests.ccas_configs import BESANCON, GRENOBLE

PARIS = ZoneInfo("Europe/Paris")
NATIONAL = load_national(CONFIG_DIR / "national.yml")
SATURDAY_NIGHT = dt.datetime(2026, 11, 21, 22, 0, tzinfo=PARIS)
TUESDAY_MORNING = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("ccas", [GRENOBLE, BESANCON], ids=["grenoble", "besancon"])
def test_welcome_discloses_and_comes_from_configuration(ccas):
    text = " ".join(replies.welcome(ccas, SATURDAY_NIGHT))
    for word in ("assistant automatique", "pas une personne", "gratuit", "confidentiel",
                 "ouvert à tous", "anonyme"):
        assert word in text
    assert ccas.name in text
    assert "lundi 23 novembre à" in text
    other = BESANCON if ccas is GRENOBLE else GRENOBLE
    assert other.name not in text


def test_welcome_during_hours_gives_the_direct_line():
    text = " ".join(replies.welcome(GRENOBLE, TUESDAY_MORNING))
    assert "En ce moment" in text and GRENOBLE.phone in text


@pytest.mark.parametrize(
    "kind,number",
    [(Crisis.SUICIDE, "3114"), (Crisis.VIOLENCE, "3919"), (Crisis.SHELTER, "115"), (Crisis.CHILD, "119")],
)
def test_crisis_number_comes_first(kind, number):
    messages = replies.crisis([kind], NATIONAL, GRENOBLE)
    assert number in messages[0]
    assert "Je reste là" in messages[-1]


def test_suicide_reply_names_the_emergency_numbers():
    first = replies.crisis([Crisis.SUICIDE], NATIONAL, GRENOBLE)[0]
    assert "15 ou le 112" in first


def test_unnamed_crisis_lists_every_number():
    first = replies.crisis([], NATIONAL, GRENOBLE)[0]
    for number in ("3114", "3919", "115", "119", "112"):
        assert number in first


def test_several_crises_get_each_their_number():
    messages = replies.crisis([Crisis.VIOLENCE, Crisis.SHELTER], NATIONAL, GRENOBLE)
    assert "3919" in messages[0] and "115" in messages[1]


def test_reflection_names_the_themes_and_the_truce_in_winter():
    messages = replies.reflection(["housing", "energy"], [], NATIONAL, dt.date(2026, 12, 2))
    assert messages[0].startswith("Si je comprends bien, vous me parlez de votre loyer")
    assert "des factures d'énergie" in messages[0]
    assert any("trêve hivernale" in m and "31 mars" in m for m in messages)


def test_reflection_in_summer_has_no_truce():
    messages = replies.reflection(["energy"], [], NATIONAL, dt.date(2026, 6, 2))
    assert not any("trêve" in m for m in messages)


def test_reflection_does_not_repeat_known_themes():
    assert replies.reflection(["housing"], ["housing"], NATIONAL, dt.date(2026, 6, 2)) == [
        "Merci pour ces précisions, elles aideront la conseillère."
    ]
    first_time = replies.reflection([], [], NATIONAL, dt.date(2026, 6, 2))
    assert "bien fait d'en parler" in first_time[0]


def test_health_reflection_asks_for_no_details():
    text = " ".join(replies.reflection(["health"], [], NATIONAL, dt.date(2026, 6, 2)))
    assert "pas besoin de m'en dire plus sur votre santé" in text
