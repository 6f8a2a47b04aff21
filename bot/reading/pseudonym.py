"""The first name or pseudonym a counsellor asks for on the phone: optional, short, no digits."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reading.textnorm import normalize

MAX_LENGTH = 40
# "passer", "non", "je préfère pas", "anonyme": the name is optional.
_SKIP = re.compile(
    r"^(?:passer|passe|non|non merci|nan|pas besoin|sans|aucun|rien|skip|anonyme|je reste anonyme|"
    r"(?:je )?(?:ne )?(?:prefere|veux|souhaite) (?:pas|rester anonyme|ne pas)(?: le dire| le donner)?|"
    r"pas de (?:nom|prenom)|je passe)\b"
)
_LEAD = re.compile(
    r"^(?:(?:bonjour|oui|ok|d accord)[ ,.!]*)?"
    r"(?:je m appelle|je me nomme|mon (?:pre)?nom (?:c est|est)|mon pseudo(?:nyme)? (?:c est|est)|"
    r"moi c est|c est|appelez moi|vous pouvez m appeler|demandez)\s+",
    re.IGNORECASE,
)
# Answers that are not names, though made of letters.
_NOT_NAMES = frozenset({
    "oui", "ok", "okay", "bonjour", "bonsoir", "salut", "merci", "d accord", "pourquoi", "quoi",
    "comment", "hein", "euh", "bien", "oui merci", "ok merci", "aide", "help",
})
# "ouais merci", "ok super": words of assent, whatever their order.
_ASSENT_WORDS = frozenset({
    "oui", "ouais", "ouai", "ouep", "ok", "okay", "merci", "bien", "super", "parfait", "top", "cool",
    "voila", "d", "accord", "dac", "dacc", "ca", "marche", "nickel", "entendu", "tres", "beaucoup", "bon",
    "alors", "euh", "bah", "ben", "non", "nan", "si",
})
_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+){0,2}$")
# "Mme et M. Garnier", "Monsieur et Madame Roux", "famille Diallo": a name with its titles.
_TITLED = re.compile(
    r"^(?:(?:madame|monsieur|mademoiselle|mme|mlle|mr|m|famille)\.?\s*(?:(?:et|&)\s+)?)+"
    r"[^\W\d_]+(?:[ '\-][^\W\d_]+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Pseudonym:
    value: str | None  # None: the person prefers not to give one


def parse_pseudonym(text: str) -> Pseudonym | None:
    """The name to ask for on the phone, a refusal (value None), or None if not understood."""
    cleaned = " ".join(text.strip().strip(".!").split())
    if not cleaned:
        return None
    if _SKIP.match(normalize(cleaned)):
        return Pseudonym(None)
    plain = cleaned.replace("’", "'")
    if _TITLED.match(plain) and len(plain) <= MAX_LENGTH:
        return Pseudonym(plain[0].upper() + plain[1:])
    # Strip "je m'appelle", "c'est"... keeping the name as written, accents and case included.
    stripped = _LEAD.sub("", normalize_lead(plain), count=1)
    name = plain[len(plain) - len(stripped):] if stripped else plain
    name = name.strip(" ,.!")
    if not name or len(name) > MAX_LENGTH or not _NAME.match(name) or normalize(name) in _NOT_NAMES \
            or set(normalize(name).split()) <= _ASSENT_WORDS:
        return None
    return Pseudonym(name[0].upper() + name[1:])


def normalize_lead(text: str) -> str:
    """`text` with apostrophes and hyphens as spaces and lower case, same length, so that a
    prefix matched on it can be cut from the original."""
    return re.sub(r"['\-]", " ", text).lower()


# A name given along the way: "je m'appelle Inès", "mon prénom c'est karim", or a signature at
# the end of a message ("Merci, Olivier"). Read only in these clear forms: the name question of
# the booking is then skipped, and the counsellor asks for the right person.
_INTRODUCED = re.compile(
    r"\b(?:je m'appelle|je m appelle|jm'appelle|je mappelle|je me nomme|mon pr[ée]nom (?:c'est|est))"
    r"\s+([^\W\d_]+(?:[-'][^\W\d_]+)?)",
    re.IGNORECASE)
_SELF = re.compile(r"\bmoi c'est\s+([A-ZÀ-ÖØ-Þ][^\W\d_]+(?:-[^\W\d_]+)?)")
# The closing words in any case, the name with its capital letter ("merci bcp" is no name).
_SIGNED = re.compile(
    r"(?:^|[.!?,]\s*|\s)(?i:merci(?: beaucoup| d'avance)?|cordialement|bien à vous|"
    r"bonne (?:soirée|journée|nuit))\s*[,.!]?\s+([A-ZÀ-ÖØ-Þ][^\W\d_]+(?:-[A-ZÀ-ÖØ-Þ][^\W\d_]+)?)\s*[.!]*\s*$")
_NOT_A_NAME_WORD = frozenset({
    "madame", "monsieur", "mme", "mr", "m", "beaucoup", "encore", "pour", "de", "du", "le", "la", "les",
    "un", "une", "pas", "plus", "comme", "pareil", "vous", "a", "à", "bien", "tout", "tous", "infiniment",
    "d'avance", "davance", "et", "mais", "ca", "ça", "aussi", "quand", "si",
})


def name_in_message(text: str) -> str | None:
    """A first name the person gives in passing, as written (capitalised), or None."""
    plain = text.replace("’", "'").strip()
    for pattern in (_INTRODUCED, _SELF, _SIGNED):
        match = pattern.search(plain)
        if match and normalize(match.group(1)) not in _NOT_A_NAME_WORD and len(match.group(1)) <= MAX_LENGTH:
            name = match.group(1)
            return name[0].upper() + name[1:]
    return None


def name_from_answer(text: str) -> Pseudonym | None:
    """The answer to "how shall the counsellor call you?": the whole message, a name given in
    passing ("je m'appelle Lina. on est 2 adultes..."), or a name first and something else
    after ("Farid. et dites-lui que la banque m'a bloqué la carte")."""
    whole = parse_pseudonym(text)
    if whole is not None:
        return whole
    introduced = name_in_message(text)
    if introduced is not None:
        return Pseudonym(introduced)
    first = re.split(r"[.,;!?\n]", text.strip(), maxsplit=1)[0]
    if first and first != text.strip() and len(first.split()) <= 3:
        named = parse_pseudonym(first)
        if named is not None and named.value:
            return named
    return None
