"""The linear intent classifier: one model for intents and information topics, persisted and
read back, its output where the actions read it."""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.components.linear_intents import (
    LinearIntentClassifier,
    features_of,
    intent_ranking,
    topic_ranking,
)

VOCABULARY = ["bonjour", "merci", "fsl", "treve", "hiver", "aide", "loyer", "salut"]


def message(text: str, intent: str | None = None, key: str | None = None) -> Message:
    """A message featurised as the pipeline would: word counts as sparse, a small dense vector."""
    counts = np.array([[text.split().count(word) for word in VOCABULARY]], dtype=float)
    data: dict = {TEXT: text}
    if intent:
        data["intent"] = intent
    if key:
        data["intent_response_key"] = key
    result = Message(data=data)
    result.add_features(Features(sp.coo_matrix(counts), "sentence", TEXT, "counts"))
    result.add_features(Features(np.array([[len(text) / 10.0, 1.0]]), "sentence", TEXT, "dense"))
    return result


def training() -> TrainingData:
    examples = (
        [message(t, "greet") for t in ["bonjour", "salut", "bonjour bonjour", "salut bonjour"]]
        + [message(t, "thank") for t in ["merci", "merci merci", "merci salut"]]
        + [message(t, "faq", "faq/fsl") for t in ["fsl aide loyer", "aide fsl", "fsl loyer"]]
        + [message(t, "faq", "faq/winter_truce") for t in ["treve hiver", "hiver treve loyer",
                                                            "treve"]]
    )
    return TrainingData(training_examples=examples,
                        responses={"utter_faq/fsl": [{"text": "Le FSL..."}],
                                   "utter_faq/winter_truce": [{"text": "La trêve..."}]})


def test_each_row_has_unit_length_parts_so_length_does_not_weigh():
    short, long = features_of([message("merci"), message("merci " * 40)]).toarray()
    words = len(VOCABULARY)
    np.testing.assert_allclose(short[:words], long[:words])
    for row in (short, long):
        assert abs(np.linalg.norm(row[:words]) - 1) < 1e-9
        assert abs(np.linalg.norm(row[words:]) - 1) < 1e-9


def test_a_retrieval_intent_sums_its_topics():
    ranking = intent_ranking(["faq/a", "faq/b", "greet"], np.array([0.3, 0.3, 0.4]))
    assert ranking[0] == {"name": "faq", "confidence": 0.6}
    topics = topic_ranking(["faq/a", "faq/b", "greet"], np.array([0.1, 0.5, 0.4]), "faq")
    assert topics[0]["intent_response_key"] == "faq/b"
    assert abs(topics[0]["confidence"] - 5 / 6) < 1e-9


def test_trained_persisted_and_loaded_it_reads_intents_and_topics(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("linear")
    context = ExecutionContext(GraphSchema({}), "linear")
    classifier = LinearIntentClassifier.create({}, storage, resource, context)
    classifier.train(training())
    loaded = LinearIntentClassifier.load({}, storage, resource, context)

    greeting, question = loaded.process([message("salut bonjour"), message("treve hiver loyer")])
    assert greeting.get("intent")["name"] == "greet"
    assert question.get("intent")["name"] == "faq"
    selected = question.get("response_selector")["faq"]["response"]
    assert selected["intent_response_key"] == "faq/winter_truce"
    assert selected["utter_action"] == "utter_faq/winter_truce"
    assert selected["responses"] == [{"text": "La trêve..."}]


def test_untrained_it_leaves_messages_as_they_are(tmp_path):
    classifier = LinearIntentClassifier.create({}, LocalModelStorage(tmp_path), Resource("x"),
                                               ExecutionContext(GraphSchema({}), "x"))
    [unchanged] = classifier.process([message("bonjour")])
    assert unchanged.get("intent") is None
