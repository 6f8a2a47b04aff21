"""Rasa NLU component: intents and information topics read by one linear model, in seconds.

DIET and the ResponseSelector took about 11 of the 13 minutes of a training on 2 cores, for
about 1 800 examples. A logistic regression over the same features (word and character n-gram
counts, spaCy's sentence vector) learns them in seconds; its probabilities are calibrated,
which the fallback threshold and the nets after it read. Measured on the held-out NLU set it
is still slightly below DIET (see the README), so config.yml does not use it yet.

Rasa's own LogisticRegressionClassifier reads intents only, on raw counts: here each block of
features is scaled to unit length, and the information topic is decided by the same model.

Retrieval sub-intents ("faq/fsl") are classes of their own, so one model decides both the
intent and the topic: the intent `faq` gets the sum of its topics' probabilities, and the
topic is written where Rasa's ResponseSelector writes it (`response_selector.faq`), so that the
actions read it unchanged.
"""
from __future__ import annotations

import json
from typing import Any

import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

MODEL_FILE = "linear_intents.skops"
META_FILE = "linear_intents.json"
RETRIEVAL_SEPARATOR = "/"


def features_of(messages: list[Message]) -> sp.csr_matrix:
    """One row per message: log-scaled sparse counts and the dense sentence vector, each of
    unit length, so that a long message weighs no more than a short one."""
    sparse = _stacked([message.get_sparse_features(TEXT)[1] for message in messages])
    dense = _stacked([message.get_dense_features(TEXT)[1] for message in messages])
    blocks = []
    if sparse is not None:
        sparse.data = np.log1p(sparse.data)
        blocks.append(normalize(sparse))
    if dense is not None:
        blocks.append(normalize(dense))
    return sp.hstack(blocks, format="csr") if blocks else sp.csr_matrix((len(messages), 0))


def _stacked(features: list[Any]) -> sp.csr_matrix | None:
    """The messages' sentence features one under the other; a message without any gets zeros
    (normalize leaves a zero row as it is)."""
    present = [f for f in features if f is not None]
    if not present:
        return None
    width = present[0].features.shape[-1]
    return sp.vstack([sp.csr_matrix(f.features, dtype=np.float64) if f is not None
                      else sp.csr_matrix((1, width)) for f in features], format="csr")


def label_of(message: Message) -> str | None:
    """The class a training example teaches: its retrieval sub-intent when it has one."""
    return message.get(INTENT_RESPONSE_KEY) or message.get(INTENT)


def intent_ranking(classes: list[str], probabilities: np.ndarray) -> list[dict[str, Any]]:
    """Intents by probability; a retrieval intent is the sum of its sub-intents."""
    totals: dict[str, float] = {}
    for label, probability in zip(classes, probabilities, strict=True):
        intent = label.split(RETRIEVAL_SEPARATOR, 1)[0]
        totals[intent] = totals.get(intent, 0.0) + float(probability)
    ranking = [{"name": name, "confidence": value} for name, value in totals.items()]
    return sorted(ranking, key=lambda item: -item["confidence"])


def topic_ranking(classes: list[str], probabilities: np.ndarray, intent: str) -> list[dict[str, Any]]:
    """The sub-intents of `intent`, by probability renormalised among them."""
    pairs = [(label, float(p)) for label, p in zip(classes, probabilities, strict=True)
             if label.startswith(intent + RETRIEVAL_SEPARATOR)]
    whole = sum(p for _, p in pairs) or 1.0
    ranked = sorted(pairs, key=lambda pair: -pair[1])
    return [{"intent_response_key": label, "confidence": p / whole} for label, p in ranked]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(IntentClassifier, GraphComponent):
    @classmethod
    def required_components(cls) -> list[type]:
        return [Featurizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # C chosen by 5-fold cross-validation on the training data (macro-F1), not on any test set.
        return {"C": 100.0, "max_iter": 3000, "retrieval_intent": "faq", "random_seed": 42}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: LogisticRegression | None = None,
                 responses: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self.responses = responses or {}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and label_of(m)]
        if not examples:
            return self._resource
        model = LogisticRegression(C=float(self.config["C"]), max_iter=int(self.config["max_iter"]),
                                   class_weight="balanced", random_state=self.config["random_seed"])
        model.fit(features_of(examples), [label_of(m) for m in examples])
        self.model = model
        prefix = f"utter_{self.config['retrieval_intent']}{RETRIEVAL_SEPARATOR}"
        self.responses = {key: value for key, value in training_data.responses.items()
                          if key.startswith(prefix)}
        self.persist()
        return self._resource

    def persist(self) -> None:
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(self.model, directory / MODEL_FILE)
            (directory / META_FILE).write_text(json.dumps({"responses": self.responses}), "utf-8")

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LinearIntentClassifier:
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as directory:
                path = directory / MODEL_FILE
                # Only sklearn and numpy types are expected: anything else is refused.
                trusted = [t for t in sio.get_untrusted_types(file=path)
                           if t.startswith(("sklearn.", "numpy."))]
                model = sio.load(path, trusted=trusted)
                meta = json.loads((directory / META_FILE).read_text("utf-8"))
        except ValueError:
            return cls.create(config, model_storage, resource, execution_context)
        return cls(config, model_storage, resource, model, meta.get("responses"))

    def process(self, messages: list[Message]) -> list[Message]:
        if self.model is None or not messages:
            return messages
        classes = [str(label) for label in self.model.classes_]
        probabilities = self.model.predict_proba(features_of(messages))
        retrieval = str(self.config["retrieval_intent"])
        for message, row in zip(messages, probabilities, strict=True):
            ranking = intent_ranking(classes, row)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking[:LABEL_RANKING_LENGTH], add_to_output=True)
            self._select_topic(message, classes, row, retrieval)
        return messages

    def _select_topic(self, message: Message, classes: list[str], row: np.ndarray,
                      retrieval: str) -> None:
        topics = topic_ranking(classes, row, retrieval)
        if not topics:
            return
        key = topics[0]["intent_response_key"]
        utter = f"utter_{key}"
        selector = message.get("response_selector") or {}
        selector["all_retrieval_intents"] = [retrieval]
        selector[retrieval] = {
            "response": {"responses": self.responses.get(utter, [{TEXT: key}]),
                         "confidence": topics[0]["confidence"], INTENT_RESPONSE_KEY: key,
                         "utter_action": utter},
            "ranking": topics[:LABEL_RANKING_LENGTH],
        }
        message.set("response_selector", selector, add_to_output=True)
