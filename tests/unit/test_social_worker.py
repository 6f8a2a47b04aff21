"""The answer to "déjà accompagné·e par un travailleur social ?", as people write it."""
import pytest

from bot.reading.social_worker import parse_social_worker


@pytest.mark.parametrize("said, answer", [
    ("oui", "yes"), ("ouais depuis l'an dernier", "yes"),
    ("j'ai une assistante sociale au département", "yes"),
    ("suivie par la MDS", "yes"), ("oui ma référente RSA", "yes"), ("Oui, je suis accompagné·e", "yes"),
    ("non", "no"), ("non personne", "no"), ("pas d'AS", "no"), ("jamais eu d'assistante sociale", "no"),
    ("Non, personne", "no"), ("plus d'AS depuis 2020", "no"),
    ("je préfère ne pas répondre", "skip"), ("jsais pas trop", "skip"), ("c'est personnel", "skip"),
    ("merci beaucoup", None), ("et si je rate l'appel ?", None), ("", None),
])
def test_yes_no_or_rather_not_say(said, answer):
    assert parse_social_worker(said) == answer
