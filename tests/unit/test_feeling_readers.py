"""The NLU components that hear how the person feels: shame said, a conversation put off."""
import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.shame_net import ShameNet, tells_shame


def classified(text: str, intent: str) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.5})
    return message


@pytest.mark.parametrize("text, predicted, expected", [
    ("j'ai honte", "crisis", "express_difficulty"),
    ("j'ose même pas vous dire ce qui se passe, j'ai trop honte", "faq", "express_difficulty"),
    ("jsuis gene de demander de l'aide", "nlu_fallback", "express_difficulty"),
    ("j'ai honte, c'est confidentiel ?", "faq", "faq"),  # a question keeps its answer
    ("j'ai honte mais est ce que vous pouvez m'aider", "faq", "faq"),
    ("j'ai honte, je préfère arrêter là", "stop", "stop"),  # a stop stays a stop
    ("je me sens nulle, je veux en finir", "crisis", "crisis"),  # crisis words: not this net's
    ("mon loyer c'est 700", "inform", "inform"),
])
def test_shame_said_is_heard(text, predicted, expected):
    from components.crisis_net import CrisisSafetyNet

    [message] = CrisisSafetyNet().process(ShameNet().process([classified(text, predicted)]))
    assert message.get(INTENT)["name"] == expected


def test_tells_shame_only_without_a_question():
    assert tells_shame("je suis pas fière de moi")
    assert not tells_shame("pourquoi j'aurais honte ?")
    assert not tells_shame("on galère en ce moment")


@pytest.mark.parametrize("text, predicted, expected", [
    ("d'accord, on va en discuter ce soir et on revient vers vous", "express_difficulty", "stop"),
    ("je vais réfléchir et je reviens vers vous", "express_difficulty", "stop"),
    ("ok laissez moi réfléchir", "affirm", "stop"),
    ("je vais réfléchir, mais c'est payant ?", "faq", "faq"),  # a question keeps its answer
    ("je vais réfléchir, rappelez-moi demain", "request_human", "request_human"),
    ("je reviens de chez le médecin, j'ai plus rien", "express_difficulty", "express_difficulty"),
])
def test_putting_off_ends_kindly(text, predicted, expected):
    from components.put_off import PutOffNet

    [message] = PutOffNet().process([classified(text, predicted)])
    assert message.get(INTENT)["name"] == expected
