"""Rasa NLU component: a message with no French word at all is not understood.

On keyboard mashing ("zqxj wvkp") the classifier still picks some intent, sometimes with high
confidence, and which one changes from one training to the next. When every word of a message
is outside spaCy's French vocabulary, the honest reading is "not understood" (nlu_fallback),
which counts towards offering a human after two in a row.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.components.intent_override import IntentOverride, force_intent

SPACY_DOC = "text_spacy_doc"  # where Rasa's SpacyNLP keeps the parsed message
FALLBACK_INTENT = "nlu_fallback"


def is_gibberish(words: list[tuple[str, bool]]) -> bool:
    """`words` are (text, out_of_vocabulary) pairs; numbers and symbols are not words."""
    if words and not any(char.isalnum() for text, _ in words for char in text):
        # Only emoji or punctuation ("😭😭", "???"): the classifier read "😭😭😭🙏" as a goodbye.
        return True
    alphabetic = [oov for text, oov in words if text.isalpha()]
    has_digits = any(any(c.isdigit() for c in text) for text, _ in words)
    return bool(alphabetic) and all(alphabetic) and not has_digits


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class GibberishGuard(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            doc = message.get(SPACY_DOC)
            if message.get(TEXT) and doc is not None and is_gibberish([(t.text, t.is_oov) for t in doc]):
                force_intent(message, FALLBACK_INTENT)
        return messages
