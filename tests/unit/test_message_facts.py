"""Facts read from any message besides figures: the household, themes with their negations,
who referred the person (not who wrote to them), a time to be called."""
import datetime as dt

import pytest

from bot.callback_wish import mentions_callback_time
from bot.ccas import current_ccas
from bot.household import read_household
from bot.referral import referral_sources
from bot.themes import detect_themes

SUNDAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("text, expected", [
    ("on est deux adultes et trois enfants", (2, 3)),
    ("je vis seul, pas d'enfants", (1, 0)),
    ("maman solo avec 2 petits", (1, 2)),
    ("ma femme et moi avec nos 4 gamins", (2, 4)),
    ("en fait on est 5 avec les 3 enfants", (2, 3)),
    ("ah non on est 2 adultes", (2, None)),
    ("mon fils est malade", (None, None)),  # a child named in passing is not a count
    ("j'ai 38 ans", (None, None)),
    ("mon ex garde les 2 enfants un week-end sur deux", (None, 2)),
])
def test_household_said_anywhere(text, expected):
    assert read_household(text) == expected


@pytest.mark.parametrize("text, absent", [
    ("pas de crédit", "credit"),
    ("on a aucune dette", "credit"),
    ("je suis au rsa depuis un an", "job_loss"),
    ("mutuelle 40", "health"),
])
def test_a_theme_said_in_the_negative_or_as_an_income_is_not_raised(text, absent):
    assert absent not in detect_themes(text)


def test_a_theme_said_plainly_is_raised():
    assert detect_themes("j'ai un crédit cofidis et plus de boulot") == ["credit", "job_loss"]


@pytest.mark.parametrize("text", [
    "le bailleur m'a envoyé un commandement de payer",
    "ma banque m'a envoyé une lettre de clôture",
    "edf m'a dit qu'ils allaient couper",
])
def test_who_wrote_to_the_person_did_not_refer_them(text):
    assert referral_sources([text], current_ccas().partners) == []


@pytest.mark.parametrize("text", [
    "c'est mon assistante sociale qui m'a dit de vous écrire",
    "mon bailleur m'a donné votre numéro",
    "envoyée par ma conseillère bancaire",
])
def test_who_sent_the_person_is_a_referral(text):
    assert referral_sources([text], current_ccas().partners)


@pytest.mark.parametrize("text, intent, expected", [
    ("rappelez-moi jeudi matin", None, True),
    ("mercredi vers 15h", None, True),
    ("je peux être appelée le plus tôt possible ?", None, True),
    ("on me coupe le gaz demain", None, False),
    ("le loyer est dû le 5", None, False),
    ("lundi", "request_human", True),
])
def test_a_time_to_be_called(text, intent, expected):
    assert mentions_callback_time(text, SUNDAY, intent) is expected


@pytest.mark.parametrize("text, expected", [
    ("Oui, rappelez-moi, mais pas le mercredi, j'ai les enfants", True),
    ("ok pour un appel mais seulement après 16h", True),
    ("vous pouvez m'appeler Mathis", False),  # a name, not a request
    ("non merci, pas besoin de rappel", False),
    ("j'ai appelé le 115 hier", False),
    ("je voudrais déplacer mon rappel", False),
])
def test_a_plain_request_to_be_called(text, expected):
    from bot.callback_wish import asks_for_callback_not_naming
    assert asks_for_callback_not_naming(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("chuis seul, 24 ans", (1, None)),
    ("mon conjoint est en intérim", (2, None)),
    ("mon mari est parti l'an dernier", (None, None)),  # not living together any more
    ("nous avons une petite de 3 ans", (None, 1)),
    ("moi et mon fils", (1, 1)),
    ("non on est 4 enfants en fait", (None, 4)),  # children counted, not the whole household
])
def test_more_ways_to_say_the_household(text, expected):
    assert read_household(text) == expected
