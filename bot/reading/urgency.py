"""Urgent money situations that are not a danger to life: an eviction, an energy cut, a closed
bank account. Each gets its concrete help at once, and a flag for the counsellor."""
from __future__ import annotations

import re
from enum import Enum

from bot.reading.textnorm import normalize


class Urgency(str, Enum):
    EVICTION = "eviction"
    ENERGY_CUT = "energy_cut"
    ACCOUNT_CLOSED = "account_closed"


_PATTERNS: dict[Urgency, tuple[str, ...]] = {
    Urgency.EVICTION: (
        r"\bexpuls",
        r"\bcommandement de (?:payer|quitter)",
        r"\bassignation\b.*\b(?:loyer|logement|proprio|proprietaire|bailleur|tribunal)",
        r"\b(?:tribunal|juge)\b.*\bloyers?\b|\bloyers?\b.*\b(?:tribunal|juge)\b",
        r"\bresiliation du bail\b",
        r"\bquitter (?:le|mon|l) (?:logement|appartement|appart)\b",
        r"\b(?:mettre|foutre|jeter|mettent|mettra) (?:\w+ )?(?:dehors|a la porte)\b",
    ),
    Urgency.ENERGY_CUT: (
        r"\b(?:coupe|coupee|coupes|couper|coupure|coupent|coupera|couperont)\b.*\b(?:electricite|courant|gaz|chauffage|eau|compteur|jus)\b",
        r"\b(?:electricite|courant|gaz|chauffage|eau)\b.*\b(?:coupe|coupee|couper|coupure|coupent|coupera|couperont)\b",
        r"\bplus (?:d electricite|de courant|de gaz|de chauffage|d eau)\b",
        r"\b(?:reduction|limitation) de puissance\b|\bpuissance (?:reduite|limitee)\b",
    ),
    Urgency.ACCOUNT_CLOSED: (
        r"\b(?:ferme|fermer|fermeture|cloture|cloturer|clotur)\w*\b.*\bcompte\b",
        r"\bcompte\b.*\b(?:ferme|cloture)\w*\b",
        r"\b(?:refuse|refusent|refus)\w*\b.*\bouvrir (?:un|mon) compte\b",
        r"\b(?:pas|plus) de compte (?:en banque|bancaire)\b",
    ),
}

_COMPILED = {kind: tuple(re.compile(p) for p in patterns) for kind, patterns in _PATTERNS.items()}


def detect_urgencies(text: str) -> list[Urgency]:
    prepared = normalize(text)
    return [kind for kind, patterns in _COMPILED.items() if any(p.search(prepared) for p in patterns)]


# A general question about rights ("ils ont le droit de couper en janvier ?") is not the person
# telling that it is happening to them ("ils m'ont coupé le gaz, ils ont le droit ?").
_QUESTION = re.compile(
    r"\b(?:est ce qu|est ce que|peut on|peuvent ils|peut il|peut elle|ont ils|a t il|a t elle|ont le droit|"
    r"a le droit|c est possible|c est legal|c est autorise|c est normal|jusqu a quand|a partir de quand|"
    r"quand commence|quand finit|quand se termine|comment ca marche|ca marche comment|on peut|"
    r"pendant la treve|en hiver|c est quoi|qu est ce)\b")
_REPORTED = re.compile(
    r"\b(?:j ai recu|jai recu|on a recu|nous avons recu|j ai eu|on m a|ils m ont|il m a|elle m a|m a envoye|"
    r"nous a envoye|m ont envoye|nous ont|est passe|je vais etre|on va etre|nous allons etre|je suis menace|"
    r"on est menace|ma banque a|a ferme mon|ont ferme mon|m a ferme|ont coupe|a coupe|ont reduit|"
    r"a reduit|"
    r"demain|aujourd hui|ce matin|ce soir|cette semaine|depuis|la semaine prochaine|dans \d+ jours)\b")


def asks_in_general(text: str) -> bool:
    """A question about what the law allows, not an account of what is happening to the person."""
    prepared = normalize(text)
    return ("?" in text or bool(_QUESTION.search(prepared))) and not _REPORTED.search(prepared)
