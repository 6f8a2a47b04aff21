"""Rasa NLU component: shame said without a question is the person telling how they feel.

"j'ose même pas écrire ce qui m'arrive, j'ai honte" reads to the classifier as a question about
confidentiality, and "j'ai honte" alone as a crisis: the first got a leaflet, the second the
safety question. Shame keeps people from asking for help (DOMAIN.md); said, it is heard first
(actions/listening.py answers it). A question ("j'ai honte, c'est confidentiel ?") keeps its
answer, and crisis wording stays a crisis (CrisisSafetyNet comes after this one).
"""
from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.textnorm import normalize
from bot.themes import expresses_shame
from components.intent_override import IntentOverride, force_intent, intent_of

DIFFICULTY_INTENT = "express_difficulty"
# Readings under which the feeling would go unheard.
OVERRULED = frozenset({"faq", "crisis", "nlu_fallback", "out_of_scope", "confused", "bot_challenge"})
# "je sais pas comment dire" is no question.
_QUESTION = re.compile(
    r"\b(?:est ce qu\w*|qu est ce|c est quoi|pourquoi|combien|qui va|qui peut)\b|"
    r"(?<!sais pas )(?<!sais )\bcomment\b(?! (?:dire|vous dire|le dire|l ecrire|commencer))")


def tells_shame(text: str) -> bool:
    """Shame said as a feeling, not inside a question."""
    return expresses_shame(text) and "?" not in text and not _QUESTION.search(normalize(text))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ShameNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if intent_of(message) in OVERRULED and tells_shame(message.get(TEXT) or ""):
                force_intent(message, DIFFICULTY_INTENT)
        return messages
