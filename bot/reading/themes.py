"""Themes a person raises (rent, energy, bank...), found by keywords in what they write.

Keywords rather than a classifier: the themes are kept for the counsellor, so they must be
explainable, and a person often raises several in one message.
"""
from __future__ import annotations

import re

from bot.reading.textnorm import normalize

# Order matters only for display: the first theme found in a message leads the reformulation.
THEMES: tuple[str, ...] = (
    "housing", "energy", "bank", "credit", "job_loss", "separation", "bereavement",
    "health", "taxes", "food",
)

_KEYWORDS: dict[str, tuple[str, ...]] = {
    "housing": (
        r"loyers?", r"proprio\w*", r"proprietaire", r"bailleur", r"expuls\w*", r"logements?",
        r"apparts?", r"appartement", r"hlm", r"office hlm", r"quittance", r"charges locatives",
        r"commandement de payer", r"locataire", r"(?<!a la )(?<!chez moi a la )maison(?! de (?:retraite|quartier))", r"credit immobilier",
        r"mise? dehors", r"mise? a la porte", r"a la rue", r"nulle part ou dormir",
    ),
    "energy": (
        r"electricite", r"elec", r"elect", r"edf", r"engie", r"geg", r"gaz", r"chauffage", r"energie",
        r"facture d electricite", r"total energies", r"bois de chauffage", r"granules",
        r"compteur", r"linky", r"fioul", r"totalenergies", r"coupure", r"(?:coupe|couper) le courant",
        r"plus de courant", r"factures? d eau", r"l eau", r"cheque energie", r"se chauffer",
    ),
    "bank": (
        r"banques?", r"decouverts?", r"agios", r"frais bancaires", r"interdit bancaire",
        r"compte bancaire", r"compte en banque", r"mon compte", r"le compte", r"carte bleue",
        r"carte bancaire", r"cb bloquee", r"rejets?", r"prelevements? rejetes?", r"cheques? sans provision",
        r"dans le rouge", r"a decouvert", r"banque de france", r"fichee?",
    ),
    "credit": (
        r"credits?", r"pret\b", r"prets", r"emprunts?", r"revolving", r"mensualites?",
        r"rembourse\w*", r"dettes?", r"endette\w*", r"huissier", r"commissaire de justice",
        r"recouvrement", r"creanciers?", r"cofidis", r"sofinco", r"cetelem", r"oney", r"floa",
        r"franfinance", r"younited", r"paiement en (?:3|4|plusieurs) fois", r"klarna",
    ),
    "job_loss": (
        r"chomage", r"chomeur", r"chomeuse", r"licenci\w*", r"france travail", r"pole emploi",
        r"perdu (?:mon|son|le) (?:emploi|travail|boulot|job|poste|taf|taff|cdi|cdd|contrat)", r"plus de (?:travail|boulot|job|taf|taff)",
        r"fin de (?:contrat|cdd|mission)", r"rupture conventionnelle", r"sans emploi",
        r"cherche du (?:travail|boulot)", r"fin de droits",
        r"(?:cdd|contrat|mission)\b.{0,20}\b(?:pas|non) (?:ete )?renouvele",
        r"(?:cdd|contrat|mission) (?:fini|termine|s est arrete)",
    ),
    "separation": (
        r"separ\w*", r"divorc\w*", r"mon ex", r"ma ex", r"rupture(?! conventionnelle)",
        r"m a quittee?", r"est partie?", r"pension alimentaire", r"garde des enfants",
        r"garde alternee", r"parent isole", r"seule? avec (?:les|mes|\d|deux|trois) (?:enfants|gosses|petits)",
    ),
    "bereavement": (
        r"deces", r"decede\w*", r"mort de", r"veuf", r"veuve", r"deuil", r"enterrement", r"obseques",
    ),
    "health": (
        r"malad\w*", r"hopital", r"hospitalis\w*", r"arret maladie", r"cancer", r"handicap\w*",
        r"invalidite", r"medic\w*", r"sante", r"operation", r"accident", r"depression",
        r"soins",
    ),
    "taxes": (
        r"impots?", r"taxe fonciere", r"taxe d habitation", r"tresor public", r"finances publiques",
        r"amendes?", r"redressement", r"urssaf", r"fisc", r"avis d imposition", r"trop percu",
    ),
    "food": (
        r"manger", r"nourri\w*", r"nourriture", r"courses", r"frigo", r"banque alimentaire",
        r"restos? du coeur", r"colis alimentaires?", r"epicerie sociale", r"bouffe", r"repas",
    ),
}

_COMPILED = {
    theme: re.compile(r"\b(?:" + "|".join(words) + r")\b") for theme, words in _KEYWORDS.items()
}


# "pas de crédit", "aucune dette": these words just before a keyword say the person does not
# have that worry.
_NEGATED = re.compile(r"(?:\b(?:pas|plus|aucun|aucune|jamais|ni|zero|0) (?:de |d |du |des |la |le |l )?|"
                      r"\bpas (?:de|d) (?:\w+ )?)$")
_NOT_NEGATED = {"job_loss"}  # "plus de travail" is a job lost


def detect_themes(text: str) -> list[str]:
    """Themes raised in `text`, ordered by where they first appear in it; "pas de crédit"
    raises no credit theme."""
    prepared = normalize(text)
    found = []
    for theme, pattern in _COMPILED.items():
        for match in pattern.finditer(prepared):
            if theme not in _NOT_NEGATED and _NEGATED.search(prepared[max(0, match.start() - 20):match.start()]):
                continue
            found.append((match.start(), THEMES.index(theme), theme))
            break
    return [theme for _, _, theme in sorted(found)]


# Shame keeps people from asking for help (DOMAIN.md): said, it is answered before anything else.
_SHAME = re.compile(
    r"\b(?:honte|honteux|honteuse|j ai honte|gene|genee|gener|humili\w*|pas fier|pas fiere|"
    r"j ose (?:meme )?pas|je n ose (?:meme )?pas|ose pas|culpabilis\w*|nul(?:le)? avec l argent|"
    r"je suis nul(?:le)?|peur d etre jugee?|peur qu on me juge|me juger)\b")


# A maintenance payment that stopped: the CAF can claim it and pay an allowance meanwhile.
_CHILD_SUPPORT_UNPAID = re.compile(
    r"\bpension(?: alimentaire)?\b.{0,60}\b(?:pas|plus|jamais|rien|arrete|oublie)\b.{0,20}"
    r"\b(?:paye|payee|verse|versee|donne|recu|recue|paie|verse)\b|"
    r"\b(?:paye|verse|donne|paie) (?:plus|pas|jamais|rien)\b.{0,30}\bpension\b|"
    r"\bpension(?: alimentaire)?\b.{0,40}\b(?:paye|verse|donne|paie|envoie) (?:plus|pas|jamais|rien)\b|"
    r"\bpension alimentaire\b.{0,40}\b(?:impayee?s?|en retard|retards?)\b")


_OTHER_PARENT = re.compile(r"\balimentaire\b|\b(?:il|elle|ex|pere|papa|mere|maman|conjoint|mari)\b")


def child_support_unpaid(text: str) -> bool:
    plain = normalize(text)
    return bool(_CHILD_SUPPORT_UNPAID.search(plain) and _OTHER_PARENT.search(plain))


def expresses_shame(text: str) -> bool:
    return bool(_SHAME.search(normalize(text)))


def merge_themes(known: list[str] | None, new: list[str]) -> list[str]:
    """Themes so far plus new ones, without duplicates, first-raised first."""
    merged = list(known or [])
    merged.extend(t for t in new if t not in merged)
    return merged
