"""French money amounts as people write them, turned into monthly euros.

"environ 1 200 €", "mille deux cents", "entre 900 et 1000", "200 par semaine", "rien",
"mon loyer c'est 650 et l'électricité 90". Number words go through text2num (maintained,
French-aware); this module adds what it does not know: ranges, periods, approximations,
"nothing", "skip", and which budget line an amount belongs to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from text_to_num import alpha2digit

from bot.reading.textnorm import strip_accents


class Kind(str, Enum):
    AMOUNT = "amount"  # at least one amount was understood
    ZERO = "zero"  # "rien", "pas de crédit", "non"
    SKIP = "skip"  # "je ne sais pas", "je préfère ne pas dire", "passer"
    UNKNOWN = "unknown"  # nothing usable: ask again, kindly


@dataclass(frozen=True)
class Amount:
    monthly: float  # best estimate, euros per month (the middle of a range)
    low: float
    high: float
    approximate: bool
    label: str | None = None  # budget line named next to it ("rent", "energy"...), if any
    currency: bool = field(default=False, compare=False)  # written with "€", "euros"...


@dataclass(frozen=True)
class Answer:
    kind: Kind
    amounts: tuple[Amount, ...] = field(default=())

    @property
    def total(self) -> float:
        return round(sum(a.monthly for a in self.amounts), 2)


# Budget lines a person may name next to an amount (accent-free, lower case).
LABELS: dict[str, tuple[str, ...]] = {
    "salary": ("salaire", "salaires", "ma paie", "la paie", "ma paye", "fiche de paie", "smic", "boulot",
               "travail", "net", "paie", "paye", "job", "taf", "interim", "bourse", "je bosse", "jbosse", "je travaille",
               "jtravaille", "petit boulot", "petits boulots", "extras"),
    "pension": ("retraite", "retraites", "pension", "pension de retraite", "pension d invalidite", "invalidite",
                "reversion", "pension de reversion", "carsat", "agirc", "arrco", "complementaire"),
    "benefits": ("caf", "rsa", "apl", "al", "prime d activite", "prime", "aah", "allocation", "allocations",
                 "allocs", "alloc", "aides", "aide au logement", "af", "allocations familiales", "paje",
                 "ass", "msa", "cmg", "complement familial", "asf"),
    "unemployment": ("chomage", "are", "france travail", "pole emploi", "indemnites chomage"),
    "rent": ("loyer", "loyers", "credit immobilier", "pret immobilier", "credit maison", "emprunt maison",
             "credit immo", "pret immo", "immo", "charges locatives", "quittance", "hlm"),
    "energy": ("electricite", "elec", "edf", "engie", "gaz", "chauffage", "energie", "fioul", "geg",
               "courant", "total energies", "totalenergies", "elect", "electricites", "bois", "bois de chauffage",
               "granules", "pellets"),
    "water": ("eau", "veolia", "suez"),
    "insurance": ("assurance", "assurances", "mutuelle", "assu", "assurance habitation", "habitation",
                  "multirisque",
                  "assurance voiture", "assurance auto"),
    "phone": ("telephone", "tel", "internet", "box", "portable", "portables", "forfait", "mobile",
              "abonnement telephone", "free", "sfr", "orange", "bouygues"),
    "transport": ("transport", "transports", "essence", "carburant", "voiture", "bus", "tram", "navigo",
                  "abonnement tag", "abonnement transport", "abonnement bus", "abonnement tram", "tag",
                  "ginko", "gasoil", "diesel", "train", "pass navigo"),
    "childcare": ("garde", "nounou", "creche", "cantine", "cantines", "assistante maternelle", "ass mat",
                  "assmat", "periscolaire", "garderie", "centre de loisirs"),
    "maintenance": ("pension alimentaire", "pensions alimentaires", "pension alim", "pa des enfants"),
    "loans": ("credit", "credits", "pret", "prets", "emprunt", "emprunts", "revolving", "mensualite",
              "mensualites", "cofidis", "cetelem", "sofinco", "oney", "floa", "franfinance", "younited",
              "carrefour banque", "credit conso", "credit voiture", "credit auto", "pret voiture",
              "pret auto", "loa", "lld", "leasing", "microcredit", "pret caf", "echeance", "echeances"),
    "taxes": ("impot", "impots", "taxe", "taxe fonciere", "taxe d habitation", "tresor public", "amende",
              "amendes"),
    "overdraft": ("decouvert", "agios", "a decouvert", "dans le rouge", "negatif"),
}
# Longer keywords first, so that "pension alimentaire" wins over "pension".
_LABEL_PATTERNS = sorted(
    ((kw.strip(), label) for label, kws in LABELS.items() for kw in kws),
    key=lambda item: -len(item[0]),
)

_SKIP = re.compile(
    r"\b(?:je (?:ne )?sais pas|j sais pas|sais pas|chais pas|sai pas|aucune idee|ne sais pas|"
    r"prefere (?:ne )?pas (?:le )?dire|prefere pas|pas envie de (?:le )?dire|pas envie de repondre|"
    r"pas envie|passer|passe|on passe|suivant|joker|skip|je ne souhaite pas|je veux pas dire|"
    r"je ne veux pas (?:le )?dire|pas de reponse|ca ne vous regarde pas|aucun idee|j en sais rien|"
    r"je n en sais rien|pas sur|pas sure|je ne me rappelle pas|je ne connais pas)\b"
)
_ZERO = re.compile(
    # "non", "non rien", "nan rien du tout", "non je n'ai rien", "non c'est bon merci"
    r"^(?=\S)(?!merci$)(?!plus$)(?:(?:merci|ok|d.accord|alors),? )?(?:(?:non|nan|nn|nope),? ?)*(?:plus|aucun|aucune|rien(?: du tout| de rien)?|zero|0|nada|neant|"
    r"que dalle|pas un rond|pas un centime|nul|nulle|0 euros?|c est bon|c bon|pas du tout|"
    r"(?:je|on) n a(?:i)? rien|j ai rien|on a rien)?(?: non plus)?(?: ?merci)?$|"
    r"\b(?:pas de|pas d|pas encore de|pas encore d|aucun|aucune|plus de|zero|rien a|je ne paie pas de|je paie pas de|"
    r"je n ai pas de|j ai pas de|on n a pas de|on a pas de|sans)\b"
)

_NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_APPROX = re.compile(
    r"(?:environ|a peu pres|a peu pret|dans les|autour de|a peu pres|presque|genre|quasi|pres de|"
    r"plus ou moins|grosso modo|vers|approximativement|~|un peu moins de|un peu plus de|"
    r"au moins|maximum|max|minimum|pas loin de)\s*$"
)
_PERIODS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^\s*(?:e|eur|euros?|balles|€)?\s*(?:par|/|chaque|toutes? les?|tous les)\s*(?:semaines?|sem)\b"), 52 / 12),
    (re.compile(r"^\s*(?:e|eur|euros?|balles|€)?\s*(?:par|/|chaque)\s*(?:jour|j)\b"), 365 / 12),
    (re.compile(r"^\s*(?:e|eur|euros?|balles|€)?\s*(?:par|/|chaque|tous les)\s*(?:trimestres?|3 mois)\b"), 1 / 3),
    (re.compile(r"^\s*(?:e|eur|euros?|balles|€)?\s*(?:tous les (?:2|deux) mois|par bimestre)\b"), 1 / 2),
    (re.compile(r"^\s*(?:e|eur|euros?|balles|€)?\s*(?:par|/|chaque)\s*(?:an|annee|ans)\b|^\s*(?:e|eur|euros?|€)?\s*(?:annuels?|a l annee)\b"), 1 / 12),
    (re.compile(r"^\s*(?:e|eur|euros?|balles|€)?\s*(?:hebdo|hebdomadaires?)\b"), 52 / 12),
)
_RANGE = re.compile(
    rf"(?:entre\s+)?({_NUMBER})\s*(?:k|e|eur|euros?|€)?\s*(?:et|a|-|ou|/)\s*({_NUMBER})\s*(k)?"
)
_SINGLE = re.compile(rf"({_NUMBER})\s*(k)?(?![\d])")


def _prepare(text: str) -> str:
    text = text.lower().replace("’", "'").replace("\u202f", " ").replace("\u00a0", " ")
    text = _without_phones_and_times(text)
    # "1400 + 300 de caf" adds two amounts; "assurance maison+voiture 85" names one line.
    text = re.sub(r"(\d)\s*\+\s*(?=\d)", r"\1 plus ", text)
    text = text.replace("€", " € ")
    text = re.sub(r"\s*\+\s*", " ", text)  # between words: one line ("maison+voiture")
    text = strip_accents(text)
    text = re.sub(r"[^a-z0-9€,./~\- ]+", " ", text)
    # "-600" on an account is 600 owed: the sign is not a range dash; alone (not in a range),
    # it names the overdraft.
    text = re.sub(r"(?<!entre )(^|\s)-\s?(\d[\d .,]*\d|\d)(?!\s*(?:et|a|ou)\s*-)(?=\s|$|,)",
                  lambda m: f"{m.group(1)}{m.group(2)} de decouvert", text)
    text = re.sub(r"(^|\s)-\s?(\d)", r"\1\2", text)
    text = re.sub(r"(\d)\s*-\s*(\d)", r"\1 - \2", text)
    text = _multiplied(text)
    # "1k2", "2k5": thousands written the SMS way, 1 200 and 2 500.
    text = re.sub(r"\b(\d{1,3})k(\d{1,3})\b",
                  lambda m: str(int(m.group(1)) * 1000 + int(m.group(2).ljust(3, "0"))), text)
    return re.sub(r"\s+", " ", text).strip()


# What looks like a number but is not money: a phone number, a time, a date.
_PHONE_LIKE = re.compile(r"(?:\+33\s?|0033\s?|\b0)[1-9](?:[\s.\-]?\d{2}){4}\b")
_TIME_LIKE = re.compile(r"\b\d{1,2}\s?(?:h|heures?)(?:\s?\d{2})?\b|\b\d{1,2}:\d{2}\b")
_DATE_LIKE = re.compile(
    r"\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b(?!\s*(?:€|e\b|eur|euros?))|"
    r"\b(?:le|du|au|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2}(?:er)?\b(?! ?(?:€|e\b|eur|euros?))"
    r"|\b\d{1,2}(?:er)? (?:janvier|fevrier|février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|"
    r"novembre|decembre|décembre)\b"
)


# "on est 4", "nous sommes 3": people, not euros.
_PEOPLE_COUNT = re.compile(r"\b(on est|nous sommes|on vit a|nous vivons a|foyer de|famille de)\s+\d{1,2}\b")


def _without_phones_and_times(text: str) -> str:
    text = _PEOPLE_COUNT.sub(r"\1 ", text)
    text = _PHONE_LIKE.sub(" ", text)
    text = _TIME_LIKE.sub(" ", text)
    return _DATE_LIKE.sub(" ", text)


_TIMES = re.compile(r"\b(\d{1,2})\s?(?:x|\*|fois)\s?(\d+(?:[.,]\d{1,2})?)\b|\b(\d+(?:[.,]\d{1,2})?)\s?(?:x|\*)\s?(\d{1,2})\b")


def _multiplied(text: str) -> str:
    """"navigo 2x75" -> "navigo 150", "75 x 2" -> "150": one line paid several times."""
    def product(match: re.Match[str]) -> str:
        count, unit = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        value = int(count) * float(unit.replace(",", "."))
        return f"{value:g}"
    return _TIMES.sub(product, text)


def _words_to_digits(text: str) -> str:
    # text2num reads "neuf cents et mille" as one number; "et" only joins numbers in
    # "vingt et un", "soixante et onze"...
    parts = re.split(r"\s+et\s+(?!un\b|une\b|onze\b)", text)
    return " et ".join(alpha2digit(part, "fr") for part in parts)


def _to_float(raw: str, thousands: str | None = None) -> float:
    digits = raw.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", digits):
        digits = digits.replace(".", "")
    value = float(digits.replace(",", "."))
    return value * 1000 if thousands else value


# A number followed by these counts something else than money ("depuis 3 mois", "2 enfants").
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:mois|ans?|annees?|enfants?|adultes?|personnes?|fois|jours?|semaines?|h|heures?|%|"
    r"du mois|gosses|gamins|petits|ados?|bebes?|mensualites?|credits|dossiers?|factures?|loyers?|"
    r"echeances?|termes?|degres?|kg|km|m2|metres?|pieces?|garcons?|filles?|fils|ado|lettres?|courriers?|"
    r"relances?|prets|rejets?|prelevements?|cheques?|fois|trimestres?)\b"
)
_EVERY_N_MONTHS = re.compile(r"^\s*(?:e|eur|euros?|balles|€)?\s*tous les (\d+) mois\b")


def _period_factor(after: str) -> float:
    every = _EVERY_N_MONTHS.search(after)
    if every and int(every.group(1)) > 0:
        return 1 / int(every.group(1))
    for pattern, factor in _PERIODS:
        if pattern.search(after):
            return factor
    return 1.0


def _label_spans(clause: str) -> list[tuple[int, int, str]]:
    """Budget lines named in `clause`, longest keyword first, without overlaps:
    "crédit voiture" is a loan, not a car."""
    spans: list[tuple[int, int, str]] = []
    for keyword, label in _LABEL_PATTERNS:
        # Plurals too: "mutuelles", "cantines".
        for match in re.finditer(rf"\b{re.escape(keyword)}[sx]?\b", clause):
            if any(match.start() < end and start < match.end() for start, end, _ in spans):
                continue
            spans.append((match.start(), match.end(), label))
    return sorted(spans)


_NUMBER_IN = re.compile(r"\d")


def _label_near(clause: str, start: int, end: int) -> str | None:
    """The budget line of the amount at `start:end`.

    "200 de crédit" (line after "de") first; then the line named just before with no other
    number in between ("loyer 550 électricité 70"); then one named just after that is not
    itself followed by its own amount ("550 loyer").
    """
    after = clause[end:]
    spans = _label_spans(clause)
    for keyword, label in _LABEL_PATTERNS:
        if re.match(rf"\s*(?:e|eur|euros?|€|balles)?\s*(?:de|d|pour|d un|d une|pour le|pour la|en|sur)\s+"
                    rf"(?:mon |ma |mes |la |le |l |les |notre |nos )?{re.escape(keyword)}\b", after):
            return label
    before = [s for s in spans if s[1] <= start and not _NUMBER_IN.search(clause[s[1]:start])]
    if before:
        # "assurance maison voiture 85": the first line named leads ("assurance").
        return before[0][2]
    for span_start, span_end, label in spans:
        if span_start >= end and not _NUMBER_IN.search(clause[end:span_start]):
            following = clause[span_end:]
            if re.match(r"\s*(?::|=|de|a)?\s*\d", following):
                return None  # "... 550 électricité 70": that line has its own amount
            return label
    return None


# No household's monthly figure comes near this: a larger number is digits or number words run
# together ("1 200 deux cent deux cent k" read as 1.2 thousand billion), not an amount.
MAX_PLAUSIBLE_EUROS = 1_000_000

# An answer to a budget question is a few words. Reading at most this much bounds the cost of
# pathological input ("1.000.1.000..." over thousands of characters took a minute).
MAX_ANSWER_CHARS = 500


def parse_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, per month, with the budget line named next to it."""
    prepared = _words_to_digits(_prepare(text[:MAX_ANSWER_CHARS]))
    amounts: list[Amount] = []
    # "deux mois de loyer, à peu près 1300": a line named in a clause without an amount goes
    # with the amount of the next clause.
    pending_label: str | None = None
    for clause in _split_keeping_ranges(prepared):
        before = len(amounts)
        taken: list[tuple[int, int]] = []
        for match in _RANGE.finditer(clause):
            if not (match.group(0).startswith("entre") or _looks_like_range(match.group(0))):
                continue
            first, second = _to_float(match.group(1), match.group(3)), _to_float(match.group(2), match.group(3))
            if second < first / 4 and not match.group(0).startswith("entre"):
                continue  # "1800 à 2" (for two people), "300 / 3": not a range of amounts
            low, high = sorted((first, second))
            factor = _period_factor(clause[match.end():])
            amounts.append(Amount(
                currency=True,
                monthly=round((low + high) / 2 * factor, 2), low=round(low * factor, 2),
                high=round(high * factor, 2), approximate=True,
                label=_label_near(clause, match.start(), match.end()),
            ))
            taken.append(match.span())
        for match in _SINGLE.finditer(clause):
            if any(a <= match.start() < b for a, b in taken):
                continue
            if _NOT_MONEY_AFTER.match(clause[match.end():]) and not match.group(2):
                continue
            value = _to_float(match.group(1), match.group(2))
            if value < 10 and re.search(r"\d\s*(?:€|e|eur|euros?)?\s+a\s*$", clause[: match.start()]):
                continue  # "2100 à 2": for two people
            factor = _period_factor(clause[match.end():])
            approximate = bool(_APPROX.search(clause[: match.start()]))
            monthly = round(value * factor, 2)
            amounts.append(Amount(
                monthly=monthly, low=monthly, high=monthly, approximate=approximate or factor != 1.0,
                label=_label_near(clause, match.start(), match.end()),
                currency=bool(re.match(r"\s*(?:€|e\b|eur|euros?|balles)", clause[match.end():])),
            ))
        if len(amounts) == before:
            named = _labels_of(clause)
            pending_label = named[-1] if named else pending_label
        else:
            if pending_label:
                amounts[before:] = [
                    a if a.label else Amount(a.monthly, a.low, a.high, a.approximate, pending_label, a.currency)
                    for a in amounts[before:]
                ]
            pending_label = None
    # "on est 2 avec 1200": a lone small number beside real amounts counts people, not euros.
    if any(a.monthly >= 10 for a in amounts):
        amounts = [a for a in amounts if a.monthly >= 10 or a.label or a.currency]
    return [a for a in amounts if a.high <= MAX_PLAUSIBLE_EUROS]


