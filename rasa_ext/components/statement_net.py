"""Rasa NLU component: a statement is not a question, nor a message not understood.

"Le père verse rien pour l'instant, c'est en cours devant le juge" once got the food-aid
leaflet, "le crédit du canapé, 130/mois" the taxes one: the response selector always finds
some topic. An information answer is for a question, or for a message that names its topic
("horaires", "trêve hivernale"); a sentence that does neither is the person telling their
situation, and is listened to (with its figures kept) instead. The words are read by
bot.reading.telling.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.reading.amounts import parse_amounts
from bot.reading.telling import tells_rather_than_asks
from bot.reading.themes import detect_themes
from rasa_ext.components.intent_override import IntentOverride, force_intent, intent_of


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
