"""Who lives in the household, from what a person writes: "seule avec mes 2 enfants"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from bot.amounts import Kind, parse_answer
from bot.textnorm import normalize

_SMALL = r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
_CHILD = r"(?:enfants?|gosses?|gamins?|gamines?|petits?|petites?|bebes?|ados?|fils|filles?|loulous?|mome?s?)"
_ADULT = r"(?:adultes?|grands?)"


@dataclass(frozen=True)
class Household:
    adults: int
    children: int


def _count(word: str) -> int:
    return int(word) if word.isdigit() else text2num(word, "fr")


def parse_household(text: str) -> Household | Kind:
    """A Household, or Kind.SKIP / Kind.UNKNOWN when nothing usable was said."""
    plain = normalize(text)
    children = None
    match = re.search(rf"\b({_SMALL}) (?:\w+ )?{_CHILD}\b", plain)
    if match:
        children = _count(match.group(1))
    elif re.search(rf"\b(?:sans|pas d|pas de|aucun) {_CHILD}\b|\bpas d enfants?\b", plain):
        children = 0
    elif re.search(rf"\b(?:mon|ma|un|une) {_CHILD}\b", plain):
        children = 1

    adults = None
    match = re.search(rf"\b({_SMALL}) {_ADULT}\b", plain)
    if match:
        adults = _count(match.group(1))
    elif re.search(r"\b(?:seule?|celibataire|isolee?|veuve?|divorcee?|separee?|toute seule|tout seul)\b", plain):
        adults = 1
    elif re.search(r"\b(?:en couple|couple|mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|ma compagne|"
                   r"mari et moi|femme et moi|nous deux|on est deux|a deux|mariee?s?|pacsee?s?)\b", plain):
        adults = 2
    else:
        total = re.search(rf"\b(?:on est|nous sommes|nous etions|on vit a|on vit|foyer de) ({_SMALL})\b", plain)
        if total:
            persons = _count(total.group(1))
            if children is not None:
                adults = max(persons - children, 1)
            elif persons == 1:
                adults, children = 1, 0
    if adults is None and children is None:
        answer = parse_answer(text)
        return Kind.SKIP if answer.kind == Kind.SKIP else Kind.UNKNOWN
    if adults is None:
        # Children were named but no adult: the person writing is one.
        adults = 1
    return Household(adults=adults, children=children or 0)
