"""Whether a message puts the conversation off for later: "on va en discuter ce soir et on revient
vers vous", "je vais réfléchir". Read as a time ("ce soir") or as a new account of the situation,
it got slots offered or one more question; the person asked for neither."""
from __future__ import annotations

import re

from bot.reading.textnorm import normalize

_LATER = re.compile(
    r"\b(?:(?:je|on|nous) (?:revien\w*|reviendr\w*|repasser\w*|recontact\w*|rappeller\w*|reecrir\w*|"
    r"reprendr\w*) (?:vers vous|plus tard|demain|la semaine prochaine|quand|apres|une autre fois|"
    r"dans quelques jours)|"
    r"(?:je|on|nous) (?:vais|va|allons|dois|doit) (?:y )?(?:reflechir|en (?:discuter|parler|reparler))|"
    r"(?:laissez|laisse) moi (?:reflechir|le temps)|je vous (?:redis|recontacte|reecris|ecris plus tard)|"
    r"(?:on|je) (?:en )?reparle(?:ra|rons)? plus tard|une autre fois|je reviendrai|on reviendra)\b")


def puts_off(message: str) -> bool:
    """A message that says the person will come back later, and asks nothing now."""
    return "?" not in message and bool(_LATER.search(normalize(message)))
