"""Which information topics a question names in so many words, for the answers to follow them.

The response selector reads a whole message as one topic. Two things go wrong with that on
real messages: two questions in one ("vous êtes ouverts quand ? et c'est payant le rappel ?"),
and a question whose words it has seen rarely ("ils peuvent me mettre dehors quand ?" read as
a question about the budget snapshot). Plain words settle both: "expulser", "horaires",
"FSL" name their topic whatever else surrounds them. Only unmistakable words are listed; a
question without them keeps the selector's reading.
"""
from __future__ import annotations

import re

from bot.reading.textnorm import normalize

# (topic, words that name it, other topics whose answer also covers those words)
_CUES: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...] = (
    ("energy_truce", re.compile(
        r"\b(?:coup\w*|suspend\w*)\b.{0,40}\b(?:electricite|elec|gaz|courant|lumiere|chauffage|compteur)\b|"
        r"\b(?:electricite|elec|gaz|courant|edf|engie)\b.{0,40}\b(?:coup\w*|suspend\w*)\b|"
        r"\b(?:reduire|reduit|limiter|limite|baisser) (?:la |ma )?puissance\b|"
        r"\btreve\b.{0,40}\b(?:electricite|elec|gaz|energie|chauffage)\b|"
        r"\b(?:electricite|elec|gaz|energie)\b.{0,40}\btreve\b"), frozenset()),
    ("winter_truce", re.compile(
        r"\b(?:expuls\w*|mettre dehors|mis dehors|mise dehors|mettre a la porte|me sortir du logement|"
        r"nous sortir du logement|quitter les lieux|treve hivernale|treve des expulsions|treve d hiver|"
        r"la treve)\b"), frozenset({"energy_truce"})),
    ("energy_cheque", re.compile(r"\bcheques? (?:energie|energy)\b"), frozenset({"energy_truce"})),
    ("fsl", re.compile(r"\b(?:fsl|fonds de solidarite)\b"), frozenset()),
    ("overindebtedness", re.compile(
        r"\b(?:surendet\w*|dossier (?:de |a la |a |aupres de la )?(?:banque de france|bdf)|"
        r"commission de surendettement|retablissement personnel|effacer (?:mes |les |nos )?dettes)\b"),
        frozenset({"credit_register"})),
    ("credit_register", re.compile(r"\b(?:fiche|fichee|fiches|fichees|ficp|fichier|interdite? bancaire)\b"),
     frozenset({"overindebtedness", "bank_account"})),
    ("bank_account", re.compile(
        r"\b(?:droit au compte|(?:fermer|ferme|cloturer|cloture|garder|perdre|conserver|ouvrir) "
        r"(?:mon |son |notre |votre |un |le )?compte|aucune banque|sans compte|"
        r"pas de compte (?:bancaire|en banque))\b"),
     frozenset()),
    ("payment_plan", re.compile(
        r"\b(?:echeancier|plan d apurement|etaler|etale|etalement|payer en plusieurs fois|en plusieurs fois|"
        r"delai de paiement|delais de paiement|payer petit a petit|un peu chaque mois)\b"),
     frozenset({"taxes"})),
    ("debt_collection", re.compile(
        r"\b(?:recouvrement|recouvreurs?|intrum|injonction de payer|"
        r"saisie sur (?:salaire|remuneration|compte)|prescrite?s?|prescription|reconnaissance de dette)\b"),
     frozenset()),
    ("taxes", re.compile(r"\b(?:impots?|taxe d habitation|taxe fonciere|tresor public|finances publiques)\b"),
     frozenset({"payment_plan"})),
    ("food_aid", re.compile(
        r"\b(?:colis alimentaires?|banque alimentaire|epicerie sociale|epicerie solidaire|restos? du coeur|"
        r"aide alimentaire|bons? alimentaires?|de quoi manger)\b"), frozenset()),
    ("hours_contact", re.compile(
        r"\b(?:horaires?|ouverts? quand|ouvert (?:le|les|aujourd hui|demain|ce)|vous (?:ouvrez|fermez)|"
        r"a quelle heure (?:vous|je peux|on peut|ca ouvre|ca ferme)|jusqu a quelle heure|"
        r"votre (?:numero|adresse)|comment vous (?:joindre|contacter))\b"), frozenset()),
    ("confidentiality", re.compile(
        r"\b(?:confidentiel\w*|secret|anonyme|anonymat|qui (?:va|peut|pourra) (?:lire|voir|savoir)|"
        r"se sache|se saura|mes donnees|"
        # "c'est pour la CAF ?", "vous allez le dire aux impôts ?": who else will know.
        r"c est pour (?:la caf|les impots|la banque|france travail|pole emploi|la mairie|mon proprio)|"
        r"(?:vous (?:allez|aller|pouvez)|ca va|ca sera) (?:le |les |l )?(?:dire|transmettre|donner|envoyer|"
        r"passer|montrer|signaler) (?:a|au|aux) (?:mon |ma |mes |la |le |les |l )?"
        r"(?:caf|impots|banque|bailleur|proprio|proprietaire|employeur|patron))\b"),
     frozenset()),
    ("budget_snapshot", re.compile(
        r"\bpourquoi (?:vous )?(?:avez besoin de|voulez|vous faut il|il vous faut|me demandez|demandez vous|"
        r"ces questions|toutes ces questions|vous me posez)\b"), frozenset()),
    # "c'est payant le rappel ?" names the service; "ça coûte combien ?" alone may be about anything.
    ("how_it_works", re.compile(
        r"\b(?:(?:payant|gratuit|ca coute|coute combien|faut payer)\b.{0,30}\b(?:rappel|service|conseillere|"
        r"ccas|rendez vous|appel)|(?:rappel|service|conseillere|ccas|rendez vous)\b.{0,30}\b"
        r"(?:payant|gratuit|coute))\b"), frozenset({"who_for"})),
    ("how_it_works", re.compile(
        r"\b(?:comment ca se passe|ca se passe comment|comment se passe|(?:me|nous) juger|(?:me|nous) juge|"
        r"sans jugement|etre jugee?s?)\b"), frozenset()),
)


