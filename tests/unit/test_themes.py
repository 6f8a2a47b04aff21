import pytest

from bot.reading.themes import detect_themes, merge_themes

CASES = [
    ("je n'arrive plus à payer mon loyer", ["housing"]),
    ("le proprio me menace d'expulsion", ["housing"]),
    ("EDF va me couper le courant", ["energy"]),
    ("une facture de gaz énorme", ["energy"]),
    ("je suis à découvert tous les mois", ["bank"]),
    ("j'ai trop de crédits", ["credit"]),
    ("un huissier est passé", ["credit"]),
    ("je viens d'être licencié", ["job_loss"]),
    ("rupture conventionnelle en mars", ["job_loss"]),
    ("depuis que j ai perdu mon cdd c est dur", ["job_loss"]),
    ("mon contrat a pas été renouvelé", ["job_loss"]),
    ("depuis mon divorce", ["separation"]),
    ("mon mari est décédé", ["bereavement"]),
    ("je suis en arrêt maladie", ["health"]),
    ("les impôts me réclament 2000", ["taxes"]),
    ("le frigo est vide", ["food"]),
    ("j'ai perdu mon boulot et le loyer est en retard", ["job_loss", "housing"]),
    ("mon copain m'a mise dehors ce soir", ["housing"]),
    ("je touche 300 d'apl et un peu de rsa", []),  # what the person receives is not a worry
    ("bonjour", []),
    ("", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_detect_themes(text, expected):
    assert detect_themes(text) == expected


def test_themes_in_order_of_appearance():
    assert detect_themes("le découvert, puis le loyer, puis l'électricité") == ["bank", "housing", "energy"]


def test_merge_keeps_first_raised_first_without_duplicates():
    assert merge_themes(["housing"], ["energy", "housing"]) == ["housing", "energy"]
    assert merge_themes(None, ["bank"]) == ["bank"]


def test_at_home_is_no_housing_worry():
    assert "housing" not in detect_themes("il n'y a plus que moi à la maison")
    assert "housing" in detect_themes("on va devoir vendre la maison")