def _looks_like_range(fragment: str) -> bool:
    # "900 à 1000", "900-1000", "900 ou 1000": a range; "650 et 90" is two amounts, unless
    # introduced by "entre" (checked by the caller).
    return bool(re.search(r"\s(?:a|-|ou|/)\s", fragment))


def _split_keeping_ranges(text: str) -> list[str]:
    protected = re.sub(rf"entre ({_NUMBER}) ?(k|e|eur|euros?|€)? ?et ({_NUMBER})", r"entre \1 \2 ~ET~ \3", text)
    # A sentence ends a clause too ("320 de CAF. Loyer 690"), but not a decimal point ("12.50").
    clauses = re.split(r"\s*(?:,(?!\d)|;|\.(?!\d)|[?!]|\bet\b|\bpuis\b|\bplus\b(?! (?:de|d|aucune?|rien|jamais)\b)|\bensuite\b)\s*",
                       protected)
    return [c.replace("~ET~", "et").strip() for c in clauses if c.strip()]


def parse_answer(text: str) -> Answer:
    """What a person meant by their answer to an amount question."""
    text = text[:MAX_ANSWER_CHARS]
    prepared = _prepare(text)
    amounts = parse_amounts(text)
    if amounts:
        return Answer(Kind.AMOUNT, tuple(amounts))
    if not prepared:
        return Answer(Kind.UNKNOWN)
    if _SKIP.search(prepared):
        return Answer(Kind.SKIP)
    if _ZERO.search(prepared):
        return Answer(Kind.ZERO)
    return Answer(Kind.UNKNOWN)


def labels_in(text: str) -> list[str]:
    """Budget lines named anywhere in `text`, in order ("le loyer et l'électricité")."""
    return _labels_of(f" {_prepare(text)} ")


def _labels_of(prepared: str) -> list[str]:
    found: list[str] = []
    for _, _, label in _label_spans(prepared):
        if label not in found:
            found.append(label)
    return found


def format_euros(value: float) -> str:
    """1234.5 -> "1 235 €" (rounded: the snapshot is rough on purpose)."""
    rounded = int(round(value))
    sign = "-" if rounded < 0 else ""
    digits = f"{abs(rounded):,}".replace(",", "\u202f")
    return f"{sign}{digits} €"
