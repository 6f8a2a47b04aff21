"""Rasa NLU component: a message with no French word at all is not understood.

On keyboard mashing ("zqxj wvkp") the classifier still picks some intent, sometimes with high
confidence, and which one changes from one training to the next. When every word of a message
is outside spaCy's French vocabulary, the honest reading is "not understood" (nlu_fallback),
which counts towards offering a human after two in a row.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

SPACY_DOC = "text_spacy_doc"  # where Rasa's SpacyNLP keeps the parsed message
FALLBACK_INTENT = "nlu_fallback"


def is_gibberish(words: list[tuple[str, bool]]) -> bool:
    """`words` are (text, out_of_vocabulary) pairs; numbers and symbols are not words."""
    alphabetic = [oov for text, oov in words if text.isalpha()]
    has_digits = any(any(c.isdigit() for c in text) for text, _ in words)
    return bool(alphabetic) and all(alphabetic) and not has_digits


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class GibberishGuard(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GibberishGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            doc = message.get(SPACY_DOC)
            if not message.get(TEXT) or doc is None:
                continue
            if is_gibberish([(token.text, token.is_oov) for token in doc]):
                ranking = message.get(INTENT_RANKING_KEY) or []
                message.set(INTENT, {"name": FALLBACK_INTENT, "confidence": 1.0}, add_to_output=True)
                message.set(
                    INTENT_RANKING_KEY,
                    [{"name": FALLBACK_INTENT, "confidence": 1.0}, *ranking],
                    add_to_output=True,
                )
        return messages
