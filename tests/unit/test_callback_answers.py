"""Answers to the booking questions: a first name or pseudonym, consent, who referred."""
import pytest

from bot.reading.consent import parse_consent
from bot.reading.pseudonym import parse_pseudonym
from bot.reading.referral import referral_sources


@pytest.mark.parametrize("message, name", [
    ("Sam", "Sam"),
    ("je m'appelle Marie-Claire", "Marie-Claire"),
    ("Je m’appelle Élodie", "Élodie"),
    ("c'est Jean", "Jean"),
    ("appelez-moi Nadia.", "Nadia"),
    ("moi c'est fatou", "Fatou"),
    ("Mme Dupont", "Mme Dupont"),
])
def test_names_are_kept_as_written(message, name):
    assert parse_pseudonym(message).value == name


@pytest.mark.parametrize("message, name", [
    ("je m'appelle Inès. on est 3 avec mon fils et ma mère", "Inès"),
    ("Karim. et dites-lui que la CAF a suspendu mes droits", "Karim"),
    ("Sam", "Sam"),
])
def test_a_name_given_with_something_else_is_the_answer(message, name):
    from bot.reading.pseudonym import name_from_answer

    assert name_from_answer(message).value == name
    assert name_from_answer("ouais merci beaucoup") is None


@pytest.mark.parametrize("message", ["passer", "Passer", "non", "je préfère pas", "je reste anonyme",
                                     "pas besoin"])
def test_the_name_can_be_skipped(message):
    assert parse_pseudonym(message).value is None


@pytest.mark.parametrize("message", ["06 12 34 56 78", "oui", "bonjour", "pourquoi ?", "",
                                     "je sais pas trop quoi vous dire", "x" * 60, "ouais merci",
                                     "ok super", "bon ben d accord"])
def test_what_is_not_a_name_is_not_taken_as_one(message):
    assert parse_pseudonym(message) is None


@pytest.mark.parametrize("message, intent, expected", [
    ("oui, elle peut la lire", None, True),
    ("ok", None, True),
    ("bien sûr", None, True),
    ("pas de souci", None, True),
    ("non, je préfère lui expliquer moi-même", None, False),
    ("non merci", None, False),
    ("nan", None, False),
    ("je préfère pas", None, False),
    ("carrément", None, True),
    ("je sais pas", None, None),
    ("oui enfin non", None, None),
    ("volontiers même", "affirm", True),
    ("hmm", "deny", False),
])
def test_consent_needs_a_clear_answer(message, intent, expected):
    assert parse_consent(message, intent) is expected


@pytest.mark.parametrize("message, sources", [
    ("GEG m'a donné votre numéro", ["GEG"]),
    ("c'est la banque postale qui m'a orientée vers vous", ["La Banque Postale (convention Reflex)"]),
    ("mon assistante sociale m'a dit de vous écrire", ["une travailleuse sociale"]),
    ("je viens de la part de mon conseiller bancaire", ["une banque"]),
    ("sur les conseils de la geg", ["GEG"]),
    ("ma voisine m'a parlé de vous", ["un proche"]),
    ("c'est la mairie qui m'a donné le lien", ["la mairie"]),
    ("j'ai un découvert à la banque", []),
    ("la CAF m'a coupé les APL", []),
    ("GEG va me couper le courant", []),
    ("le service RH de mon entreprise m'a conseillé de vous contacter", ["l'employeur"]),
    ("ma conseillère de la Caisse d'Epargne m'a orientée vers vous", ["une banque"]),
    ("la gardienne de mon immeuble m'a donné votre numéro", ["le bailleur"]),
    ("je viens de la part d'Actis pour mes impayés", ["Actis (bailleur social)"]),
    ("Actis m'a envoyé une mise en demeure", []),
    ("mon patron m'a fait une avance sur salaire", []),
])
def test_referral_only_when_someone_sent_the_person(message, sources, grenoble):
    assert referral_sources([message], grenoble.partners + grenoble.referrers) == sources


def test_referrals_are_gathered_once_each_in_order(grenoble):
    messages = ["bonjour", "c'est GEG qui m'envoie", "mon AS m'a aussi conseillé de vous appeler",
                "GEG m'a redit de vous écrire"]
    assert referral_sources(messages, grenoble.partners) == ["GEG", "une travailleuse sociale"]


@pytest.mark.parametrize("said, name", [
    ("M. et Mme Lefort", "M. et Mme Lefort"),
    ("Madame Benali.", "Madame Benali"),
    ("famille N'Diaye", "Famille N'Diaye"),
])
def test_a_name_with_its_titles_is_kept_whole(said, name):
    from bot.reading.pseudonym import name_from_answer
    assert name_from_answer(said).value == name


def test_a_time_outside_the_hours_is_answered_with_the_hours(grenoble):
    from bot.wording.callback_texts import time_question

    said = time_question({"outcome": "not_at_time", "time": "18:30:00"}, grenoble)
    assert "de 14 h à 17 h" in said and "18 h 30" in said
    said = time_question({"outcome": "not_at_time", "time": "12:30:00"}, grenoble)
    assert "en dehors" in said
    # Inside the hours but taken: the nearest moments, without a lesson on the hours.
    said = time_question({"outcome": "not_at_time", "time": "10:00:00"}, grenoble)
    assert "pas de rappel libre vers 10 h" in said


def test_figures_given_at_the_consent_question_bring_it_back_without_an_apology():
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions.callback_form import ValidateCallbackForm
    from tests.unit.rasa_trackers import tracker, user

    said = "au fait le crédit de la moto c'est 230 par mois"
    read = {"event": "slot", "name": "budget_loans", "value": {"status": "amount", "total": 230.0}}
    track = tracker(said, "inform", events=[user(said, "inform"), read])
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateCallbackForm().validate_callback_consent(said, dispatcher, track, {}))
    assert result == {"callback_consent": None} and dispatcher.messages == []
    # The question comes again, short: its explanation was given at the turn before.
    from actions.callback_form import ActionAskCallbackConsent

    asked = {"event": "bot", "text": "Dernière question : la conseillère peut-elle lire notre conversation ?"}
    track = tracker(said, "inform", events=[asked, user(said, "inform"), read])
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskCallbackConsent().run(dispatcher, track, {}))
    assert [m["text"] for m in dispatcher.messages] == [
        "Et la conseillère peut-elle lire notre conversation avant de vous appeler ?"]


def test_a_bound_after_the_counsellors_day_is_said_as_such(grenoble):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from bot.callbacks.slot_choice import late_bound

    now = dt.datetime(2026, 11, 22, 20, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert late_bound("plutôt le soir, après 19h", now, grenoble) == dt.time(19, 0)
    assert late_bound("avant 8h le matin", now, grenoble) == dt.time(8, 0)
    assert late_bound("après 15h", now, grenoble) is None


def test_a_day_beyond_the_booking_horizon_is_said_too_far_not_full(grenoble):
    import datetime as dt

    from bot.wording.callback_texts import time_question

    far = (dt.date.today() + dt.timedelta(days=grenoble.booking_days + 10)).isoformat()
    assert "trop loin" in time_question({"outcome": "none_fit", "day": far}, grenoble)
    near = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert "plus de moment libre" in time_question({"outcome": "none_fit", "day": near}, grenoble)
