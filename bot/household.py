"""Who lives in the household, from what a person writes: "seule avec mes 2 enfants"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from bot.amounts import Kind, parse_answer
from bot.textnorm import normalize

_SMALL = r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
_CHILD = r"(?:enfants?|gosses?|gamins?|gamines?|petits?|petites?|bebes?|ados?|fils|filles?|loulous?|mome?s?|garcons?)"
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


_COUNTED_CHILD = (r"(?:enfants?|gosses?|gamins?|gamines?|petits|petites|bebes?|ados?|fils|filles?|loulous?|garcons?|"
                  r"mome?s?|minots?|marmots?)")
_COUPLE = (r"\b(?:en couple|on est un couple|mon mari et moi|ma femme et moi|mon conjoint et moi|"
           r"ma conjointe et moi|mon compagnon et moi|ma compagne et moi|avec mon mari|avec ma femme|"
           r"avec mon conjoint|avec ma conjointe|avec mon compagnon|avec ma compagne|nous deux|"
           r"mariee?s?|pacsee?s?|2 adultes|deux adultes)\b")
_ALONE = (r"\b(?:je suis seule?|jsuis seule?|chuis seule?|suis seule?|je vis seule?|je vis tout seul|"
          r"je vis toute seule|celibataire|^seule?\b|"
          r"seule? avec|mere isolee|pere isole|parent isole|maman solo|papa solo|maman seule|"
          r"papa seul|seule? a la maison|juste moi|que moi)\b")


def read_household(text: str) -> tuple[int | None, int | None]:
    """(adults, children) said plainly anywhere in a conversation, each None when not said.

    Stricter than an answer to the household question: "ma fille est malade" says a child
    exists, not how many live at home, so only counts and clear phrases are read here.
    """
    plain = normalize(text)
    if re.search(r"\bmon ex\b|\bma ex\b|\bex (?:mari|femme|conjoint|compagnon|compagne)\b", plain):
        couple = False
    else:
        couple = bool(re.search(_COUPLE, plain)) or bool(
            re.search(r"\b(?:ma compagne|mon compagnon|ma conjointe|mon conjoint|ma femme|mon mari|ma copine|"
                      r"mon copain)\b", plain)
            and not re.search(r"\b(?:parti|partie|quitte|quittee|decede|decedee|mort|morte|separ\w*|divorc\w*|"
                              r"veuve?|n est plus)\b", plain))
    children = None
    one_child = re.search(r"\b(?:un|une|mon|ma|notre) (?:petit|petite|bebe|bb|enfant|fils|fille|garcon|ado)\b"
                          r"(?: de \d+ (?:ans|mois)| a la maison|\b(?=.*\bmoi\b))|\bmoi (?:et |plus |avec )?(?:mon|ma) "
                          r"(?:petit|petite|bebe|bb|fils|fille|garcon|enfant|ado)\b", plain)
    # "une petite complémentaire" is not a child: singular "petit(e)" is left out here.
    match = re.search(rf"\b({_SMALL}) (?:\w+ )?{_COUNTED_CHILD}\b(?! (?:de|d) (?:mon|ma|sa|son)\b)", plain)
    if match and not re.search(rf"\b(?:ans|mois) {_COUNTED_CHILD}\b", plain[match.start():match.end()]):
        children = _count(match.group(1))
    elif re.search(rf"\b(?:sans|pas d|pas de|aucun) {_CHILD}\b|\bpas d enfants?\b", plain):
        children = 0
    elif one_child:
        children = 1
    adults = None
    match = re.search(rf"\b({_SMALL}) {_ADULT}\b", plain)
    if match:
        adults = _count(match.group(1))
    elif couple:
        adults = 2
    elif re.search(_ALONE, plain) or re.search(r"^(?:juste )?moi (?:et |plus |avec )?(?:mon|ma|mes) ", plain):
        adults = 1
    total = re.search(rf"\b(?:on est|nous sommes|on vit a|foyer de|famille de) ({_SMALL})\b"
                      rf"(?! ?(?:€|e\b|euros?|ans|{_COUNTED_CHILD}|{_ADULT}))", plain)
    if total and adults is None:
        persons = _count(total.group(1))
        if children is not None:
            # "on est 4 avec les 2 petits" counts everyone; "on est 2 avec 3 gosses" cannot.
            adults = persons if persons <= children else max(persons - children, 1)
        elif persons == 1:
            adults, children = 1, 0
        elif persons == 2 and not re.search(rf"{_CHILD}", plain):
            adults = 2
    if adults is None and children is not None and re.search(r"\b(?:seule?|isolee?|solo)\b", plain):
        adults = 1
    return adults, children
