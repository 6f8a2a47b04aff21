"""Whether a message asks to go through the budget snapshot, whatever else it says: "d'accord
merci, je veux bien faire le point quand même" is a request, not only a thanks."""
from __future__ import annotations

import re

from bot.reading.textnorm import normalize

_ASKS = re.compile(
    r"\b(?:je veux bien|je voudrais|j aimerais|on peut|on pourrait|allons y pour|ok pour|d accord pour|"
    r"go pour|vas y on|allez on|on fait|on va|je veux|oui pour) "
    r"(?:bien )?(?:(?:le |un )?(?:faire )?(?:le )?point\b|"
    r"(?:faire|regarder|voir|revoir|etudier) (?:ensemble )?(?:le |mon |notre |un )?budget\b)"
    r"|\bfaire le point (?:sur mon|sur le|sur notre|du) budget\b"
    r"|\b(?:faisons|faison|fesons|on fait|on refait) (?:le |un )?point\b"
)
_NOT = re.compile(r"\b(?:pas|plus|jamais) (?:envie de |besoin de )?(?:faire )?le point\b"
                  r"|\bsans faire le point\b")


def asks_for_snapshot(message: str) -> bool:
    plain = normalize(message)
    return bool(_ASKS.search(plain)) and not _NOT.search(plain)
