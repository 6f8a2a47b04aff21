"""Rasa NLU component: a message that names an eviction, an energy cut or a closed account is
someone telling their situation, whatever else it looks like.

"j'ai reçu un commandement de quitter les lieux" resembles the FAQ questions about debts; read
as a question, it would get a general answer instead of the concrete help and the flag for the
counsellor that bot.reading.urgency gives. Only readings that would lose that help are overruled: a
request for a callback, a crisis or an answer to a form question keep their intent. A question
in general ("ils ont le droit de couper le gaz en hiver ?"), read as one, keeps it too.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.reading.urgency import asks_in_general, detect_urgencies
from rasa_ext.components.intent_override import IntentOverride, force_intent, intent_of

DIFFICULTY_INTENT = "express_difficulty"
# Intents under which an urgent situation would go unheard.
OVERRULED = frozenset({
    "faq", "greet", "goodbye", "thank", "out_of_scope", "nlu_fallback", "confused", "request_info",
    "bot_challenge",
})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UrgencyNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = intent_of(message)
            said = message.get(TEXT) or ""
            if intent == "faq" and asks_in_general(said):
                continue  # "on peut être expulsé en hiver ?" is a question: it gets its answer
            if intent in OVERRULED and detect_urgencies(said):
                force_intent(message, DIFFICULTY_INTENT)
        return messages
