"""Rasa NLU component: crisis wording overrides the predicted intent.

The classifier alone may miss a crisis written in an unexpected way; bot.reading.safety catches the
wording, and this component makes the dialogue see `crisis` whatever was predicted.

The other way round, a `crisis` guessed by the classifier alone for a message that names an
eviction, an energy cut or a closed account ("ils peuvent me mettre dehors quand ?") is that
situation, heard as such: it gets its concrete help (and the winter truce), not the shelter line.
And an unsure `crisis` from the classifier alone on a plain household or amount ("moi + mon
bb", answering "who lives with you?") is that answer (bot.reading.crisis_followup.plain_answer).
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.reading.crisis_followup import plain_answer
from bot.reading.safety import detect_crises
from bot.reading.urgency import detect_urgencies
from rasa_ext.components.intent_override import IntentOverride, force_intent, intent_of

CRISIS_INTENT = "crisis"
DIFFICULTY_INTENT = "express_difficulty"
INFORM_INTENT = "inform"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisSafetyNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            kinds = detect_crises(text)
            if kinds:
                force_intent(message, CRISIS_INTENT)
                message.set("crisis_kinds", [k.value for k in kinds], add_to_output=True)
            elif intent_of(message) == CRISIS_INTENT and detect_urgencies(text):
                force_intent(message, DIFFICULTY_INTENT)
            elif intent_of(message) == CRISIS_INTENT and plain_answer(
                    text, float((message.get(INTENT) or {}).get("confidence") or 0.0)):
                force_intent(message, INFORM_INTENT)
        return messages
