"""A short question about the topic just answered: "et ça dure combien de temps le plan ?",
"comment on fait pour l'avoir ?", "ça marche pour l'eau aussi ?".

Read alone, such a question names no topic, and the response selector guesses one from the
few words there are (the duration of a Banque de France plan was answered with how the
callback goes). Right after an answer, it is about that answer's topic: it gets the part of
that topic it asks about (how long, what it costs, how to ask, what it covers) rather than
the whole answer again or another leaflet.
"""
from __future__ import annotations

import re

from bot.reading.amounts import labels_in
from bot.reading.faq_cues import topics_named
from bot.reading.textnorm import normalize
from bot.wording.texts import has_text

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("duration", re.compile(
        r"\b(?:combien de temps|ca dure|dure combien|ca va durer|pendant combien|jusqu a quand|c est long|"
        r"ca prend combien|pour combien de temps|quelle duree|la duree|ca dure longtemps|"
        r"c est pour longtemps)\b")),
    ("cost", re.compile(
        r"\b(?:payant|gratuit|ca coute|coute combien|ca me coute|faut (?:il )?payer|c est cher|"
        r"(?:ca )?m engage (?:a quoi|a quelque chose)|engage a quoi|sans engagement)\b")),
    ("how", re.compile(
        r"\b(?:comment (?:on fait|je fais|faire|ca se demande|on le demande|je le demande|on la demande|"
        r"je la demande|l obtenir|l avoir|on l obtient|je l obtiens|on l a|ca se fait|on s y prend|"
        r"je m y prends|je peux l avoir|je peux l obtenir)|"
        r"(?:je|on) (?:la |le |l )?(?:fais|fait|demande|depose|envoie) ou|"
        r"(?:je|on) (?:la |le |l )?(?:obtient|obtiens|demande|fait|fais|a|aura) comment|"
        r"ca se (?:demande|fait|passe) comment|"
        r"ou (?:est ce qu )?(?:je|on) (?:la |le |l )?(?:fais|fait|demande|depose|envoie|trouve)|"
        r"a qui (?:je|on) (?:la |le |l )?(?:demande|envoie|m adresse)|qui (?:fait|s occupe de) (?:la demande|"
        r"le dossier)|quelles? (?:papiers|documents|pieces)|il faut quoi)\b")),
    ("scope", re.compile(
        r"\b(?:ca marche (?:aussi )?pour|ca vaut (?:aussi )?pour|ca compte (?:aussi )?pour|"
        r"ca concerne (?:aussi )?|c est (?:aussi )?valable pour|pour (?:l|le|la|les) \w+ aussi|"
        r"(?:et|aussi) pour (?:l|le|la|les) \w+)\b")),
)
MAX_WORDS = 16
# Budget lines (bot.reading.amounts.LABELS) a topic's help covers, to answer "ça marche pour X aussi ?".
_COVERS: dict[str, frozenset[str]] = {
    "fsl": frozenset({"rent", "energy", "water"}),
    "energy_cheque": frozenset({"energy"}),
    "payment_plan": frozenset({"rent", "energy", "water", "taxes", "loans", "phone"}),
}


def asked_about(text: str) -> str | None:
    """What a short question asks: "duration", "cost", "how" or "scope"."""
    plain = normalize(text)
    if len(plain.split()) > MAX_WORDS:
        return None
    return next((kind for kind, words in _KINDS if words.search(plain)), None)


def follow_up_key(text: str, previous_topic: str | None) -> str | None:
    """The text (bot/wording/texts_fr.yml) answering `text` as a follow-up of `previous_topic`, the
    topic answered just before; None when it is not one, or when that part has no text of its
    own (the usual answer then follows)."""
    if previous_topic is None:
        return None
    named = topics_named(text)
    if named and named != [previous_topic]:
        return None  # another topic named: its own answer
    kind = asked_about(text)
    if kind is None:
        return None
    key = f"faq_more.{previous_topic}.{kind}"
    if kind == "scope" and previous_topic in _COVERS:
        # "ça marche pour l'eau aussi ?": yes or no, depending on what is named.
        named_lines = set(labels_in(text))
        if named_lines & _COVERS[previous_topic]:
            key += "_yes"
        elif named_lines:
            key += "_no"
    return key if has_text(key) else None
