"""A short question right after an answer is about that answer's topic (bot/reading/faq_followups.py).

The questions are written for this test; none comes from an evaluation set.
"""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.reading.faq_followups import asked_about, follow_up_key


@pytest.mark.parametrize("said, kind", [
    ("et ça prend combien de temps tout ça ?", "duration"),
    ("jusqu'à quand ça protège ?", "duration"),
    ("faut payer quelque chose ?", "cost"),
    ("et ça m'engage à quoi ?", "cost"),
    ("je la demande où ?", "how"),
    ("et comment je fais pour l'obtenir ?", "how"),
    ("il faut quoi comme papiers ?", "how"),
    ("et pour le gaz aussi ?", "scope"),
    ("merci beaucoup", None),
])
def test_what_a_short_question_asks(said, kind):
    assert asked_about(said) == kind


def test_a_follow_up_is_answered_in_the_topic_just_answered():
    assert follow_up_key("ok, et ça dure longtemps ? jusqu'à quand ?", "overindebtedness") == \
        "faq_more.overindebtedness.duration"
    assert follow_up_key("on l'obtient comment ?", "energy_cheque") == "faq_more.energy_cheque.how"
    # The topic named again is the same topic: its detail, not the whole answer twice.
    assert follow_up_key("le dossier FSL je le dépose où ?", "fsl") == "faq_more.fsl.how"


def test_no_follow_up_without_a_topic_before_or_with_another_topic_named():
    assert follow_up_key("ça dure combien de temps ?", None) is None
    assert follow_up_key("et le chèque énergie, je le demande où ?", "fsl") is None
    # A part of the topic that has no text of its own: the usual answer follows.
    assert follow_up_key("c'est payant ?", "winter_truce") is None
    # A long account is not a short follow-up question.
    long = ("ça dure depuis combien de temps je ne sais plus, mon mari a perdu son travail et depuis "
            "on n'arrive plus à rien payer du tout")
    assert follow_up_key(long, "overindebtedness") is None


def _tracker(said, events):
    return Tracker(sender_id="t", slots={"bdf_phone": "34 14"}, latest_message={
        "text": said, "intent": {"name": "faq"},
        "response_selector": {"faq": {"response": {"intent_response_key": "faq/how_it_works"}}}},
        events=events, paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")


def _user(said):
    return {"event": "user", "text": said}


def test_the_action_follows_the_topic_of_the_previous_answer_and_keeps_it():
    from actions.faq import ActionAnswerFaq

    events = [_user("c'est quoi un dossier banque de france ?"),
              {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/overindebtedness"}},
              _user("et ça dure combien de temps ?")]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerFaq().run(dispatcher, _tracker("et ça dure combien de temps ?", events), {}))
    assert "7 ans" in dispatcher.messages[0]["text"]
    # The detail keeps the topic for the question after.
    said = dispatcher.messages[0]["text"]
    events += [{"event": "bot", "text": said, "metadata": {"faq_topic": "overindebtedness"}},
               _user("c'est payant ?")]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerFaq().run(dispatcher, _tracker("c'est payant ?", events), {}))
    assert "gratuit" in dispatcher.messages[0]["text"]
    # Two messages later, the topic is no longer the one just answered: the selector's reading.
    events += [{"event": "bot", "text": "Autre chose ?"}, _user("ça dure combien de temps ?")]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerFaq().run(dispatcher, _tracker("ça dure combien de temps ?", events), {}))
    assert dispatcher.messages[0]["response"] == "utter_faq/how_it_works"


def test_does_it_cover_this_too_is_answered_yes_or_no():
    assert follow_up_key("et pour les loyers aussi ?", "fsl") == "faq_more.fsl.scope_yes"
    assert follow_up_key("ça marche pour une amende aussi ?", "fsl") == "faq_more.fsl.scope_no"
    assert follow_up_key("c'est valable pour le bois ?", "energy_cheque") == \
        "faq_more.energy_cheque.scope_yes"
    from bot.wording.texts import text
    assert text("faq_more.fsl.scope_yes").startswith("Oui")


def test_a_moment_asked_about_at_the_time_question_answers_it(tmp_path, monkeypatch):
    from actions.faq import ActionFaqInBooking
    from bot.storage.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'ccas.db'}"
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)

    said = "et le mardi en fin de journée, genre 18h ?"
    track = Tracker(sender_id="t", slots={"requested_slot": "callback_time"}, latest_message={
        "text": said, "intent": {"name": "faq"}}, events=[_user(said)], paused=False, followup_action=None,
        active_loop={"name": "callback_form"}, latest_action_name="action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionFaqInBooking().run(dispatcher, track, {}))
    # Checked as the booking checks a moment: 18 h is after the counsellors' hours, so no
    # moment is taken and the moments that fit are offered, with the hours said.
    slots = {e["name"]: e["value"] for e in events}
    assert slots["callback_time"] is None and slots["callback_offers"]
    assert not any(m.get("response", "").startswith("utter_faq") for m in dispatcher.messages)
