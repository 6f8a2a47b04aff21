"""Whether a message asks for the conversation to be erased: "vous pouvez effacer tout ce que
j'ai écrit ?", "supprimez mes données svp". A question about what happens to the data ("mes
messages sont effacés un jour ?") is not a request: it gets the confidentiality answer."""
from __future__ import annotations

import re

from bot.reading.textnorm import normalize

_VERB = r"(?:effac\w*|supprim\w*|detrui\w*)"
_WHAT = (r"(?:tout|toute la conversation|la conversation|ma conversation|notre conversation|"
         r"cette conversation|mes donnees|"
         r"mes infos|mes informations|mes messages|ce que j ai (?:ecrit|dit|raconte)|tout ce que j ai "
         r"(?:ecrit|dit|raconte)|mon dossier|mes reponses|tout ca|mes traces|mon historique)")
_ASKS = re.compile(
    rf"\b(?:{_VERB} (?:moi )?(?:\w+ )?{_WHAT}|(?:je veux|je voudrais|j aimerais|vous pouvez|pouvez vous|"
    rf"pourriez vous|tu peux|merci de|faut) (?:que vous )?(?:effac|supprim)\w*(?! (?:ma|mes|la|les) dettes?)|"
    rf"droit a l oubli|(?:pas|plus) que vous (?:gardiez|conserviez) {_WHAT}|{_WHAT} soi(?:en)?t {_VERB}|"
    rf"{_WHAT} (?:a |doit etre |doivent etre )?{_VERB}(?:er|ez)\b)"
)
# "mes messages sont effacés un jour ?", "vous effacez quand ?": how things work, not a request.
_HOW_IT_WORKS = re.compile(r"\b(?:sont|seront|est|sera) (?:\w+ )?(?:effacee?s?|supprimee?s?)\b|"
                           r"\b(?:un jour|quand|combien de temps|au bout de)\b")


_CALLBACK = re.compile(r"\b(?:rappel|rdv|rendez vous|appel)\b")


_CALLBACK_NAMED = re.compile(r"\b(?:le|mon|ce|du|au|notre) (?:rappel|rdv|rendez vous|appel)\b(?: aussi)?")
_ERASE_WHAT = re.compile(rf"\b{_VERB} (?:moi )?(?:\w+ )?{_WHAT}")


def asks_to_erase(message: str) -> bool:
    plain = normalize(message)
    if _HOW_IT_WORKS.search(plain):
        return False
    if _CALLBACK.search(plain):
        # "supprimez mon rappel" cancels the callback (bot.reading.callback_wish) and erases nothing
        # else; "effacez tout, le rappel aussi" names what else is to go.
        return bool(_ERASE_WHAT.search(_CALLBACK_NAMED.sub(" ", plain)))
    return bool(_ASKS.search(plain))
