"""What happens right after a crisis answer: read in its light, never the menu or the form."""
import datetime as dt

import pytest

from bot.reading.callback_wish import accepts_callback as _accepts
from bot.reading.crisis_followup import (
    CRISIS_FOLLOWUP,
    CRISIS_SUPPORT,
    LISTEN,
    OFFER_CALLBACK,
    Followup,
    Reply,
    Step,
    detect_followup,
    next_action,
    reply_for,
    step_after,
)


@pytest.mark.parametrize("text,kind", [
    ("je suis enfermée dans la salle de bain", Followup.DANGER_NOW),
    ("il tape à la porte", Followup.DANGER_NOW),
    ("j'ai appelé plusieurs fois, personne décroche", Followup.NO_ANSWER),
    ("ça sonne occupé depuis une heure", Followup.NO_ANSWER),
    ("ils m'ont dit qu'il y avait plus de place", Followup.FULL),
    ("le foyer est complet", Followup.FULL),
    ("jpeux pas téléphoner, il est juste à côté", Followup.CANNOT_CALL),
    ("il me reste 5% de batterie", Followup.CANNOT_CALL),
    ("j'ose pas appeler", Followup.CANNOT_CALL),
    ("j'ai peur de retourner là-bas ce soir", Followup.AFRAID_HOME),
    ("et après ?", Followup.NEXT_STEPS),
    ("ok et demain je fais quoi", Followup.NEXT_STEPS),
    ("qu'est-ce que je dois faire maintenant", Followup.NEXT_STEPS),
    ("est ce que je peux voir une assistante sociale", Followup.NEXT_STEPS),
])
def test_follow_ups_are_recognised(text, kind):
    assert detect_followup(text) == kind


@pytest.mark.parametrize(
    "text", ["oui", "1200 de salaire", "06 12 34 56 78", "merci beaucoup", "le loyer c'est 650"]
)
def test_ordinary_answers_are_not_follow_ups(text):
    assert detect_followup(text) is None


def test_a_crisis_is_answered_in_any_state():
    action = next_action(LISTEN, "crisis", "je veux mourir", "budget_form", None, form_active=True)
    assert action == CRISIS_SUPPORT


def test_after_a_crisis_answer_the_assistant_listens_even_inside_a_form():
    assert next_action(CRISIS_SUPPORT, "crisis", "", None, Step.ASKED_SAFE, form_active=True) == LISTEN
    assert next_action(CRISIS_FOLLOWUP, "deny", "", None, Step.ASKED_SAFE, form_active=True) == LISTEN


def test_once_safe_in_a_form_the_form_asks_its_question_again():
    assert next_action(CRISIS_FOLLOWUP, "affirm", "oui", None, Step.DONE, form_active=True) is None


@pytest.mark.parametrize("intent,text", [
    ("request_snapshot", "et demain ?"),  # the classifier's guess does not matter
    ("deny", "non"),
    ("affirm", "oui"),
    ("nlu_fallback", "..."),
    ("stop", "laissez moi"),
])
def test_the_message_right_after_a_crisis_gets_a_follow_up(intent, text):
    assert next_action(LISTEN, intent, text, CRISIS_SUPPORT, Step.ASKED_SAFE) == CRISIS_FOLLOWUP


def test_yes_to_the_offered_callback_books_it():
    assert next_action(LISTEN, "affirm", "oui", CRISIS_FOLLOWUP, Step.OFFERED_CALLBACK) == OFFER_CALLBACK


@pytest.mark.parametrize("intent,text", [
    ("request_human", "/request_human"), ("request_snapshot", "on peut faire le point sur le budget"),
    ("faq", "c'est quoi le FSL"),
])
def test_the_person_moving_on_is_followed(intent, text):
    assert next_action(LISTEN, intent, text, CRISIS_SUPPORT, Step.ASKED_SAFE) is None


def test_a_situation_told_right_after_a_crisis_stays_with_the_person_outside_a_form():
    assert next_action(LISTEN, "express_difficulty", "c'est surtout l'argent", CRISIS_SUPPORT,
                       Step.ASKED_SAFE) == CRISIS_FOLLOWUP


