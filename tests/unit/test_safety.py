"""The crisis safety net: explicit wording must be caught; ordinary worries must not be."""
from pathlib import Path

import pytest
import yaml

from bot.safety import Crisis, detect_crises

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
