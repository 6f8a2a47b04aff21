"""Rasa NLU component: "on va en discuter ce soir et on revient vers vous" ends the conversation
for now, kindly; it is neither a time to call ("ce soir") nor a new account of the situation.
The words are read by bot.reading.put_off; a crisis, a request and a question keep their intent."""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from bot.reading.put_off import puts_off
from rasa_ext.components.intent_override import IntentOverride, override_where

STOP_INTENT = "stop"
KEPT = frozenset({"crisis", "request_human", "delete_my_data", "cancel_callback", "change_callback",
                  "request_snapshot", "stop"})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PutOffNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        return override_where(messages, lambda intent: intent not in KEPT, puts_off, STOP_INTENT)
