"""Who lives in the household, from what a person writes: "seule avec mes 2 enfants"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from bot.reading.amounts import Kind, parse_answer
from bot.reading.textnorm import normalize, strip_accents


def strip_commas_spaces(text: str) -> str:
    """Lower-case, accent-free text keeping the commas that separate a list of people."""
    text = strip_accents(text.replace("’", "'")).lower()
    text = re.sub(r"[;:/]", ",", text)
    return re.sub(r"[^a-z0-9,+&]+", " ", text).replace(",", " , ").strip()

_SMALL = r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
_CHILD = r"(?:enfants?|gosses?|gamins?|gamines?|petits?|petites?|bebes?|ados?|fils|filles?|loulous?|mome?s?|garcons?)"
_ADULT = r"(?:adultes?|grands?)"


@dataclass(frozen=True)
class Household:
    adults: int
    children: int


def _count(word: str) -> int:
    return int(word) if word.isdigit() else text2num(word, "fr")


_SELF = r"(?:moi|moi meme|je|juste moi|seule?|toute? seule?|je suis seule?|je vis seule?)"
_PARTNER = (r"(?:(?:mon|ma|notre) )?(?:mari|femme|epouse|epoux|conjointe?|compagnon|compagne|copain|copine|"
            r"meuf|mec|nana|homme|cheri|cherie|concubine?|partenaire)")
_RELATIVE = (r"(?:(?:mon|ma) )?(?:mere|pere|maman|papa|belle mere|beau pere|grand mere|grand pere|frere|soeur|"
             r"tante|oncle|cousine?|neveu|niece)")
_KID = (r"(?:(?:mon|ma|notre|nos|mes|le|la|les|l|un|une|des) )?(?:(?:\d+|deux|trois|quatre|cinq|six|sept|huit) )?"
        r"(?:(?:petit|petite|petits|petites|grand|grande|grands|grandes) )?"
        r"(?:enfants?|fils|filles?|bebes?|bb|ados?|garcons?|gamins?|gamines?|petits?|petites?|loulous?|jumeaux|grande?|"
        r"jumelles|momes?|gosses?)")
_AGE = r"(?: (?:de|d) (\d+)(?: (?:et|,) \d+)* (ans|an|mois))?(?: (?:et|de) (?:\d+|un|une|deux|trois) (?:ans|mois))*"
# "enfants partis", "les enfants ont quitté la maison": grown-up children no longer at home.
_KIDS_GONE = re.compile(r"\b(?:les|nos|mes) enfants (?:sont |ont )?(?:partis|grands et partis|ont quitte|quitte|"
                        r"ne vivent plus|vivent ailleurs|ne sont plus a la maison|sont plus a la maison|"
                        r"sont loin|vivent loin|habitent loin|habitent ailleurs|sont tous partis)")


def _members(plain: str) -> Household | None:
    """A household listed member by member ("mon mari, moi, notre fille de 8 mois et mon fils"),
    when every part of the list is a person; None otherwise."""
    plain = re.sub(r"^(?:on est|nous sommes|il y a|y a|chez nous|a la maison)(?: \w+)? ?", "", plain)
    # "moi ma copine et la petite": each possessive or "moi" starts a new person.
    plain = re.sub(r"\b(moi|mon|ma|mes|notre|nos)\b", r", \1", plain).replace(", moi meme", " moi meme")
    parts = [p for p in re.split(r"\s*(?:,|;|\+|&|\bet\b(?! \d+ (?:ans|mois))|\bavec\b|\bplus\b)\s*", plain)
             if p.strip()]
    if len(parts) < 2:
        return None
    adults = children = 0
    for part in (p.strip() for p in parts):
        kid = re.fullmatch(rf"({_KID}){_AGE}", part)
        if re.fullmatch(_SELF, part) or re.fullmatch(_PARTNER, part) or re.fullmatch(_RELATIVE, part):
            adults += 1
        elif kid:
            number = re.match(r"(?:(?:mes|nos|les|des) )?(\d+|deux|trois|quatre|cinq|six|sept|huit)\b", kid.group(1))
            if number:
                count = _count(number.group(1))
            elif re.search(r"\b(?:jumeaux|jumelles)\b", part):
                count = 2
            elif re.search(r"(?:s|x)$", kid.group(1)) and not kid.group(1).endswith(("fils", "ados")) or \
                    re.match(r"(?:mes|nos|les|des) ", kid.group(1)):
                return None  # "moi et mes enfants": how many is not said
            else:
                count = 1
            if kid.group(2) and kid.group(3).startswith("an") and int(kid.group(2)) >= 18:
                adults += count  # a grown-up child at home counts as an adult in a budget
            else:
                children += count
        else:
            return None
    if not any(re.fullmatch(_SELF, p.strip()) for p in parts) and re.search(r"\b(?:mon|ma|mes|notre|nos)\b", plain):
        adults += 1  # "ma femme et nos jumeaux": the person writing lives there too
    if not adults:
        return None
    return Household(adults=adults, children=children)


def listed_household(text: str) -> Household | None:
    """The household when the whole message is a list of its members ("moi ma copine et le
    petit"), None otherwise."""
    return _members(re.sub(r"\s+", " ", strip_commas_spaces(text)))


# Words for a child, without "petit(e)", which is also "une petite pension".
_KID_WORD = r"\b(?:enfants?|gosses?|gamins?|gamines?|bebes?|bb|ados?|fils|filles?|garcons?|loulous?)\b"
# "ma petite de 3 ans", "moi et le petit": a child; "un petit boulot", "une petite retraite": not.
_ONE_LITTLE = re.compile(r"\b(?:mon|ma|un|une|le|la) (?:petit|petite)\b"
                         r"(?=$| et\b| de \d| d \d| qui\b| a la maison| avec\b| moi\b| on\b| je\b| j\b| aussi\b)")
_NO_CHILDREN = re.compile(
    r"^(?:non|nan|nn|aucun|aucune|personne|pas d enfants?|pas d enfant|sans enfants?|non pas d enfants?|"
    r"non aucun|non personne|non je suis seule?|que moi|juste moi|non juste moi|non que moi|zero|0)\b")


def children_answer(text: str) -> int | None:
    """How many children, answering "Des enfants vivent-ils avec vous ?": "non" is none,
    "2", "oui deux", "mes 3 gosses" a count; None when the answer says no number."""
    plain = normalize(text)
    if _NO_CHILDREN.search(plain):
        return 0
    household = parse_household(text)
    if isinstance(household, Household) and household.children is not None:
        return household.children
    match = re.fullmatch(rf"(?:oui )?(?:j en ai |on en a |il y en a )?({_SMALL})(?: {_CHILD})?", plain)
    return _count(match.group(1)) if match else None


def says_children_left(text: str) -> bool:
    """"les enfants sont partis": grown-up children who left home, said of the household."""
    return bool(_KIDS_GONE.search(normalize(text)))


def _adults_before_children(plain: str) -> int | None:
    """"on est 2 et 2 petits" adds: two adults. "on est 3 avec 2 enfants" may count them too,
    unless the children outnumber ("on est 2 avec 3 gosses")."""
    match = re.search(rf"\b(?:on est|nous sommes) ({_SMALL}) (et|avec|plus) ({_SMALL}) (?:\w+ )?{_CHILD}\b", plain)
    if match is None or (match.group(2) == "avec" and _count(match.group(1)) > _count(match.group(3))):
        return None
    return _count(match.group(1))


# "on attend un bébé pour mars", "je suis enceinte": a child to come, not yet in the budget.
_UNBORN = re.compile(
    r"\b(?:on attend|nous attendons|j attends|elle attend|ma femme attend|ma compagne attend|ma copine attend)"
    r" (?:un|une|le|notre|des) (?:bebe|bb|enfant|jumeaux|heureux evenement)s?\b[^,.;!?]*"
    r"|\b(?:je suis |elle est |ma femme est |ma compagne est )?enceinte\b[^,.;!?]*")


def without_unborn(text: str) -> str:
    """`text` without what it says of a child still to be born."""
    plain = strip_accents(text.replace("’", "'")).lower().replace("'", " ")
    return _UNBORN.sub(" ", plain) if _UNBORN.search(plain) else text


def parse_household(text: str) -> Household | Kind:
    """A Household, or Kind.SKIP / Kind.UNKNOWN when nothing usable was said."""
    text = without_unborn(text)
    listed = listed_household(text)
    if listed is not None:
        return listed
    plain = normalize(text)
    if _KIDS_GONE.search(plain):
        # The children who left are not counted; the rest is read without them.
        plain = _KIDS_GONE.sub(" ", plain)
        rest = parse_household(plain)
        if isinstance(rest, Household):
            return Household(rest.adults, 0) if rest.children and not re.search(
                rf"\b{_SMALL} (?:\w+ )?{_CHILD}\b", plain) else rest
        total = re.search(rf"\b(?:on est|nous sommes|nous etions|on vit a|foyer de) ({_SMALL})\b", plain)
        return Household(adults=_count(total.group(1)) if total else 1, children=0)
    children = None
    match = re.search(rf"\b({_SMALL}) (?:\w+ )?{_COUNTED_CHILD}\b", plain)
    if match:
        children = _count(match.group(1))
    elif re.search(rf"\b(?:sans|pas d|pas de|aucun) {_CHILD}\b|\bpas d enfants?\b", plain):
        children = 0
    elif re.search(rf"\b(?:mon|ma|un|une) {_KID_WORD}", plain) or re.search(_ONE_LITTLE, plain):
        children = 1

    adults = None
    match = re.search(rf"\b({_SMALL}) {_ADULT}\b", plain)
    plus_children = _adults_before_children(plain)
    if match:
        adults = _count(match.group(1))
    elif plus_children:
        adults = plus_children
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
            elif persons == 2 and not re.search(_CHILD, plain):
                adults = 2  # "on est 2": a couple, as in read_household
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
          r"papa seul|seule? a la maison|^(?:non )?(?:juste|que) moi|(?:il y a|y a|ya|on est) (?:juste |que )moi|"
          r"je suis (?:separee?|divorcee?|veuve?)|(?:je viens de|je vais) me separer|je me suis separee?|"
          r"depuis (?:ma|notre) separation|depuis (?:le deces|la mort) de (?:ma femme|mon mari|mon epoux|"
          r"mon epouse|mon conjoint|ma conjointe|mon compagnon|ma compagne))\b")