def test_a_money_worry_after_a_crisis_is_listened_to_as_usual():
    action = next_action(LISTEN, "express_difficulty", "et la pension alimentaire qu'il paye plus ?",
                         CRISIS_SUPPORT, Step.ASKED_SAFE, names_money_worry=True)
    assert action is None


def test_inside_a_form_an_answer_after_a_crisis_goes_to_the_form():
    action = next_action(LISTEN, "inform", "loyer 780", CRISIS_SUPPORT, Step.ASKED_SAFE, form_active=True)
    assert action is None


def test_inside_a_form_words_after_the_safety_question_answer_it_not_the_form():
    said = "non j'ai rien de prévu, mais j'y pense souvent"
    action = next_action(LISTEN, "express_difficulty", said, CRISIS_SUPPORT, Step.ASKED_SAFE,
                         form_active=True)
    assert action == CRISIS_FOLLOWUP
    # A phone number at the booking's question is the booking's answer.
    assert next_action(LISTEN, "inform", "06 12 34 56 78", CRISIS_SUPPORT, Step.ASKED_SAFE,
                       form_active=True) is None


def test_without_a_crisis_just_before_nothing_is_intercepted():
    assert next_action(LISTEN, "deny", "non", "utter_offer_choices", Step.ASKED_SAFE) is None
    assert next_action(LISTEN, "deny", "non", CRISIS_FOLLOWUP, Step.DONE) is None


@pytest.mark.parametrize("text,intent,step,reply", [
    ("non", "deny", Step.ASKED_SAFE, Reply.NOT_SAFE),
    ("oui ça va", "affirm", Step.ASKED_SAFE, Reply.SAFE),
    ("oui", "affirm", Step.IN_DANGER, Reply.CALLED),
    ("non", "deny", Step.IN_DANGER, Reply.CANNOT_CALL),
    ("ok", "affirm", Step.STAYING, Reply.STAYING),
    ("non merci", "deny", Step.OFFERED_CALLBACK, Reply.DECLINED),
    ("merci", "thank", Step.ASKED_SAFE, Reply.CLOSING),
    ("personne ne répond", "deny", Step.ASKED_SAFE, Reply.NO_ANSWER),
    ("je suis cachée chez la voisine, il me cherche", "inform", Step.ASKED_SAFE, Reply.NOT_SAFE),
    ("hmm", "nlu_fallback", Step.ASKED_SAFE, Reply.NEXT_STEPS),
])
def test_replies(text, intent, step, reply):
    assert reply_for(text, intent, step) == reply


def test_steps():
    assert step_after(Reply.SAFE, Step.ASKED_SAFE, offered=True) == Step.OFFERED_CALLBACK
    assert step_after(Reply.SAFE, Step.ASKED_SAFE, offered=False) == Step.DONE
    assert step_after(Reply.NOT_SAFE, Step.ASKED_SAFE, offered=False) == Step.IN_DANGER
    # After next steps, a "oui" is an acknowledgement, no longer an answer to "are you safe?".
    assert step_after(Reply.NO_ANSWER, Step.ASKED_SAFE, offered=False) == Step.STAYING
    assert step_after(Reply.CLOSING, Step.OFFERED_CALLBACK, offered=False) == Step.DONE


@pytest.mark.parametrize("text,intent,reply", [
    ("oui", "affirm", Reply.NOT_SAFE), ("non", "deny", Reply.SAFE), ("ça va", "affirm", Reply.SAFE),
    ("oui ça va pas du tout", "affirm", Reply.NOT_SAFE),
])
def test_the_suicide_question_is_read_the_way_it_was_asked(text, intent, reply):
    assert reply_for(text, intent, Step.ASKED_SAFE, "suicide") == reply


