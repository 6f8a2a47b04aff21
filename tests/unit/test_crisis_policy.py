"""The crisis policy on Rasa's own trackers: it wins inside a form, and undoes the form's
reading of a message that it answers itself."""
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.components.crisis_policy import CrisisPolicy

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def policy(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    return CrisisPolicy.create(CrisisPolicy.get_default_config(), storage, Resource("crisis"), context)


def user(text, intent):
    return UserUttered(text, {"name": intent, "confidence": 1.0})


def in_budget_form():
    return [
        ActionExecuted("action_listen"), user("faire le point", "request_snapshot"),
        ActionExecuted("budget_form"), ActiveLoop("budget_form"), SlotSet("requested_slot", "budget_income"),
        ActionExecuted("action_listen"),
    ]


def predicted(policy, events):
    tracker = DialogueStateTracker.from_events("someone", events, slots=DOMAIN.slots)
    prediction = policy.predict_action_probabilities(tracker, DOMAIN)
    if max(prediction.probabilities) == 0:
        return None, prediction
    return DOMAIN.action_names_or_texts[prediction.max_confidence_index], prediction


def test_crisis_inside_the_form_wins_over_the_form(policy):
    action, prediction = predicted(policy, [*in_budget_form(), user("je veux mourir", "crisis")])
    assert action == "action_crisis_support"
    assert prediction.is_no_user_prediction  # the same rank as Rasa's own loop predictions
    assert prediction.policy_priority > 6  # above the RulePolicy


def test_after_the_crisis_answer_the_form_does_not_ask_in_the_same_breath(policy):
    events = [*in_budget_form(), user("je veux mourir", "crisis"), ActionExecuted("action_crisis_support"),
              SlotSet("crisis_context", {"kinds": ["suicide"], "step": "asked_safe"})]
    assert predicted(policy, events)[0] == "action_listen"


def test_no_to_are_you_safe_is_not_taken_as_a_budget_answer(policy):
    events = [*in_budget_form(), user("je veux mourir", "crisis"), ActionExecuted("action_crisis_support"),
              SlotSet("crisis_context", {"kinds": ["suicide"], "step": "asked_safe"}),
              ActionExecuted("action_listen"), user("non", "deny"), SlotSet("budget_income", "non")]
    action, prediction = predicted(policy, events)
    assert action == "action_crisis_followup"
    assert prediction.optional_events == [SlotSet("budget_income", None)]


def test_an_answer_after_the_crisis_goes_to_the_form(policy):
    events = [*in_budget_form(), user("je veux mourir", "crisis"), ActionExecuted("action_crisis_support"),
              SlotSet("crisis_context", {"kinds": ["suicide"], "step": "asked_safe"}),
              ActionExecuted("action_listen"), user("1300 de salaire", "inform"),
              SlotSet("budget_income", "1300")]
    assert predicted(policy, events)[0] is None


def test_nothing_to_say_outside_a_crisis(policy):
    assert predicted(policy, [*in_budget_form(), user("1200", "inform")])[0] is None
