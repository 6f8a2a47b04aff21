"""Information questions answered by what they name: the topic, and every question of the message."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.reading.faq_cues import choose_topics, topics_named


@pytest.mark.parametrize("said, selected, expected", [
    # Words the selector read as another topic: the named topic is answered.
    ("ils peuvent me mettre dehors quand ?", "budget_snapshot", ["winter_truce"]),
    ("on peut étaler ça ?", "how_it_works", ["payment_plan"]),
    ("est-ce que je peux demander un echeancier a mon proprio ?", "how_it_works", ["payment_plan"]),
    ("ils ont le droit de me couper l'électricité en décembre ?", "winter_truce", ["energy_truce"]),
    ("je vais être fichée ?", "who_for", ["credit_register"]),
    ("une boite de recouvrement veut saisir mon compte, elle peut ?", "bank_account", ["debt_collection"]),
    # A topic whose answer covers the words keeps the selector's choice.
    ("on peut étaler les impôts ?", "taxes", ["taxes"]),
    ("c'est quoi le FSL, j'y ai droit ?", "fsl", ["fsl"]),
    ("la trêve ça compte pour le gaz aussi ?", "energy_truce", ["energy_truce"]),
    # No telling words: the selector's reading stays.
    ("ça marche comment votre truc ?", "how_it_works", ["how_it_works"]),
    ("ça coûte combien ?", "overindebtedness", ["overindebtedness"]),
])
def test_one_question_gets_the_topic_it_names(said, selected, expected):
    assert choose_topics(said, selected) == expected


def test_two_questions_get_two_answers_in_the_order_asked():
    assert choose_topics("vous êtes ouverts quand ? et c'est payant le rappel ?", "who_for") == [
        "hours_contact", "who_for"]
    assert choose_topics("horaires ? et c quoi le FSL ?", "hours_contact") == ["hours_contact", "fsl"]


def test_a_question_about_the_same_thing_is_not_answered_twice():
    # "ça coûte combien ? on perd tout ?" are about the procedure named first: one answer.
    said = "c quoi le dossier banque de france pour les dettes? ca coute combien? on perd tout?"
    assert choose_topics(said, "overindebtedness") == ["overindebtedness"]


def test_at_most_three_answers():
    said = "le fsl ? le cheque energie ? les horaires ? c'est confidentiel ?"
    assert len(choose_topics(said, "fsl")) == 3


def test_words_that_only_look_like_a_topic():
    assert topics_named("le juge peut ordonner mon départ pendant la trêve ?") == ["winter_truce"]
    assert topics_named("je voudrais le savoir avant de commencer") == []
    assert choose_topics("bonjour", None) == []


def _tracker(said: str, key: str | None) -> Tracker:
    selector = {"faq": {"response": {"intent_response_key": key}}} if key else {}
    return Tracker(sender_id="t", slots={}, latest_message={
        "text": said, "intent": {"name": "faq"}, "response_selector": selector},
        events=[], paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")


def test_the_action_answers_each_question_and_never_stays_silent():
    from actions.faq import ActionAnswerFaq

    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerFaq().run(
        dispatcher, _tracker("vous êtes ouverts quand ? et c'est payant le rappel ?", "faq/who_for"), {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/hours_contact", "utter_faq/who_for"]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerFaq().run(dispatcher, _tracker("euh", None), {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_info_topics"]


def test_a_question_about_how_the_callback_goes_is_a_question():
    from bot.reading.faq_cues import asks_how_the_callback_goes

    assert asks_how_the_callback_goes("et ça se passe comment le rappel, elle appelle d'un numéro masqué ?")
    assert asks_how_the_callback_goes("comment ça se passe si je veux être rappelée")
    assert not asks_how_the_callback_goes("rappelez-moi demain matin")
    assert not asks_how_the_callback_goes("comment ça se passe pour le FSL ?")


def test_what_to_include_is_answered_during_the_budget_questions():
    from actions.faq import ActionAnswerFaq
    from bot.reading.faq_cues import asks_whether_it_counts

    assert asks_whether_it_counts("les APL ça compte ?")
    assert asks_whether_it_counts("je mets aussi la prime de noel ?")
    assert not asks_whether_it_counts("c'est quoi le FSL ?")
    assert not asks_whether_it_counts("les APL ça compte")  # no question
    track = _tracker("l'allocation logement elle compte ?", "faq/confidentiality")
    track.active_loop = {"name": "budget_form"}
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerFaq().run(dispatcher, track, {}))
    assert dispatcher.messages[0]["text"].startswith("Oui : tout ce qui rentre")


def test_why_the_questions_and_who_else_will_know():
    assert choose_topics("pourquoi vous me demandez tout ça ? c'est pour les impôts ?", "who_for") == [
        "budget_snapshot", "confidentiality"]
    assert topics_named("vous allez le signaler à mon proprio ?") == ["confidentiality"]
