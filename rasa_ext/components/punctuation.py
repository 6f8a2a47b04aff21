"""Rasa NLU component, first in the pipeline: runs of punctuation are squeezed before the
message is read ("!!!!!!!!" -> "!"), in training examples and in messages alike. Only what the
classifier reads changes: the person's message is stored and shown as written."""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.reading.textnorm import squeeze_punctuation
from rasa_ext.components.intent_override import IntentOverride


def _squeeze(message: Message) -> None:
    text = message.get(TEXT)
    if isinstance(text, str) and text:
        message.set(TEXT, squeeze_punctuation(text))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class PunctuationSqueezer(IntentOverride):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            _squeeze(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            _squeeze(message)
        return messages
