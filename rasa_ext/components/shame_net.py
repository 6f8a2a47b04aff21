"""Rasa NLU component: shame said without a question is the person telling how they feel.

"j'ose même pas écrire ce qui m'arrive, j'ai honte" reads to the classifier as a question about
confidentiality, and "j'ai honte" alone as a crisis: the first got a leaflet, the second the
safety question. Shame keeps people from asking for help (DOMAIN.md); said, it is heard first
(actions/understanding.py answers it, whatever the assistant was doing). A question ("j'ai
honte, c'est confidentiel ?") keeps its answer, and crisis wording stays a crisis
(CrisisSafetyNet comes after this one). The words are read by bot.reading.telling.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from bot.reading.telling import tells_shame
from rasa_ext.components.intent_override import IntentOverride, override_where

DIFFICULTY_INTENT = "express_difficulty"
# Readings under which the feeling would go unheard.
OVERRULED = frozenset({"faq", "crisis", "nlu_fallback", "out_of_scope", "confused", "bot_challenge"})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ShameNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        return override_where(messages, lambda intent: intent in OVERRULED, tells_shame, DIFFICULTY_INTENT)