def topics_named(text: str) -> list[str]:
    """Topics whose words appear in `text`, first-said first."""
    plain = normalize(text)
    found: list[tuple[int, str]] = []
    for topic, words, _ in _CUES:
        match = words.search(plain)
        if match is not None:
            found.append((match.start(), topic))
    return [topic for _, topic in sorted(found)]


def _covered_by(topics: list[str]) -> set[str]:
    """Topics whose answer would do for a question naming `topics`."""
    covered = set(topics)
    for topic, _, others in _CUES:
        if topic in topics:
            covered |= others
    return covered


def _questions(text: str) -> list[str]:
    """The parts of a message that end with a question mark."""
    return [part for part in re.split(r"(?<=\?)", text) if part.strip().endswith("?")]


MAX_ANSWERS = 3


def choose_topics(text: str, selected: str | None) -> list[str]:
    """The answers a question gets, in the order the questions were asked. `selected` is the
    response selector's topic; it stays unless the words name other topics and none of them is
    answered by it. Each further question of the message ("...quand ? et c'est payant ?") that
    names a topic not answered yet gets that answer too."""
    named = topics_named(text)
    if selected is None and not named:
        return []
    primary = selected if selected is not None and (not named or selected in _covered_by(named)) else named[0]
    parts = _questions(text)
    if len(parts) < 2:
        return [primary]
    answers: list[str] = []
    for part in parts:
        in_part = topics_named(part)
        if not in_part:
            continue
        covered = _covered_by(in_part)
        if primary in covered and primary not in answers:
            answers.append(primary)
        elif not covered & set(answers):
            answers.append(in_part[0])
    if primary not in answers:
        answers.insert(0, primary)
    return answers[:MAX_ANSWERS]


_HOW = re.compile(r"\b(?:comment ca se passe|ca se passe comment|comment ca marche|ca marche comment|"
                  r"comment se (?:passe|deroule)|ca se deroule comment|c est comment)\b")
_CALL = re.compile(r"\b(?:rappel\w*|appel\w*|conseillere|rendez vous|rdv)\b")


def asks_how_the_callback_goes(text: str) -> bool:
    """"comment ça se passe si on veut être rappelés ?": a question about the callback, to be
    answered before anything is booked."""
    plain = normalize(text)
    return bool(_HOW.search(plain)) and bool(_CALL.search(plain))


_COUNTS = re.compile(
    r"\b(?:ca|ils|elles?|les? \w+|la \w+|l \w+) (?:compte|comptent|est compris|sont compris|est comprise|"
    r"sont comprises|rentre dedans|rentrent dedans)\b|"
    r"\b(?:je|on) (?:compte|mets|met|inclus|inclut|ajoute|rajoute|compte aussi|mets aussi)\b|"
    r"\b(?:faut il|il faut|faut) (?:compter|mettre|inclure|ajouter)\b|\binclu(?:s|e|es)?\b|"
    r"\b(?:avec|sans) (?:ou sans )?(?:les|la|le|l) \w+")


def asks_whether_it_counts(text: str) -> bool:
    """"les APL ça compte ?", "je mets aussi la prime ?": during the budget questions, a
    question about what to include in the answer."""
    return "?" in text and len(normalize(text).split()) <= 12 and bool(_COUNTS.search(normalize(text)))