# The partner named is gone: "depuis le décès de ma femme", "je suis partie, mon conjoint me frappait".
_PARTNER_GONE = re.compile(r"\b(?:parti|partie|quitte|quittee|decede|decedee|deces|mort|morte|separ\w*|"
                           r"divorc\w*|veuve?|n est plus|me frappait|me battait)\b")


def read_household(text: str) -> tuple[int | None, int | None]:
    """(adults, children) said plainly anywhere in a conversation, each None when not said.

    Stricter than an answer to the household question: "ma fille est malade" says a child
    exists, not how many live at home, so only counts and clear phrases are read here.
    """
    text = without_unborn(text)
    listed = listed_household(text)
    if listed is not None:
        return listed.adults, listed.children
    plain = normalize(text)
    kids_gone = bool(_KIDS_GONE.search(plain))
    if kids_gone:
        # "nous sommes deux, les enfants sont partis": the children who left are not counted.
        plain = _KIDS_GONE.sub(" ", plain)
    if re.search(r"\bmon ex\b|\bma ex\b|\bex (?:mari|femme|conjoint|compagnon|compagne)\b", plain):
        couple = False
    else:
        couple = bool(re.search(_COUPLE, plain)) or bool(
            re.search(r"\b(?:ma compagne|mon compagnon|ma conjointe|mon conjoint|ma femme|mon mari|ma copine|"
                      r"mon copain)\b", plain)
            and not _PARTNER_GONE.search(plain))
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
    if total and adults is None and _adults_before_children(plain):
        adults = _adults_before_children(plain)
    elif total and adults is None:
        persons = _count(total.group(1))
        if children is not None:
            # "on est 4 avec les 2 petits" counts everyone; "on est 2 avec 3 gosses" cannot.
            adults = persons if persons <= children else max(persons - children, 1)
        elif persons == 1:
            adults, children = 1, 0
        elif persons == 2 and not re.search(rf"{_CHILD}", plain):
            adults = 2
    elif total and children is None and adults is not None and re.search(rf"{_CHILD}", plain):
        # "on est 3, moi mon mari et notre fils": the others are the children.
        persons = _count(total.group(1))
        if persons > adults:
            children = persons - adults
    if adults is None and children is not None and (
            re.search(r"\b(?:seule?|isolee?|solo)\b", plain)
            or (re.search(_PARTNER, plain) and _PARTNER_GONE.search(plain))):
        adults = 1  # "je suis partie avec mon fils, mon conjoint me frappait": she and the child
    if kids_gone and children is None:
        children = 0
    if children is None and adults == 1 and re.search(r"\b(?:je vis|jvis|j habite|je vie|je vit) seule?\b"
                                                      r"(?! avec)", plain) and not re.search(_KID_WORD, plain):
        children = 0  # "je vis seul": nobody else at home ("je suis seule" may be a single parent)
    return adults, children


_OWN = re.compile(
    r"\b(?:mon|ma|mes|notre|nos) (?:\w+ )?(?:fils|filles?|enfants?|bebes?|bb|petite?s?|gamine?s?|gosses?|ados?|"
    r"mari|femme|epouse|conjointe?|compagnon|compagne|copain|copine)\b|\b(?:on est|nous sommes|je vis|je suis seule?)\b")
_OTHERS = re.compile(r"\b(?:ses|son|sa|leur|leurs) (?:\w+ )?(?:enfants?|fils|filles?|gamine?s?|gosses?|petite?s?|bebes?)\b|"
                     r"\b(?:voisine?s?|collegue|amie?|copine|cousine?|soeur|frere) (?:a|ont|laisse|laissent|frappe)\b")


def speaks_of_own_household(text: str) -> bool:
    """Whether a message speaks of the writer's own household ("avec ma copine et notre bébé"),
    not of someone else's children ("ma voisine laisse ses enfants seuls")."""
    plain = normalize(text)
    return bool(_OWN.search(plain)) and not _OTHERS.search(plain)
