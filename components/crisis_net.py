"""Rasa NLU component: explicit crisis wording overrides the predicted intent.

The classifier alone may miss a crisis written in an unexpected way; bot.safety catches the
explicit wording, and this component makes the dialogue see `crisis` whatever was predicted.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import detect_crises
from components.intent_override import IntentOverride, force_intent

CRISIS_INTENT = "crisis"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisSafetyNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            kinds = detect_crises(message.get(TEXT) or "")
            if kinds:
                force_intent(message, CRISIS_INTENT)
                message.set("crisis_kinds", [k.value for k in kinds], add_to_output=True)
        return messages
