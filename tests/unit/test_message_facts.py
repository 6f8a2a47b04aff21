"""Facts read from any message besides figures: the household, themes with their negations,
who referred the person (not who wrote to them), a time to be called."""
import datetime as dt

import pytest

from bot.configuration.ccas import current_ccas
from bot.reading.callback_wish import changes_moment, mentions_callback_time
from bot.reading.household import read_household
from bot.reading.referral import referral_sources
from bot.reading.themes import detect_themes

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
    ("vendredi matin, n'importe quelle heure", None, True),
    ("1800 a 2", None, False),
    ("oui je veux bien, le jeudi après 15h", None, True),  # an income for two, answering the income question
    ("d'accord, on va en discuter ce soir et on revient vers vous", None, False),
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
    from bot.reading.callback_wish import asks_for_callback_not_naming
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


def test_a_moment_typed_at_the_phone_question_chooses_the_moment_again():
    today = dt.date(2026, 11, 23)
    assert changes_moment("mercredi apres-midi, n'importe quelle heure", today, "callback_phone")
    assert not changes_moment("06 12 34 56 78", today, "callback_phone")
    assert not changes_moment("mercredi apres-midi, n'importe quelle heure, je serai chez ma mere", today,
                              "callback_name")
    assert changes_moment("ah non plutôt vendredi", today, "callback_consent")


def test_after_a_callback_offer_a_moment_is_a_wish_to_be_called_then():
    today = dt.date(2026, 11, 23)
    message = "Le jeudi après-midi c'est mieux, vers 15 heures, le matin j'ai l'infirmière."
    assert not mentions_callback_time(message, today, "inform")
    assert mentions_callback_time(message, today, "inform", callback_offered=True)
    assert not mentions_callback_time("j'ai 3 mois de retard", today, "inform", callback_offered=True)


def test_after_a_callback_offer_a_moment_or_a_number_takes_it():
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    from bot.reading.callback_wish import takes_callback_offer
    from rasa_ext.components.callback_offer_policy import callback_was_offered

    today = dt.date(2026, 11, 23)
    offer = BotUttered("Voulez-vous qu'elle vous rappelle ?",
                       {"buttons": [{"title": "Oui", "payload": "/request_human"}]})
    events = [UserUttered("non"), offer, ActionExecuted("action_listen"), UserUttered("mardi 14h")]
    assert callback_was_offered(events)
    assert not callback_was_offered([*events, BotUttered("ok"), UserUttered("mardi 14h")])
    for message in ("mardi 14h", "0698765432", "je veux bien que quelqu'un m'appelle"):
        assert takes_callback_offer(message, "inform", True, today)
        assert not takes_callback_offer(message, "inform", False, today)
    assert not takes_callback_offer("j'ai 3 mois de loyer en retard", "inform", True, today)
    assert not takes_callback_offer("non merci", "deny", True, today)  # the rules answer a no
    assert not takes_callback_offer("mardi 14h", "crisis", True, today)


@pytest.mark.parametrize("text,name", [
    ("06 98 12 34 56, je m'appelle Inès", "Inès"),
    ("Pouvez-vous me rappeler lundi à 9h au 06 14 25 36 47 ? Merci, Olivier", "Olivier"),
    ("moi c'est Karim, j'ai 2 enfants", "Karim"),
    ("mon prénom c'est jean-luc", "Jean-luc"),
    ("merci beaucoup", None), ("Merci Madame", None), ("merci bcp", None),
    ("moi c'est pareil", None), ("je m'appelle comme vous voulez", None), ("merci pour tout", None),
])
def test_a_name_given_in_passing(text, name):
    from bot.reading.pseudonym import name_in_message

    assert name_in_message(text) == name


@pytest.mark.parametrize("text,cancels", [
    ("finalement annulez svp, ma tante va m'aider", True), ("oui annulez", True),
    ("je voudrais annuler mon rdv de mardi", True), ("plus besoin du rappel merci", True),
    ("est-ce qu'on peut annuler mes dettes ?", False), ("annulez mes dettes svp", False),
    ("n'annulez pas surtout", False), ("je ne veux pas annuler", False),
])
def test_a_cancellation_is_read_from_its_words(text, cancels):
    from bot.reading.callback_wish import cancels_callback

    assert cancels_callback(text) is cancels


def test_the_callback_offer_is_read_the_same_from_action_server_events():
    from bot.reading.callback_wish import callback_offered_before

    offer = ("bot", [{"title": "Oui", "payload": "/request_human"}])
    assert callback_offered_before([("user", []), ("action", []), offer, ("user", [])])
    assert not callback_offered_before([("user", []), ("bot", [{"payload": "/deny"}]), ("user", [])])
    assert not callback_offered_before([offer, ("user", [])])  # shown after the latest message


def test_booking_in_words_is_asking_for_the_callback():
    from bot.reading.callback_wish import asks_for_callback
    assert asks_for_callback("bon d'accord je réserve, mardi vers 11h")
    assert asks_for_callback("je voudrais prendre rendez-vous avec une conseillère")
    assert not asks_for_callback("je réserve pas tout de suite, je réfléchis")


def test_asking_for_a_person_is_asking_for_the_callback():
    from bot.reading.callback_wish import asks_for_callback
    assert asks_for_callback("bon ben passez-moi quelqu'un alors")
    assert asks_for_callback("je veux une vraie personne, pas un robot")
    assert not asks_for_callback("je veux une aide pour le loyer")


@pytest.mark.parametrize("text, expected", [
    # The partner named is no longer there.
    ("je suis veuf depuis le décès de mon épouse en mars", (1, None)),
    ("j'ai quitté la maison avec ma fille de 6 ans, mon mari me battait", (1, 1)),
    ("je viens de me séparer, les factures sont toutes à mon nom", (1, None)),
    # "que moi" said of something else is no household.
    ("mes comptes ça regarde que moi", (None, None)),
    ("y a que moi à la maison", (1, None)),
    # Adults then children, added.
    ("on est 2 et 3 petits", (2, 3)),
    ("nous sommes 2 plus un bébé", (2, 1)),
])
def test_who_is_still_at_home(text, expected):
    assert read_household(text) == expected


@pytest.mark.parametrize("text", [
    "j'ai juste une petite pension de réversion de 300",
    "moi un petit boulot à 700 et ma femme rien",
])
def test_a_little_job_or_pension_is_no_child(text):
    from bot.reading.household import parse_household
    household = parse_household(text)
    assert getattr(household, "children", 0) == 0


def test_a_child_still_to_be_born_is_not_counted_yet():
    assert read_household("nous sommes 2, et ma compagne est enceinte") == (2, None)
    from bot.reading.household import parse_household
    assert parse_household("on est deux et on attend un bébé en avril").children == 0


def test_who_sent_a_couple_is_read_as_for_one_person():
    sources = referral_sources(["notre assistante sociale nous a dit de vous écrire"], ())
    assert sources == ["une travailleuse sociale"]
    assert referral_sources(["la banque nous a envoyé un courrier de relance"], ()) == []


def test_help_from_a_counsellor_asks_for_a_callback():
    from bot.reading.callback_wish import asks_for_callback
    assert asks_for_callback("je voudrais bien qu'une conseillère m'accompagne pour ça")
    assert not asks_for_callback("est-ce qu'une conseillère pourrait m'aider ?")
