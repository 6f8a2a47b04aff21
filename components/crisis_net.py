"""Rasa NLU component: explicit crisis wording overrides the predicted intent.

The classifier alone may miss a crisis written in an unexpected way; bot.safety catches the
explicit wording, and this component makes the dialogue see `crisis` whatever was predicted.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import detect_crises

CRISIS_INTENT = "crisis"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisSafetyNet(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisSafetyNet:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            kinds = detect_crises(text)
            if not kinds:
                continue
            message.set(INTENT, {"name": CRISIS_INTENT, "confidence": 1.0}, add_to_output=True)
            others = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS_INTENT]
            message.set(
                INTENT_RANKING_KEY,
                [{"name": CRISIS_INTENT, "confidence": 1.0}, *others],
                add_to_output=True,
            )
            message.set("crisis_kinds", [k.value for k in kinds], add_to_output=True)
        return messages
