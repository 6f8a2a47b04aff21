"""Rasa NLU component: a plain request to erase the conversation is that request.

"vous pouvez effacer tout ce que j'ai écrit ?" was read as a question about who the service is
for, and the person's data stayed. The words are read by bot.reading.erase_request; a yes (at the
confirmation), a crisis and a stop keep their intent.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from bot.reading.erase_request import asks_to_erase
from rasa_ext.components.intent_override import IntentOverride, override_where

ERASE_INTENT = "delete_my_data"
# A cancellation read by CallbackRequestNet gives way: bot.reading.erase_request only reads a callback
# named beside the data to erase ("effacez tout, le rappel aussi").
KEPT = frozenset({ERASE_INTENT, "affirm", "crisis", "stop"})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EraseRequestNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        return override_where(messages, lambda intent: intent not in KEPT, asks_to_erase, ERASE_INTENT)
