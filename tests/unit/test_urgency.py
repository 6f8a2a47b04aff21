import pytest

from bot.configuration.ccas import load_national
from bot.configuration.settings import CONFIG_DIR
from bot.reading.urgency import Urgency, detect_urgencies
from bot.wording import replies

NATIONAL = load_national(CONFIG_DIR / "national.yml")

CASES = [
    ("on me menace d'expulsion", [Urgency.EVICTION]),
    ("j'ai reçu un commandement de payer", [Urgency.EVICTION]),
    ("convocation au tribunal pour les loyers impayés", [Urgency.EVICTION]),
    ("EDF va me couper le courant", [Urgency.ENERGY_CUT]),
    ("on m'a coupé le gaz hier", [Urgency.ENERGY_CUT]),
    ("on n'a plus d'électricité", [Urgency.ENERGY_CUT]),
    ("l'eau va être coupée", [Urgency.ENERGY_CUT]),
    ("ma banque veut fermer mon compte", [Urgency.ACCOUNT_CLOSED]),
    ("mon compte a été clôturé", [Urgency.ACCOUNT_CLOSED]),
    ("la banque refuse de m'ouvrir un compte", [Urgency.ACCOUNT_CLOSED]),
    ("j'ai deux mois de loyer en retard", []),
    ("ma facture d'électricité a doublé", []),
    ("je suis à découvert", []),
    ("", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_detect_urgencies(text, expected):
    assert detect_urgencies(text) == expected


def test_each_urgency_gets_its_concrete_help():
    messages = replies.urgencies(list(Urgency), NATIONAL)
    assert NATIONAL.unpaid_rent_phone in messages[0]
    assert "échéancier" in messages[1]
    assert NATIONAL.banque_de_france_phone in messages[2]


def test_a_question_about_rights_is_told_apart_from_what_is_happening():
    from bot.reading.urgency import asks_in_general
    assert asks_in_general("est-ce qu'un bailleur a le droit d'expulser quelqu'un en février ?")
    assert asks_in_general("la compagnie peut couper le gaz pendant la trêve")
    assert not asks_in_general("ils nous ont coupé le courant hier, c'est légal ?")
    assert not asks_in_general("on a reçu la lettre d'expulsion, on peut faire quoi ?")
    assert not asks_in_general("l'huissier vient demain pour nous expulser")
