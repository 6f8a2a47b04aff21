"""The first name or pseudonym a counsellor asks for on the phone: optional, short, no digits."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.textnorm import normalize

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
_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+){0,2}$")


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
    # Strip "je m'appelle", "c'est"... keeping the name as written, accents and case included.
    stripped = _LEAD.sub("", normalize_lead(plain), count=1)
    name = plain[len(plain) - len(stripped):] if stripped else plain
    name = name.strip(" ,.!")
    if not name or len(name) > MAX_LENGTH or not _NAME.match(name) or normalize(name) in _NOT_NAMES:
        return None
    return Pseudonym(name[0].upper() + name[1:])


def normalize_lead(text: str) -> str:
    """`text` with apostrophes and hyphens as spaces and lower case, same length, so that a
    prefix matched on it can be cut from the original."""
    return re.sub(r"['\-]", " ", text).lower()