def test_naming_the_same_line_again_is_a_follow_up_but_a_new_crisis_is_answered_as_such():
    said = "j'ai appelé le numéro, personne ne répond"
    same = next_action(LISTEN, "crisis", said, CRISIS_SUPPORT, Step.ASKED_SAFE, new_kinds=False)
    new = next_action(LISTEN, "crisis", said, CRISIS_SUPPORT, Step.ASKED_SAFE, new_kinds=True)
    assert (same, new) == (CRISIS_FOLLOWUP, CRISIS_SUPPORT)
    assert next_action(LISTEN, "crisis", said, "utter_greet", None, new_kinds=False) == CRISIS_SUPPORT


def accepts_callback(text):
    return _accepts(text, dt.date(2026, 11, 23))


@pytest.mark.parametrize("text", [
    "Oui je veux bien que quelqu'un m'appelle, mais je suis un peu sourde",
    "le jeudi apres-midi c'est mieux, vers 15h",
    "04 76 12 34 56",
    "ok mais pas avant 10h",
])
def test_after_a_callback_offer_a_yes_a_moment_or_a_number_takes_it(text):
    accepts = accepts_callback(text)
    assert accepts
    assert next_action(LISTEN, "nlu_fallback", text, CRISIS_FOLLOWUP, Step.OFFERED_CALLBACK,
                       accepts_callback=accepts) == OFFER_CALLBACK
    assert next_action(LISTEN, "inform", text, CRISIS_FOLLOWUP, Step.OFFERED_CALLBACK,
                       accepts_callback=accepts) == OFFER_CALLBACK


def test_after_a_callback_offer_danger_and_no_still_come_first():
    danger = "oui mais il est derriere la porte"
    assert next_action(LISTEN, "affirm", danger, CRISIS_FOLLOWUP, Step.OFFERED_CALLBACK,
                       accepts_callback=accepts_callback(danger)) == CRISIS_FOLLOWUP
    assert next_action(LISTEN, "deny", "non merci", CRISIS_FOLLOWUP, Step.OFFERED_CALLBACK,
                       accepts_callback=accepts_callback("non merci")) == CRISIS_FOLLOWUP
    assert not accepts_callback("non merci") and not accepts_callback("je sais pas")


def test_what_the_person_tells_after_the_next_steps_is_listened_to_not_answered_the_same():
    for step in (Step.STAYING, Step.OFFERED_CALLBACK):
        assert next_action(LISTEN, "inform", "Mme Perrin", CRISIS_FOLLOWUP, step) is None
    # An answer to "are you safe?" is still read in that light.
    assert next_action(LISTEN, "inform", "je vis seule", CRISIS_SUPPORT, Step.ASKED_SAFE) == CRISIS_FOLLOWUP


def test_an_unsure_crisis_reading_of_a_plain_answer_is_the_answer():
    from bot.reading.crisis_followup import plain_answer

    assert plain_answer("moi + mon bb", 0.53)
    assert plain_answer("1200 avec la caf", 0.6)
    # A bare list of the people at home is an answer however sure the classifier is ...
    assert plain_answer("moi + mon bb", 0.9) and plain_answer("moi ma nana et les 2 petits", 0.97)
    assert plain_answer("Nous sommes deux, les enfants sont partis depuis longtemps.", 0.95)
    # ... anything else only when it is unsure; never with crisis words, or when it answers nothing.
    assert not plain_answer("1200 avec la caf", 0.9)
    assert not plain_answer("mon mari et moi, il me frappe", 0.9)
    assert not plain_answer("moi et mon bb, j'ai envie de mourir", 0.5)
    assert not plain_answer("1200, il me frappe", 0.5)
    assert not plain_answer("à quoi bon", 0.5)


def test_and_tomorrow_after_a_callback_offer_asks_for_the_next_steps():
    text = "et demain ?"
    assert next_action(LISTEN, "nlu_fallback", text, CRISIS_FOLLOWUP, Step.OFFERED_CALLBACK,
                       accepts_callback=accepts_callback(text)) == CRISIS_FOLLOWUP
    text = "oui demain matin"
    assert next_action(LISTEN, "nlu_fallback", text, CRISIS_FOLLOWUP, Step.OFFERED_CALLBACK,
                       accepts_callback=accepts_callback(text)) == OFFER_CALLBACK
