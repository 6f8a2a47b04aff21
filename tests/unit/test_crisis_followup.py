"""What happens right after a crisis answer: read in its light, never the menu or the form."""
import pytest

from bot.crisis_followup import (
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
