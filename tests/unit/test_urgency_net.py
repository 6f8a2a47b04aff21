"""The NLU component that keeps an urgent situation from being read as a question."""
import pytest
from rasa.shared.nlu.constants import INTENT

from rasa_ext.components.urgency_net import UrgencyNet
from tests.unit.nlu_messages import classified


@pytest.mark.parametrize("text, predicted, expected", [
    ("j'ai aussi reçu un commandement de quitter les lieux", "faq", "express_difficulty"),
    ("bonjour c'est encore moi, on va me couper l'électricité", "faq", "express_difficulty"),
    ("bonjour, ma banque a fermé mon compte", "greet", "express_difficulty"),
    ("on va me couper le gaz, rappelez-moi", "request_human", "request_human"),
    ("c'est quoi la trêve hivernale", "faq", "faq"),
    ("passer", "inform", "inform"),
])
def test_urgent_situations_are_heard_not_answered_as_questions(text, predicted, expected):
    [message] = UrgencyNet().process([classified(text, predicted)])
    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize("text, predicted, expected", [
    ("ils peuvent me mettre dehors quand ?", "crisis", "express_difficulty"),  # the classifier alone
    ("mon proprio peut me mettre dehors en janvier ?", "crisis", "express_difficulty"),
    ("on m'a coupé le courant, je veux en finir", "faq", "crisis"),  # the crisis words win
    ("je veux en finir", "greet", "crisis"),
    ("je dors mal", "crisis", "crisis"),  # no situation named: the classifier is trusted
])
def test_crisis_net(text, predicted, expected):
    from rasa_ext.components.crisis_net import CrisisSafetyNet

    [message] = CrisisSafetyNet().process([classified(text, predicted)])
    assert message.get(INTENT)["name"] == expected


def test_a_plain_request_to_erase_is_that_request_and_a_question_about_data_is_not():
    from bot.reading.erase_request import asks_to_erase
    assert asks_to_erase("finalement vous pouvez supprimer tout ce que j'ai raconté ?")
    assert asks_to_erase("effacez mes infos s'il vous plaît")
    assert not asks_to_erase("au bout de combien de temps mes messages sont supprimés ?")
    assert not asks_to_erase("vous pouvez enlever les frais de la banque ?")
    assert not asks_to_erase("on peut effacer mes dettes ?")
    assert asks_to_erase("j'ai peur qu'il voie, effacez tout, le rappel aussi")
    assert not asks_to_erase("vous pouvez supprimer mon rappel ?")
    assert not asks_to_erase("supprimez le rdv de jeudi svp")


def test_a_request_for_the_snapshot_inside_a_thanks_is_the_request():
    from bot.reading.snapshot_request import asks_for_snapshot
    assert asks_for_snapshot("merci, je voudrais faire le point sur mon budget")
    assert asks_for_snapshot("super merci, on peut faire le point ?")
    assert asks_for_snapshot("oui faisons le point")
    assert asks_for_snapshot("ok on fait un point alors")
    assert asks_for_snapshot("ok super, on peut regarder mon budget ensemble ?")
    assert not asks_for_snapshot("c'est quoi le point sur le budget ?")
    assert not asks_for_snapshot("merci, pas besoin de faire le point")
    assert not asks_for_snapshot("merci et bonne soirée")
