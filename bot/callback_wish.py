"""When to call, said before the booking questions: "rappelez-moi mardi après-midi",
"vendredi vers 14h", "le plus tôt". Kept so that the booking starts from it."""
from __future__ import annotations

import datetime as dt
import re

from bot.preferences import parse_preference
from bot.textnorm import normalize

_CALL_WORDS = re.compile(
    r"\b(?:rappel\w*|appel\w*|telephon\w*|joindre|joignable|dispo\w*|libre|creneau\w*|contact\w*|"
    r"conseillere?|quelqu un|me parler|parler a)\b"
)
# A message that is only about a moment: "vendredi après-midi vers 14h", "demain matin".
_MOMENT_WORDS = re.compile(
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|apres demain|matin|matinee|"
    r"apres midi|aprem|midi|soir|apres|avant|un|une|semaine|prochaine?|vers|a|h|heures?|le|la|plutot|"
    r"des|de|en|"
    r"debut|fin|\d{1,2}|\d{1,2}h\d{0,2}|ou|et|si|possible|svp|stp|merci|ok|oui|bon|alors|plus tot|"
    r"au|tot|vite|n importe quand|quand|vous|voulez|je|suis|serai|peux|pourrais|prefere|prefererais|"
    r"mieux|ca|me|va|irait|arrange|plutot)\b"
)


def mentions_callback_time(message: str, today: dt.date, intent: str | None) -> bool:
    """Whether `message` says when the person would like to be called."""
    if parse_preference(message, today) is None:
        return False
    plain = normalize(message)
    if intent == "request_human" or _CALL_WORDS.search(plain):
        return True
    rest = _MOMENT_WORDS.sub(" ", plain).split()
    return len(rest) <= 1
