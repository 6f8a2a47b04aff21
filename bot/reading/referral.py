"""Who sent the person to the service, when they say so: a partner of the CCAS (from the
configuration), a bank, a social worker... Only a sentence that says someone sent or advised
them counts: "j'ai un découvert à la banque" names a bank, not who referred them."""
from __future__ import annotations

import re
from collections.abc import Iterable

from bot.configuration.ccas import Partner
from bot.reading.textnorm import normalize

_REFERRED = re.compile(
    r"\b(?:m|nous) (?:a|ont) (?:dit|conseille|conseillee|oriente|orientee|envoye|envoyee|donne|parle|indique|"
    r"recommande|propose|file|passe)\b|\bde la part (?:de|du|des|d)\b|"
    r"\bsur (?:les )?conseils? (?:de|du|des|d)\b|"
    r"\b(?:envoye|envoyee|orientee?|adresse|adressee|redirige|redirigee)e? (?:par|vers vous par)\b|"
    r"\bc est (?:ma|mon|la|le|l|une|un) .{1,40} qui\b|\b(?:ma|mon) .{1,40} (?:m a|m ont) |"
    r"\bc est .{1,40} qui (?:m|nous)\b|\b(?:m|nous) (?:envoie|envoient|oriente|orientent)\b|"
    r"\b(?:notre|nos) .{1,40} nous (?:a|ont) "
)
# Sources that are not partners of a particular CCAS: what a counsellor reads, and the words
# that name them.
GENERIC_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("une travailleuse sociale", (
        r"assistante? sociale?", r"assistant social", r"travailleu(?:r|se) sociale?", r"\bas\b",
        r"educat(?:eur|rice)", r"conseillere? (?:en )?esf", r"cesf",
    )),
    ("la CAF", (r"\bcaf\b",)),
    ("le bailleur", (r"bailleur", r"office hlm", r"\bhlm\b", r"proprietaire", r"\bproprio\b",
                     r"agence immobiliere", r"logement social",
                     r"gardien(?:ne)? (?:de|d) (?:mon|l) immeuble")),
    ("une banque", (r"\bbanque\b", r"banquier(?:e)?",
                    r"conseill(?:er|ere) (?:bancaire|de (?:ma|la) banque)",
                    r"credit (?:mutuel|agricole|lyonnais)", r"caisse d epargne", r"\bbnp\b", r"\blcl\b",
                    r"societe generale", r"\bcic\b", r"boursorama", r"banque populaire", r"hello ?bank",
                    r"\bing\b", r"fortuneo", r"ma french bank")),
    ("l'employeur", (r"\bemployeur\b", r"\brh\b", r"ressources humaines", r"\bma boite\b",
                     r"\bmon patron\b", r"\bma patronne\b", r"service du personnel",
                     r"(?:mon|l) entreprise\b", r"assistante? sociale? du travail", r"medecin du travail")),
    ("un fournisseur d'énergie", (r"\bedf\b", r"engie", r"fournisseur", r"total ?energies")),
    ("la mairie", (r"mairie",)),
    ("une association", (r"association", r"secours (?:populaire|catholique)", r"restos? du coeur",
                         r"croix rouge")),
    ("France Travail", (r"france travail", r"pole emploi")),
    ("un proche", (r"\bami(?:e|s)?\b", r"copine?", r"voisine?", r"famille",
                   r"(?:ma|mon) (?:soeur|frere|mere|pere|fille|fils|cousine?)")),
)


# Who wrote to the person is not who sent them: "le proprio m'a envoyé un commandement",
# "la banque m'a envoyé une lettre", "EDF m'a dit qu'ils allaient couper".
_WROTE_TO_ME = re.compile(
    r"\b(?:m|nous) (?:a|ont) (?:envoye|envoyee|envoyes|adresse|transmis|remis|donne|file|mis|fait|dit qu|"
    r"dit que|"
    r"menace|relance|ecrit|appele|telephone)\b(?! (?:vers|chez|ici|a vous|votre|vos|ton|le lien|ce lien|"
    r"le numero|votre numero|ce numero|les coordonnees|l adresse|de vous|de venir|de contacter|"
    r"de vous contacter|"
    r"d appeler|de m adresser|de passer|de prendre|de voir))"
)
_REFERRAL_WORDS = re.compile(
    r"\b(?:vers vous|chez vous|ici|votre (?:numero|site|service|adresse)|vos coordonnees|"
    r"ce (?:site|service|numero)|de vous (?:contacter|ecrire|appeler|voir|joindre)|"
    r"de (?:contacter|appeler|joindre|ecrire a) (?:le|la|l|votre)? ?(?:ccas|service|plateforme|permanence)|"
    r"de venir|le ccas|au ccas|la permanence|la plateforme|le lien|ce lien|"
    r"de la part|sur (?:les )?conseils?|conseille|conseillee|recommande|oriente|orientee|oriente vers)\b"
)


def _is_referral(plain: str) -> bool:
    if not _REFERRED.search(plain):
        return False
    if _WROTE_TO_ME.search(plain) and not _REFERRAL_WORDS.search(plain):
        return False
    return True


def referral_sources(messages: Iterable[str], partners: Iterable[Partner]) -> list[str]:
    """Names of who referred the person, in the order they were mentioned, partners first
    within a sentence (GEG rather than "un fournisseur d'énergie")."""
    partners = tuple(partners)
    found: list[str] = []
    for message in messages:
        for sentence in re.split(r"[.!?\n]+", message):
            plain = normalize(sentence)
            if not _is_referral(plain):
                continue
            named = [p.name for p in partners
                     if any(re.search(rf"\b{re.escape(normalize(k))}\b", plain) for k in p.keywords)]
            if not named:
                named = [label for label, patterns in GENERIC_SOURCES
                         if any(re.search(p, plain) for p in patterns)][:1]
            found.extend(n for n in named if n not in found)
    return found
