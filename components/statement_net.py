"""Rasa NLU component: a statement is not a question, nor a message not understood.

"Le père verse rien pour l'instant, c'est en cours devant le juge" once got the food-aid
leaflet, "le crédit du canapé, 130/mois" the taxes one: the response selector always finds
some topic. An information answer is for a question, or for a message that names its topic
("horaires", "trêve hivernale"); a sentence that does neither is the person telling their
situation, and is listened to (with its figures kept) instead.
"""
from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.amounts import parse_amounts
from bot.faq_cues import topics_named
from bot.textnorm import normalize
from bot.themes import detect_themes
from components.intent_override import IntentOverride, force_intent, intent_of

_ASKING = re.compile(
    r"\b(?:est ce|qu est ce|c est quoi|c quoi|comment|pourquoi|combien|quand|quel|quelle|quels|quelles|"
    r"ou (?:est|sont|aller|se trouve)|peut on|on peut|je peux|puis je|pouvez vous|vous pouvez|ai je|"
    r"j y ai droit|y a t il|savoir|renseign\w*|info\w*|expliqu\w*|dites moi|comprendre|"
    r"droit|faut il|il faut|dois je|je dois|possible|ca marche|s il vous plait|svp|que faire|quoi|"
    r"pour qui|a qui|qui (?:peut|va|doit)|koi|cmt|pk|pq|pourkoi|y a|ya|une aide|aides?|que se passe|"
    r"t il|t elle|existe\w*|gratuit|payant|ou ca|ou je|ou on|ou ils|ou elles|ou pas|ou non|besoin d|"
    r"je cherche|je veux|je voudrais|j aimerais|conseil\w*)\b")
MIN_WORDS = 5  # "treve hivernale", "num de tel": short queries keep their answer


def tells_rather_than_asks(text: str) -> bool:
    plain = normalize(text)
    return "?" not in text and len(plain.split()) >= MIN_WORDS and not _ASKING.search(plain) \
        and not topics_named(text)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StatementNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            said = message.get(TEXT) or ""
            intent = intent_of(message)
            if intent == "faq" and tells_rather_than_asks(said):
                force_intent(message, "inform" if parse_amounts(said) else "express_difficulty")
            elif intent == "nlu_fallback" and tells_rather_than_asks(said) and detect_themes(said):
                # "mon mari est décédé en septembre, je découvre des lettres de relance", read as
                # half a question: the person tells what happened, and is listened to.
                force_intent(message, "express_difficulty")
        return messages
