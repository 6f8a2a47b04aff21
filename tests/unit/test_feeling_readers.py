"""The NLU components that hear what the person tells: shame, a conversation put off, a statement."""
import pytest
from rasa.shared.nlu.constants import INTENT

from bot.reading.telling import tells_shame
from rasa_ext.components.shame_net import ShameNet
from tests.unit.nlu_messages import classified


@pytest.mark.parametrize("text, predicted, expected", [
    ("j'ai honte", "crisis", "express_difficulty"),
    ("j'ose même pas vous dire ce qui se passe, j'ai trop honte", "faq", "express_difficulty"),
    ("jsuis gene de demander de l'aide", "nlu_fallback", "express_difficulty"),
    ("je sais pas comment dire, j'ai tellement honte", "faq", "express_difficulty"),
    ("j'ai honte, c'est confidentiel ?", "faq", "faq"),  # a question keeps its answer
    ("j'ai honte mais est ce que vous pouvez m'aider", "faq", "faq"),
    ("j'ai honte, je préfère arrêter là", "stop", "stop"),  # a stop stays a stop
    ("je me sens nulle, je veux en finir", "crisis", "crisis"),  # crisis words: not this net's
    ("mon loyer c'est 700", "inform", "inform"),
])
def test_shame_said_is_heard(text, predicted, expected):
    from rasa_ext.components.crisis_net import CrisisSafetyNet

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
    from rasa_ext.components.put_off import PutOffNet

    [message] = PutOffNet().process([classified(text, predicted)])
    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize("text, predicted, expected", [
    ("j'ai 1500 de salaire et le père ne verse rien depuis le jugement", "faq", "inform"),
    ("on a des dettes partout et les huissiers appellent tous les jours", "faq", "express_difficulty"),
    ("il reste un crédit de 90 par mois pour le frigo, et c'est moi qui paye", "faq", "inform"),
    ("c'est quoi le fsl", "faq", "faq"),  # a question
    ("treve hivernale", "faq", "faq"),  # a short query
    ("aucune banque ne veut de moi depuis mon fichage", "faq", "faq"),  # names its topic
    ("je voudrais savoir si c'est payant", "faq", "faq"),
    ("ma femme est décédée cet été et les factures s'empilent sur la table", "nlu_fallback",
     "express_difficulty"),
    ("blablabla truc machin chose bidule", "nlu_fallback", "nlu_fallback"),
])
def test_a_statement_is_not_answered_with_a_leaflet(text, predicted, expected):
    from rasa_ext.components.statement_net import StatementNet

    [message] = StatementNet().process([classified(text, predicted)])
    assert message.get(INTENT)["name"] == expected


def test_being_advised_to_write_is_told_not_asked():
    from bot.reading.telling import tells_rather_than_asks

    assert tells_rather_than_asks("mon assistante sociale m'a conseillé de vous écrire, on n'y arrive plus")
    assert not tells_rather_than_asks("il me faudrait des conseils pour gérer mes dettes")


def test_not_knowing_what_to_do_any_more_is_distress_not_a_question():
    from bot.reading.telling import tells_rather_than_asks

    assert tells_rather_than_asks("le loyer et la facture d'eau en retard, je ne sais plus quoi faire")
    assert tells_rather_than_asks("je sais pas quoi faire avec tout ces courriers de relance")
    # Still questions: what to do, asked.
    assert not tells_rather_than_asks("on peut faire quoi quand on a des loyers en retard")
    assert not tells_rather_than_asks("que faire si je ne peux pas payer le loyer")
    # A topic named keeps its answer: "je sais pas quoi faire pour le chèque énergie".
    assert not tells_rather_than_asks("je sais pas quoi faire pour le chèque énergie cette année")
