"""Rasa NLU component: a message that plainly asks to be called back is a callback request.

"Oui, rappelez-moi, mais pas le mercredi, j'ai les enfants" was read as a "no" (it says "pas"),
and the person was told "D'accord, je reste là". The words are read by bot.reading.callback_wish;
moving or cancelling a callback, a crisis and erasure keep their own intent. And "en fait
annulez svp" cancels the callback, which the classifier, knowing few such words, missed.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.reading.callback_wish import asks_for_callback_not_naming as asks_for_callback
from bot.reading.callback_wish import cancels_callback
from bot.reading.faq_cues import asks_how_the_callback_goes
from bot.reading.snapshot_request import asks_for_snapshot
from rasa_ext.components.intent_override import IntentOverride, force_intent, intent_of

REQUEST_INTENT = "request_human"
SNAPSHOT_INTENT = "request_snapshot"
# Readings that would answer a request for the snapshot with a courtesy, "je n'ai pas compris", or
# a yes to whatever was offered last ("oui faisons le point" after the callback was offered).
# "on peut regarder mon budget ?" asks for it, rather than what it is (faq/budget_snapshot).
POLITE_ONLY = frozenset({"thank", "goodbye", "greet", "nlu_fallback", "out_of_scope", "confused", "affirm",
                         "faq"})
CANCEL_INTENT = "cancel_callback"
FAQ_INTENT = "faq"
KEPT = frozenset({"request_human", "change_callback", "cancel_callback", "keep_callback", "crisis",
                  "delete_my_data", "stop"})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CallbackRequestNet(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = intent_of(message)
            text = message.get(TEXT) or ""
            if intent not in ("crisis", FAQ_INTENT) and asks_how_the_callback_goes(text):
                # "comment ça se passe si on veut être rappelés ?": answered, nothing booked yet.
                force_intent(message, FAQ_INTENT)
            elif intent not in KEPT and cancels_callback(text):
                force_intent(message, CANCEL_INTENT)
            elif intent not in KEPT and asks_for_callback(text):
                force_intent(message, REQUEST_INTENT)
            elif intent in POLITE_ONLY and asks_for_snapshot(text):
                # "d'accord merci, je veux bien faire le point": the request, not the thanks.
                force_intent(message, SNAPSHOT_INTENT)
        return messages
