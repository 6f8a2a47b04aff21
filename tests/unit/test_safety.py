"""The crisis safety net: explicit wording must be caught; ordinary worries must not be."""
from pathlib import Path

import pytest
import yaml

from bot.reading.safety import Crisis, assess, detect_crises

ROOT = Path(__file__).resolve().parents[2]

CRISES = [
    ("je veux mourir", Crisis.SUICIDE),
    ("Je VEUX MOURIR", Crisis.SUICIDE),
    ("jveux mourrir", Crisis.SUICIDE),
    ("g envie de me suicider", Crisis.SUICIDE),
    ("j’ai envie d’en finir", Crisis.SUICIDE),
    ("je pense au suicide depuis des semaines", Crisis.SUICIDE),
    ("je vais me foutre en l'air", Crisis.SUICIDE),
    ("je n'ai plus envie de vivre", Crisis.SUICIDE),
    ("ma famille serait mieux sans moi", Crisis.SUICIDE),
    ("je vais faire une bêtise", Crisis.SUICIDE),
    ("j'ai des idées noires", Crisis.SUICIDE),
    ("je voudrais ne plus me réveiller", Crisis.SUICIDE),
    ("je pense à mettre fin à mes jours", Crisis.SUICIDE),
    ("mon mari me frappe", Crisis.VIOLENCE),
    ("il m'a frappée hier soir", Crisis.VIOLENCE),
    ("je suis partie, mon copain me battait", Crisis.VIOLENCE),
    ("il me tapait dessus quand il avait bu", Crisis.VIOLENCE),
    ("mon compagnon est violent", Crisis.VIOLENCE),
    ("j'ai peur de mon conjoint", Crisis.VIOLENCE),
    ("il me prend tout mon salaire", Crisis.VIOLENCE),
    ("mon mari garde ma carte bancaire", Crisis.VIOLENCE),
    ("il me force à signer des crédits", Crisis.VIOLENCE),
    ("violences conjugales", Crisis.VIOLENCE),
    ("je suis à la rue", Crisis.SHELTER),
    ("je dors dans ma voiture", Crisis.SHELTER),
    ("je ne sais pas où on va dormir ce soir", Crisis.SHELTER),
    ("on nous a mis dehors ce matin", Crisis.SHELTER),
    ("je suis sdf", Crisis.SHELTER),
    ("mon enfant est en danger", Crisis.CHILD),
    ("son père le frappe", Crisis.CHILD),
    ("je crois que mon fils est maltraité", Crisis.CHILD),
    ("ma voisine bat ses enfants", Crisis.CHILD),
]

NOT_CRISES = [
    "mon chef me tapait sur les nerfs, j ai démissionné",
    "ma compagne touche le RSA, 650, et moi des petits boulots",
    "j'ai des dettes de loyer",
    "je veux arrêter",
    "mon compte est bloqué",
    "la vie est chère",
    "ma banque me menace de fermer mon compte",
    "c'est violent ce découvert",
    "les agios me tuent chaque mois",
    "ça me tue ces factures",
    "Cofidis me harcèle au téléphone",
    "mon ex ne me donne que 50 euros par mois pour les enfants",
    "on m'a coupé le gaz",
    "j'ai fait une bêtise avec mon crédit",
    "la banque a bloqué ma carte et je n'ai plus rien",
    "je dors mal à cause des dettes",
    "je vais être expulsé en avril",
    "",
]


@pytest.mark.parametrize("text,kind", CRISES)
def test_explicit_crisis_wording_is_caught(text, kind):
    assert kind in detect_crises(text)


@pytest.mark.parametrize("text", NOT_CRISES)
def test_ordinary_worries_are_not_crises(text):
    assert detect_crises(text) == []


def test_several_kinds_in_one_message():
    kinds = detect_crises("il me frappe et ce soir je dors dehors")
    assert kinds == [Crisis.VIOLENCE, Crisis.SHELTER]


def _training_examples():
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block["examples"].splitlines():
                if line.strip().startswith("- "):
                    yield block["intent"], line.strip()[2:]


def test_net_agrees_with_training_data():
    """Every crisis example is caught by the net alone; no other example sets it off.

    The net overrides the classifier, so a false alarm on a training example would also
    contradict the data the model learns from.
    """
    examples = list(_training_examples())
    assert len(examples) > 500
    missed = [t for i, t in examples if i == "crisis" and not detect_crises(t)]
    false_alarms = [(i, t) for i, t in examples if i != "crisis" and detect_crises(t)]
    assert missed == []
    assert false_alarms == []


