"""Rasa policy: a crisis gets its numbers at once in any state, and the messages right after it
are read in its light (bot.reading.crisis_followup), before any form or menu.

Rules cannot do this inside a form: Rasa gives an active form the next message first and keeps
the raw text as the answer to its question ("non" to "êtes-vous en sécurité ?" would become
0 € of charges). This policy predicts as a "no user" prediction, like Rasa's own loop
predictions, with a higher priority, so it wins only when it has something to say; the answer
that a form took from the message is then put back, and the form goes on where it was.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.reading.callback_wish import accepts_callback
from bot.reading.crisis_followup import LISTEN, next_action
from bot.reading.safety import assess
from bot.reading.themes import detect_themes

CONTEXT_SLOT = "crisis_context"


def _previous_bot_action(tracker: DialogueStateTracker) -> str | None:
    """The last action run before the person's latest message (action_listen aside)."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return None
            seen_user = True
        elif seen_user and isinstance(event, ActionExecuted) and event.action_name != LISTEN:
            return event.action_name
    return None


def _undo_form_answer(tracker: DialogueStateTracker) -> list[SlotSet]:
    """Put back the form slot that Rasa filled from the latest message, if any."""
    requested = tracker.get_slot(REQUESTED_SLOT)
    if not tracker.active_loop_name or not requested:
        return []
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=None)
    if last_user is None:
        return []
    filled = any(isinstance(e, SlotSet) and e.key == requested for e in events[last_user:])
    if not filled:
        return []
    before = [e.value for e in events[:last_user] if isinstance(e, SlotSet) and e.key == requested]
    return [SlotSet(requested, before[-1] if before else None)]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class CrisisPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above RulePolicy (6): the safety of the person comes before any rule or form.
        return {"priority": 7}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_DATA

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Any = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        # Nothing to learn: the decisions are bot.reading.crisis_followup's.
        with self._model_storage.write_to(self._resource) as path:
            (path / "crisis_policy.txt").write_text("no state\n", encoding="utf-8")
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        context = tracker.get_slot(CONTEXT_SLOT)
        step = context.get("step") if isinstance(context, dict) else None
        context_kinds = (context.get("kinds") or []) if isinstance(context, dict) else []
        latest = tracker.latest_message
        text = (latest.text or "") if latest else ""
        action = next_action(
            tracker.latest_action_name,
            (latest.intent or {}).get("name") if latest else None,
            text,
            _previous_bot_action(tracker),
            step,
            form_active=bool(tracker.active_loop_name),
            names_money_worry=bool(detect_themes(text)),
            new_kinds=bool({k.value for k in assess(text).kinds} - set(context_kinds)),
            accepts_callback=accepts_callback(text, dt.date.today()),
        )
        if action is None or action not in domain.action_names_or_texts:
            return self._prediction(self._default_predictions(domain))
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action)] = 1.0
        undo = [] if action == LISTEN else _undo_form_answer(tracker)
        return self._prediction(probabilities, optional_events=undo, is_no_user_prediction=True)
