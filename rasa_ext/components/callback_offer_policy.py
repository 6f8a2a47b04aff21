"""Rasa policy: right after a callback was offered, "mardi 14h", a phone number or "je veux
bien qu'on m'appelle" take it.

The offer's buttons say yes or no, and rules answer those intents; but people answer with the
moment, or their number, which the classifier reads as "inform": the learnt policy then had
nothing sensible to do and said the same thing to every message. The decision is
bot.reading.callback_wish.takes_callback_offer; the moment and number are kept by the message reader
(actions/understanding.py) and the booking starts from them.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.reading.callback_wish import callback_offered_before, takes_callback_offer

OFFER_CALLBACK = "action_offer_callback"
LISTEN = "action_listen"


def callback_was_offered(events: list[Any]) -> bool:
    """Whether the assistant's turn before the latest message offered a callback button."""
    return callback_offered_before(
        ("user" if isinstance(e, UserUttered) else "bot" if isinstance(e, BotUttered) else "",
         ((e.data or {}).get("buttons") or []) if isinstance(e, BotUttered) else [])
        for e in reversed(events))


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class CallbackOfferPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Below the crisis policy (7), above the rules (6) that have nothing for these answers.
        return {"priority": 6}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_DATA

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, featurizer: Any = None) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        with self._model_storage.write_to(self._resource) as path:
            (path / "callback_offer_policy.txt").write_text("no state\n", encoding="utf-8")
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: dict[str, Any] | None = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        latest = tracker.latest_message
        if tracker.latest_action_name == LISTEN and not tracker.active_loop_name and latest is not None \
                and OFFER_CALLBACK in domain.action_names_or_texts \
                and takes_callback_offer(latest.text or "", (latest.intent or {}).get("name"),
                                         callback_was_offered(list(tracker.events)), dt.date.today()):
            probabilities[domain.index_for_action(OFFER_CALLBACK)] = 1.0
        return self._prediction(probabilities)
