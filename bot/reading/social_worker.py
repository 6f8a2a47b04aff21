"""The answer to "êtes-vous déjà accompagné·e par un travailleur social ?", asked once after the
booking: yes, no, or rather not say. The counsellor reads it in the handover; the CCAS counts
the share of people who already have one (bot/activity/)."""
from __future__ import annotations

import re
from typing import Literal

from bot.reading.textnorm import normalize

Answer = Literal["yes", "no", "skip"]

_SKIP = re.compile(
    r"\b(?:passer|je passe|je prefere (?:ne pas|pas) (?:repondre|dire)|pas envie de (?:repondre|dire)|"
    r"je (?:ne )?sais (?:pas|plus)|j sais pas|jsais pas|jsp|chais pas|aucune idee|c est personnel)\b")
_NO = re.compile(
    r"^(?:non|nan|nope|no|pas du tout|jamais|personne|aucun|aucune)\b|"
    r"\b(?:pas d|pas de|aucun|aucune|jamais eu d|jamais eu de) ?(?:assistante?|as\b|travailleu|educat|"
    r"suivi|accompagnement)|\bpersonne ne (?:me|nous) suit\b|\bje ne suis (?:pas|plus) suivie?\b|"
    r"\bpas suivie?s?\b|\bplus (?:de|d) (?:as|assistante?)\b")
_YES = re.compile(
    r"^(?:oui|ouais|ouai|yes|si|bien sur|effectivement|tout a fait)\b|"
    r"\b(?:j ai|on a|nous avons|j avais) (?:une?|un|mon|ma) "
    r"(?:assistante?|as\b|travailleu|educat|referente?|conseillere)|\b(?:suivie?s?|accompagnee?s?) par\b|"
    r"\b(?:mon|ma) (?:as|assistante?|referente?|educat\w*)\b|"
    r"\bassistante? sociale?\b|\bmds\b|\bmaison (?:des|de la) solidarit")


def parse_social_worker(text: str) -> Answer | None:
    """"oui, à la MDS" -> yes; "non personne" -> no; "je préfère ne pas dire" -> skip; else None."""
    plain = normalize(text)
    if not plain:
        return None
    if _SKIP.search(plain):
        return "skip"
    if _NO.search(plain):
        return "no"
    if _YES.search(plain):
        return "yes"
    return None
