"""A yes or a no to sharing the conversation with the counsellor, read from a free answer."""
from __future__ import annotations

import re

from bot.reading.textnorm import normalize

_NO = re.compile(
    r"\b(?:non|nan|nope|refuse|je ne veux pas|je veux pas|pas d accord|je prefere pas|"
    r"je prefere lui (?:expliquer|dire|raconter)|je prefere (?:expliquer|le dire|lui dire)|"
    r"je ne prefere pas|surtout pas|pas question|plutot pas|je ne souhaite pas|non merci|"
    r"qu elle ne lise pas|pas lire|pas partager|sans partager)\b"
)
_YES = re.compile(
    r"\b(?:oui|ouais|ouai|yes|ok|okay|d accord|dac|bien sur|j accepte|accepte|elle peut|"
    r"pas de (?:probleme|souci)|aucun (?:probleme|souci)|vas y|allez y|evidemment|volontiers|"
    r"carrement|tout a fait|absolument|oui oui|si)\b"
)


def parse_consent(text: str, intent: str | None = None) -> bool | None:
    """True for yes, False for no, None when the answer is neither or both."""
    plain = normalize(text)
    no, yes = bool(_NO.search(plain)), bool(_YES.search(plain))
    if no and not yes:
        return False
    if yes and not no:
        return True
    if not yes and not no and intent in ("affirm", "deny"):
        return intent == "affirm"
    return None


# The consent question's own words, answered before it is asked ("oui elle peut lire").
_ABOUT_READING = re.compile(r"\b(?:lire|lise|lit|conversation|echange|discussion|messages?)\b")


def speaks_of_reading(text: str) -> bool:
    """Whether an answer is about the counsellor reading the conversation."""
    return bool(_ABOUT_READING.search(normalize(text)))