# Messages of the kinds that were missed before (issue "safety net that hears indirect words").
INDIRECT = [
    "franchement je sais plus pourquoi je me bats",
    "des fois je me dis que tout le monde serait tranquille si je disparaissais",
    "j'ai plus envie de rien",
    "je n'ai plus la force, à quoi bon",
    "je vois aucune issue",
    "jveux que tout s'arrête pour de bon",
    "je suis un poids pour ma famille",
    "si je pouvais m'endormir pour toujours ce serait pas plus mal",
    "j'ai écrit des lettres pour mes enfants, au cas où",
    "je regarde les cachets dans la salle de bain et je me dis que ce serait simple",
]


@pytest.mark.parametrize("text", INDIRECT)
def test_indirect_hopelessness_gets_a_check_in(text):
    heard = assess(text)
    assert heard.kinds == (Crisis.SUICIDE,)
    assert heard.indirect_suicide


def test_explicit_wording_is_not_a_mere_check_in():
    assert not assess("je veux me suicider").indirect_suicide


@pytest.mark.parametrize("text,kinds", [
    ("mon mari frappe les enfants et garde tout l'argent", [Crisis.VIOLENCE, Crisis.CHILD]),
    ("il garde tout mon salaire", [Crisis.VIOLENCE]),
    ("mon salaire arrive sur son compte et je dois justifier chaque dépense", [Crisis.VIOLENCE]),
    ("il m'a encore frappée hier soir", [Crisis.VIOLENCE]),
    ("la voisine laisse son bébé de 6 mois tout seul la nuit", [Crisis.CHILD]),
    ("le petit d'à côté se fait taper tous les soirs", [Crisis.CHILD]),
    ("il m'a cognée et jetée dehors, je suis dans la rue", [Crisis.VIOLENCE, Crisis.SHELTER]),
    ("j'ai 15 ans et mon beau-père me frappe", [Crisis.VIOLENCE, Crisis.CHILD]),
])
def test_every_situation_in_a_message_is_heard(text, kinds):
    assert detect_crises(text) == kinds


@pytest.mark.parametrize("text", [
    "on arrête là, merci",
    "je veux arrêter la conversation",
    "je n'ai plus envie de continuer cette discussion",
    "pas envie de continuer les questions",
    "mon propriétaire peut me mettre dehors en janvier ?",
    "j'ai peur d'être à la rue en avril si le jugement passe",
    "niveau thunes je suis à la rue ce mois-ci",
    "à quoi bon relancer la CAF, ils répondent jamais",
    "je vois pas le bout de ce crédit",
    "je tiendrai pas le mois avec 300 euros",
    "mon fils m'a tapé sur les nerfs toute la journée",
    "mon mari n'est pas violent, on cherche une aide pour l'électricité",
    "je voudrais que ça s'arrête, ces appels des créanciers",
    "j'ai envie de tout plaquer pour partir vivre à la campagne",
    "j'aurais voulu disparaître sous terre à la caisse",
    "c'est mon mari qui garde la carte, on l'a décidé ensemble pour moins dépenser",
])
def test_figures_of_speech_and_later_evictions_are_not_crises(text):
    assert detect_crises(text) == []


def test_a_question_about_ending_up_outside_later_is_not_tonight():
    assert detect_crises("apres le 31 mars on pourrait se retrouver a la rue avec les petits ?") == []
    assert detect_crises("elle m'a foutue à la porte, je risque de finir à la rue") == [Crisis.SHELTER]
    assert detect_crises("je me retrouve à la rue, même si le foyer rouvre en janvier") == [Crisis.SHELTER]


@pytest.mark.parametrize("text", [
    "mon fils dit que maman le tape quand il fait des bêtises",
    "à chaque fois qu'elle rentre de chez son père elle a des marques sur le dos",
    "elle m'a dit que papa l'a frappée",
])
def test_a_child_hurt_by_a_parent_elsewhere_is_a_child_in_danger(text):
    assert Crisis.CHILD in detect_crises(text)


def test_the_child_alone_hurt_elsewhere_gets_the_child_line_not_the_words_for_the_writer():
    kinds = detect_crises("quand elle rentre de chez son père elle a des bleus, elle dit que papa la tape")
    assert kinds == [Crisis.CHILD]
    # The writer hurt too: both.
    kinds = detect_crises("mon ex me frappe et il tape aussi mon fils quand il est chez son père")
    assert Crisis.CHILD in kinds and Crisis.VIOLENCE in kinds
