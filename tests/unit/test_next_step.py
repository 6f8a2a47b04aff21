"""After the first account of a situation, one open question about it, then the choices."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.next_step import ActionTakeNextStep, explore_theme
from bot.wording.texts import text


def user(text_, intent):
    return {"event": "user", "text": text_, "parse_data": {"intent": {"name": intent}, "text": text_}}


def slot(name, value):
    return {"event": "slot", "name": name, "value": value}


def tracker(message, intent="express_difficulty", before=(), after=(), slots=None):
    events = [*before, user(message, intent), *after]
    return Tracker(sender_id="t", slots=slots or {},
                   latest_message={"text": message, "intent": {"name": intent}}, events=events,
                   paused=False, followup_action=None, active_loop={}, latest_action_name="action_reflect")


def test_a_first_account_gets_a_question_about_its_own_theme():
    housing = tracker("on a 2 mois de loyer en retard et j'ai peur pour l'appart",
                      after=[slot("themes", ["housing"])], slots={"themes": ["housing"]})
    assert explore_theme(housing) == "housing"
    assert explore_theme(tracker("j'ai perdu mon travail en septembre",
                                 slots={"themes": ["job_loss"]})) == "job_loss"


def test_a_situation_without_a_known_theme_gets_the_general_question():
    said = text(f"next_step.explore.{explore_theme(tracker('ça va pas du tout en ce moment niveau sous'))}")
    assert said.endswith("?") and "inquiète" in said


def test_every_theme_has_its_question():
    from bot.reading.themes import THEMES
    for theme in (*THEMES, "general"):
        assert text(f"next_step.explore.{theme}").strip().endswith("?")


def test_asked_once_only():
    before = [user("j'ai des soucis de loyer", "express_difficulty"), slot("themes", ["housing"]),
              slot("next_step", "explore")]
    assert explore_theme(tracker("et en plus la banque me prend des frais", before=before,
                                 slots={"themes": ["housing", "bank"]})) is None


def test_not_when_figures_a_request_or_an_urgency_came_with_it():
    assert explore_theme(tracker("je voudrais être rappelée", intent="request_human")) is None
    assert explore_theme(tracker("loyer 600 et 1200 de salaire", intent="inform")) is None
    urgent = tracker("ils vont couper l'électricité demain", after=[slot("urgency_flags", ["energy_cut"])],
                     slots={"urgency_flags": ["energy_cut"]})
    assert explore_theme(urgent) is None
    started = tracker("j'ai des dettes partout", slots={"budget_household": {"adults": 1}})
    assert explore_theme(started) is None


def test_a_theme_told_before_is_not_a_first_account():
    before = [user("j'ai un souci de loyer", "inform"), slot("themes", ["housing"])]
    again = tracker("oui le loyer c'est dur", before=before, slots={"themes": ["housing"]})
    assert explore_theme(again) is None


def test_yes_to_the_open_question_brings_the_choices_back():
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionTakeNextStep().run(
        dispatcher, tracker("oui", intent="affirm", slots={"next_step": "explore"}), {}))
    assert events == [FollowupAction("action_next_step")] and dispatcher.messages == []


def test_a_name_read_as_a_question_at_the_name_question_is_the_name():
    from actions.faq import ActionFaqInBooking
    selector = {"faq": {"response": {"intent_response_key": "faq/energy_cheque"}}}

    def at_name_question(said):
        return Tracker(sender_id="t", slots={"requested_slot": "callback_name"},
                       latest_message={"text": said, "intent": {"name": "faq"},
                                       "response_selector": selector},
                       events=[user(said, "faq")], paused=False, followup_action=None,
                       active_loop={"name": "callback_form"}, latest_action_name="action_listen")

    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionFaqInBooking().run(dispatcher, at_name_question("Madame Lefort"), {}))
    assert events == [SlotSet("callback_name", "Madame Lefort")] and dispatcher.messages == []
    dispatcher = CollectingDispatcher()
    question = at_name_question("le chèque énergie c'est quand ?")
    events = asyncio.run(ActionFaqInBooking().run(dispatcher, question, {}))
    assert events == [] and dispatcher.messages[0]["response"] == "utter_faq/energy_cheque"


def test_a_short_name_read_as_who_are_you_is_the_name_and_the_question_gets_its_answer():
    from actions.faq import ActionFaqInBooking

    def at_name_question(said):
        return Tracker(sender_id="t", slots={"requested_slot": "callback_name"},
                       latest_message={"text": said, "intent": {"name": "bot_challenge"}},
                       events=[user(said, "bot_challenge")], paused=False, followup_action=None,
                       active_loop={"name": "callback_form"}, latest_action_name="action_listen")

    dispatcher = CollectingDispatcher()
    assert asyncio.run(ActionFaqInBooking().run(dispatcher, at_name_question("Ana"), {})) == [
        SlotSet("callback_name", "Ana")]
    dispatcher = CollectingDispatcher()
    question = at_name_question("vous êtes un robot ?")
    assert asyncio.run(ActionFaqInBooking().run(dispatcher, question, {})) == []
    assert dispatcher.messages[0]["response"] == "utter_iamabot"


def test_asking_what_can_be_done_brings_the_choices_at_once():
    ready = tracker("le loyer est en retard, je sais plus quoi faire", slots={"themes": ["housing"]})
    assert explore_theme(ready) is None
    assert explore_theme(tracker("j'ai des crédits partout, vous pouvez m'aider ?")) is None
