"""Safety net: explicit crisis wording, caught even when the intent classifier misses it.

A missed crisis is the worst failure of the assistant, so these patterns favour recall: a
false alarm costs a kind message with a free number; a miss can cost much more. They run on
`normalize`d text (lower case, no accents), and tolerate SMS spelling ("jveux", "envi", "g").
"""
from __future__ import annotations

import re
from enum import Enum

from bot.textnorm import normalize


class Crisis(str, Enum):
    SUICIDE = "suicide"
    VIOLENCE = "violence"
    SHELTER = "shelter"
    CHILD = "child"


# Pieces shared by several patterns.
_ME = r"(?:me|m)"
_PARTNER = (
    r"(?:mari|femme|conjoint|conjointe|compagnon|compagne|copain|copine|ex|concubin|"
    r"partenaire|mec|homme|pere|mere|fils|fille|frere|soeur|beau pere|belle mere)"
)
# A current partner, for economic control (an ex paying little support is not that).
_COUPLE = r"(?:mari|femme|conjoint|conjointe|compagnon|compagne|copain|copine|concubin|concubine)"
_HIT = r"(?:frappe|frapp[eé]e?|bat|battu|battue|cogne|tape|gifle|etrangle|pousse|brutalise)"

_PATTERNS: dict[Crisis, tuple[str, ...]] = {
    Crisis.SUICIDE: (
        r"suicid",
        r"\b(?:me|m)\s(?:tuer|tuerai[st]?|pendre|pends|pendrai|foutre en l ?air|fou en l ?air|jeter sous|jeter du|jeter par|jeter d un|ouvrir les veines|flinguer)",
        r"\ben finir\b",
        r"\bfinir (?:avec|ma) (?:la )?vie\b",
        r"mettre fin a (?:mes|ma) (?:jours|vie)",
        r"\b(?:envie|envi|besoin|veux|veut|voudrais) (?:de |d )?mourir",
        r"\b(?:je|j|jveux|jveu) ?(?:veux|veu|voudrais|vais|prefere|prefererais)? ?mourir",
        r"\bmourir (?:ce soir|demain|bientot|plutot)",
        r"\b(?:simple|mieux|facile|reposant|soulagement) (?:de|d) (?:mourir|partir pour de bon|ne plus etre la|plus etre la|ne plus me reveiller)",
        r"\b(?:pense|songe|reve|penser|songer) (?:a|de) (?:mourir|la mort|ma mort|partir pour toujours)",
        r"\bne plus (?:me )?reveiller\b",
        r"(?:plus|pas) envie de vivre",
        r"(?:plus|pas) (?:la )?(?:force|raison|gout) de vivre",
        r"marre de (?:la )?vie",
        r"a quoi bon (?:continuer (?:a )?)?vivre",
        r"(?:veux|voudrais|envie de|vais) partir pour (?:toujours|de bon)",
        r"(?:serai[st]?|seront|seraient|irai[st]?) mieux sans moi",
        r"\bdisparaitre (?:pour toujours|definitivement|de ce monde)",
        r"\b(?:veux|veu|voudrais|envie de|envi de) disparaitre",
        r"\bplus (?:etre|etre la) (?:la|de ce monde)",
        r"(?:envie de|veux|vais|voudrais) tout (?:arreter|lacher|quitter) (?:definitivement|pour de bon|pour toujours)",
        r"\b(?:vais|va|vas|pourrais|risque de|peur de) faire une (?:grosse )?(?:betise|connerie)",
        r"\bidees? (?:noires?|suicidaires?)",
        r"\bpasser a l acte\b",
        r"\bplus envie d etre la\b",
        r"\bme supprimer\b",
    ),
    Crisis.VIOLENCE: (
        rf"\b{_ME}\s{_HIT}\b",
        rf"\b{_ME}\sa (?:frappe|battu|battue|cogne|tape|gifle|etrangle|pousse|viole|agresse|menace)",
        r"\bviolences?\b",
        r"\b(?:ete|etre|a) violee?s?\b|\bm a violee?\b|\bviol\b",
        rf"\b(?:il|elle|{_PARTNER}) (?:est |etait )?(?:est|devient|etait|peut etre|sont|devenue?) violente?s?\b",
        r"\bcoups?\b.*\b(?:mari|conjoint|compagnon|ex|il|elle)\b|\b(?:mari|conjoint|compagnon|ex)\b.*\bcoups?\b",
        rf"\b(?:il|elle|(?:mon|ma) {_PARTNER}) {_ME}\smenace",
        r"menace[sr]? de (?:mort|me tuer|me frapper|me faire du mal|prendre les enfants|partir avec les enfants)",
        rf"peur de (?:mon|ma) {_PARTNER}\b",
        rf"\b(?:mon|ma) {_PARTNER} (?:me|m)\s(?:prend|prends|confisque|garde|bloque|controle|empeche)",
        rf"\b(?:il|elle|(?:mon|ma) {_COUPLE}) (?:me |m )?(?:prend|confisque|garde|controle|bloque|vole|retient) (?:tout )?(?:mon|ma|mes) (?:argent|salaire|paie|carte|cb|compte|comptes|papiers|allocations?|rsa|aah)",
        rf"\b(?:mon|ma) {_COUPLE} (?:ne )?me (?:donne|laisse|verse) (?:que |qu )?\d+ ?(?:euros?|e|balles)? par (?:semaine|mois|jour)",
        r"\bempeche (?:d avoir|d acceder|de toucher|de travailler|de sortir)",
        r"\bm empeche d avoir (?:de l )?argent\b",
        rf"\b(?:il|elle|(?:mon|ma) {_PARTNER}) {_ME}\sharcel",
        r"\b(?:me|m) ?(?:force|oblige|forcait|obligeait) a (?:faire|prendre|signer|souscrire|coucher)",
        r"\bsous emprise\b|\bemprise\b",
    ),
    Crisis.SHELTER: (
        r"\ba la rue\b",
        r"\b(?:dormir|dors|dort|dormi|coucher|couche|passer la nuit) (?:dehors|dans (?:ma|la|une) (?:voiture|bagnole|caisse|gare|rue)|a la gare)",
        r"\b(?:nulle part|pas d endroit|aucun endroit|pas de lieu|nul part) (?:ou|pour) (?:dormir|aller|me loger|loger)",
        r"\bou (?:\w+ ){0,3}dormir (?:ce soir|cette nuit)",
        r"\bsans (?:abri|domicile|logement|toit)\b",
        r"\bsdf\b",
        r"\bmourir de froid\b",
        r"\b(?:dormir|dors|dort|dormons|dormi) (?:dans|sous) (?:un|une|le|la|les) (?:parc|hall|cage d escalier|squat|tente|pont|abri|cave|parking)",
        r"\bpas de toit\b",
        r"\b(?:plus|pas) de (?:logement|toit|maison|appart|appartement) (?:ce soir|cette nuit|aujourd hui|demain)",
        r"\bexpulse[es]* (?:ce soir|aujourd hui|ce matin|maintenant|demain matin)\b",
        r"\bmis[es]? dehors\b|\bmettre dehors\b|\bfoutu[es]? dehors\b|\bjete[es]? dehors\b",
        r"\b(?:dehors|a la rue) (?:ce soir|cette nuit)",
    ),
    Crisis.CHILD: (
        r"\benfants? (?:est |sont )?en danger\b",
        r"\b(?:mon|ma|mes|un|une|les|des) (?:enfant|enfants|fils|fille|filles|bebe|petit|petite|gamin|gamins|gosse|gosses) "
        r"(?:est|sont|se fait|se font)? ?(?:battu|battus|battue|frappe|frappes|frappee|maltraite|maltraites|en danger|abuse|abusee|abuses)",
        r"\bmaltrait",
        r"\b(?:son|sa|leur|le|la) (?:pere|mere|beau pere|belle mere|papa|maman) (?:la|le|les) (?:frappe|bat|cogne|tape)",
        r"\b(?:bat|frappe|cogne|tape) (?:ses|son|sa|leurs?) (?:enfants?|fils|fille|filles|gosses|petits|bebe)",
        r"\b(?:frappe|bat|cogne|tape) (?:mon|ma|mes|les) (?:enfant|enfants|fils|fille|bebe|petits|gamins|gosses)",
        r"\benfance en danger\b",
        r"\battouchement",
        r"\binceste\b",
    ),
}

_COMPILED = {kind: tuple(re.compile(p) for p in patterns) for kind, patterns in _PATTERNS.items()}

# A few SMS spellings expanded before matching, so patterns stay readable.
_SMS = (
    (re.compile(r"\bjveu[xt]?\b"), "je veux"),
    (re.compile(r"\bjvai[sx]?\b"), "je vais"),
    (re.compile(r"\bj ?ve\b"), "je veux"),
    (re.compile(r"\bg\b"), "j ai"),
    (re.compile(r"\bmm\b"), "meme"),
    (re.compile(r"\bpa\b"), "pas"),
    (re.compile(r"\bmourrir\b"), "mourir"),
    (re.compile(r"\bsuiscider|suicder|sucider|suicidee?r\b"), "suicider"),
)


def _prepare(text: str) -> str:
    prepared = normalize(text)
    for pattern, replacement in _SMS:
        prepared = pattern.sub(replacement, prepared)
    return prepared


def detect_crises(text: str) -> list[Crisis]:
    """Every crisis kind whose explicit wording appears in `text`, in a stable order."""
    prepared = _prepare(text)
    return [kind for kind, patterns in _COMPILED.items() if any(p.search(prepared) for p in patterns)]
