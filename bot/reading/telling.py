"""Whether a message tells something rather than asks: shame said as a feeling, a sentence
that asks nothing and names no information topic. Read by the NLU components that keep such
messages from getting a leaflet (rasa_ext/components/shame_net.py, rasa_ext/components/statement_net.py)."""
from __future__ import annotations

import re

from bot.reading.faq_cues import topics_named
from bot.reading.textnorm import normalize
from bot.reading.themes import expresses_shame

# "je sais pas comment dire" is no question.
_SHAME_QUESTION = re.compile(
    r"\b(?:est ce qu\w*|qu est ce|c est quoi|pourquoi|combien|qui va|qui peut)\b|"
    r"(?<!sais pas )(?<!sais )\bcomment\b(?! (?:dire|vous dire|le dire|l ecrire|commencer))")


def tells_shame(text: str) -> bool:
    """Shame said as a feeling, not inside a question."""
    return expresses_shame(text) and "?" not in text and not _SHAME_QUESTION.search(normalize(text))


# Wider than the question words above: an information answer is kept for anything that may ask.
_ASKING = re.compile(
    r"\b(?:est ce|qu est ce|c est quoi|c quoi|comment|pourquoi|combien|quand|quel|quelle|quels|quelles|"
    r"ou (?:est|sont|aller|se trouve)|peut on|on peut|je peux|puis je|pouvez vous|vous pouvez|ai je|"
    r"j y ai droit|y a t il|savoir|renseign\w*|info\w*|expliqu\w*|dites moi|comprendre|"
    r"droit|faut il|il faut|dois je|je dois|possible|ca marche|s il vous plait|svp|"
    # "je ne sais plus quoi faire" says distress, it asks nothing.
    r"(?<!sais plus )(?<!sais pas )(?<!sait plus )(?<!sait pas )(?:que faire|quoi)|"
    r"pour qui|a qui|qui (?:peut|va|doit)|koi|cmt|pk|pq|pourkoi|y a|ya|une aide|aides?|que se passe|"
    r"t il|t elle|existe\w*|gratuit|payant|ou ca|ou je|ou on|ou ils|ou elles|ou pas|ou non|besoin d|"
    r"je cherche|je veux|je voudrais|j aimerais|conseils?|conseillez|me conseiller)\b")
MIN_WORDS = 5  # "treve hivernale", "num de tel": short queries keep their answer


def tells_rather_than_asks(text: str) -> bool:
    """A sentence of some length that asks nothing and names no information topic."""
    plain = normalize(text)
    return "?" not in text and len(plain.split()) >= MIN_WORDS and not _ASKING.search(plain) \
        and not topics_named(text)
