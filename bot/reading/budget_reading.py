"""Budget facts in any message, whatever the assistant had asked: "on est 3, je touche 1500 +
400 de CAF, loyer 800, un crédit de 200", "ah et j'ai 2 mois de loyer de retard", "pas de
crédit", "un crédit mais je vous dirai pas combien".

Each amount is given its question (income, charges, loans, arrears) from the budget line named
next to it and from the words of its clause ("je touche", "de retard"); an amount that names
nothing belongs to the question being asked, if any, and is otherwise left aside rather than
guessed. Arrears counted in months of a charge ("2 mois de loyer") are kept as months until the
charge is known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.money.budget import group_of
from bot.reading.amounts import (
    _SKIP,
    Amount,
    _period_factor,
    _prepare,
    _split_keeping_ranges,
    _words_to_digits,
    labels_in,
    parse_amounts,
)
from bot.reading.household import read_household

GROUP_ORDER = ("income", "charges", "loans", "arrears")

# Lines that say little about their question: at the loans question "la voiture 320" is a car
# loan, at the charges question "assurance 30" is a charge. They follow the question asked.
_WEAK_LABELS = {"transport", "insurance", "phone"}

_ARREARS_CUE = re.compile(
    r"\b(?:retards?|en retard|impayes?|impayees?|arrieres?|arrieree?s?|dettes?|je dois|on doit|"
    r"nous devons|il me reste a payer|reste a payer|pas paye|pas payee?s?|pas pu payer|pas pu le payer|"
    r"pas regle|pas reglee?s?|de retard|a regulariser|relances?|en souffrance|je leur dois|je lui dois|"
    r"on leur doit|on lui doit|doit encore|dois encore|rattrapage|rappel|pas rembourse|pas remboursee?s?|"
    r"reclament|reclame|me reclament|somme due|saisie|recouvrement|huissier|commissaire de justice)\b"
    # "une facture d'eau de 400 que je peux pas payer": a bill that is due and will not be paid.
    r"|\b(?:peux|peut|pouvons|pourrai|pourrais|pourra|arrive|arrivons|arrivent) (?:pas|plus) (?:a )?"
    r"(?:la |le |les |l )?(?:payer|regler)\b|\bpas les moyens de (?:la |le |les |l )?(?:payer|regler)\b"
    r"|\bimpossible (?:de|a) (?:la |le |les |l )?(?:payer|regler)\b"
)
_INCOME_CUE = re.compile(
    r"\b(?:jtouche|j touche|jgagne|j gagne|"
    r"je touche|on touche|il touche|elle touche|je gagne|on gagne|il gagne|elle gagne|je percois|"
    r"je degage|on degage|je me verse|je me paie|je me paye|benefices?|"
    r"on percoit|je recois|on recoit|revenus?|rentre|rentrent|je suis paye|je suis payee|ma paie|"
    r"ma paye|net|salaires?|par mois pour vivre|pour moi|pour ma femme|pour mon mari|pour lui|pour elle|"
    r"mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|ma compagne)\b"
)
# "moi 1650, lui 1300": what each adult earns.
_EACH_EARNS = re.compile(r"\b(?:moi|lui|elle|mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|"
                         r"ma compagne|monsieur|madame)\s*(?::|=)?\s*\d")
_LOAN_CUE = re.compile(r"\b(?:je rembourse|on rembourse|remboursements?|mensualites?)\b")
_CHARGE_CUE = re.compile(r"\b(?:je paie|je paye|on paie|on paye|charges?|factures?)\b")

_NONE_OF = {
    "loans": re.compile(
        r"\b(?:pas|aucun|plus|zero|0|jamais) (?:encore |vraiment |du tout )?(?:de |d )?"
        r"(?:credits?|prets?|emprunts?|mensualites?)\b|"
        r"\bsans (?:credits?|prets?)\b|\b(?:credits?|prets?) (?:aucun|zero|non|rien|0)\b|"
        r"\baucun (?:credit|pret)\b|"
        # "pour les crédits j'en ai pas", "des crédits, on en a aucun"
        r"\b(?:credits?|prets?|emprunts?)\b.{0,12}\b(?:j en ai|on en a|nous en avons|y en a|il y en a) "
        r"(?:pas|aucun|plus|jamais|zero)\b"),
    "arrears": re.compile(
        r"\b(?:pas|aucun|aucune|zero|0) (?:encore |vraiment |du tout )?(?:de |d )?"
        r"(?:retards?|impayes?|dettes?|arrieres?)\b|"
        r"\brien (?:en|de) retard\b|\bpas en retard\b|\bjamais en retard\b|\bsans (?:retard|dette)s?\b|"
        r"\b(?:a|suis|sommes|est) a jour\b|\btout est paye\b|\bpas de decouvert\b"),
    "charges": re.compile(r"\b(?:pas de|aucun|aucune) (?:loyer|charges?)\b|"
                          r"\bje (?:ne )?paie (?:pas|aucun) de loyer\b"),
    "income": re.compile(r"\b(?:aucun|pas de|plus de|zero) (?:revenus?|salaire|ressources?)\b|"
                         r"\bje (?:ne )?touche (?:plus )?rien\b|\bon (?:ne )?touche rien\b"),
}
_REFUSED = re.compile(
    r"\b(?:je (?:ne )?(?:vous )?(?:le )?dirai pas|je (?:ne )?(?:vous )?(?:le )?dis pas|"
    r"pas combien|ca vous regarde pas|ca ne vous regarde pas|prefere (?:ne )?pas (?:le )?dire|"
    r"(?:veux|souhaite) pas (?:le )?dire|garde ca pour moi|pas envie de (?:le )?dire|"
    r"je sais (?:pas|plus) combien|je ne sais (?:pas|plus) combien|aucune idee)\b"
)
_COUNTED = (
    r"(\d{1,2}(?:[.,]5)?) (?:mois|loyers?|mensualites?|echeances?|factures?|termes?|trimestres?)"
)
_SMALL_WORDS = {"un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6"}
_CORRECTION = re.compile(
    r"^(?:non|nan|en fait|enfaite|pardon|correction|plutot|finalement|attention|oups|ah non|euh non)\b"
    r"|\bje me suis trompee?\b|\bpas \d+ mais\b|\bcorrig|\bje voulais dire\b|\bplutot\b|\ben fait\b|"
    r"\bc est pas\b|\bce n est pas\b|\bmaintenant c est\b|\ba augmente\b|\bpasse a\b"
    # "c'est 720 pas 700", "720 et non 700": the figure said before, put right.
    r"|\b\d+(?: ?(?:e|eur|euros?|€))? (?:et |mais )?(?:pas|non|non pas) \d+\b"
)
_STATEMENT = re.compile(
    r"\bc (?=\d)|\b(?:charges comprises|cc|c est|c etait|est de|est a|en fait|plutot|pas \d+ mais|coute|"
    r"me coute|je paie|je paye)\b")
_SAID_BEFORE = re.compile(
    r"\b(?:j ai dit|j avais dit|je vous ai dit|j ai mis|j avais mis|j ai ecrit|j avais ecrit) "
    r"(?:environ |genre |dans les )?\d[\d ]*(?:[.,]\d+)?(?: ?(?:euros?|eur|e))?(?: pour \w+)?"
    r"(?: (?:mais|en fait|or))?")
# "mon ex verse 300 de pension alimentaire": a maintenance payment received is income.
_RECEIVED = re.compile(
    r"\b(?:je touche|on touche|je recois|on recoit|je percois|(?:me|nous|m) (?:verse|versent|donne|donnent|"
    r"paie|paye|vire)|(?:mon ex|ex mari|ex femme|le pere|la mere|son pere|leur pere|leur mere|sa mere) "
    r"(?:me |nous )?(?:verse|donne|paie|paye|vire)|versee? par|recue?s?)\b")
# "avant c'était 2000": a past figure, not this month's.
_PAST = re.compile(
    r"\b(?:avant c etait|avant j avais|avant je (?:touchais|gagnais|payais|avais)|avant on|auparavant|"
    r"a l epoque|dans le temps|l an dernier|l annee derniere|il y a \d+ (?:mois|ans)|"
    r"avant (?:mon|ma|le|la) (?:licenciement|separation|divorce|deces|arret|maladie|chomage))\b")
# "taxe foncière 1100 par an": a yearly or quarterly bill, spread over the months.
_SPREAD = re.compile(r"\b(?:par an|l an|par annee|a l annee|annuel\w*|par trimestre|trimestriel\w*|"
                     r"tous les (?:2|3|6|deux|trois|six) mois|par semestre|semestriel\w*)\b")
# "l'an dernier j'ai dégagé 16 000": a year's income, the best estimate of a month for the
# self-employed; not a past figure to leave aside.
_LAST_YEAR = re.compile(r"\b(?:l an dernier|l annee derniere|l an passe|l annee passee|sur l annee|sur un an|"
                        r"sur l an|en 20\d\d)\b")
YEARLY_FROM = 6000  # a figure this large, said of a year, is that year's total
# A yearly tax named as unpaid, without its amount.
_YEARLY_TAX_UNPAID = re.compile(
    r"\b(?:taxe fonciere|taxe d habitation|impots? locaux|impots? fonciers?)\b(?!.*\d).{0,60}"
    r"\b(?:pas (?:pu )?(?:la |le |les )?(?:payee?s?|reglee?s?|regler|payer)|impayee?s?|en retard|"
    r"pas encore payee?s?)\b")
# "la régul de 600 va arriver": a bill to come is not late yet, nor a monthly charge.
_FUTURE = re.compile(r"\b(?:va|vont) (?:arriver|tomber)\b|\ba venir\b|\bprochainement\b|\ble mois prochain\b|"
                     r"\bva falloir (?:la |le |les )?payer\b")
# "2 pensions de 180 chacune": the amount is each one's.
_EACH = re.compile(r"\b(\d) (?:\w+ ){1,3}(?:de |d |a )?(?:environ |dans les )?\d+(?:[.,]\d+)? "
                   r"?(?:e|eur|euros?|€)? (?:chacune?|chaque|par (?:enfant|personne|tete|mois chacune?))\b"
                   # "des factures en retard ? j'en ai 2 de 140": two of them, 140 each.
                   r"|\b(?:j en ai|on en a|il y en a|y en a|j ai) (\d) (?:de|a|d) (?:environ |dans les )?\d")
# Words that put a bare amount under a question, for "je touche 1400 et 300".
_GROUP_CUE = {"income": "je touche", "charges": "je paie", "loans": "je rembourse", "arrears": "en retard"}
# A clause that is an amount and nothing else: "130", "environ 95 €".
_BARE_AMOUNT = re.compile(r"(?:environ |a peu pres |dans les |genre )?\d+(?:[.,]\d+)? ?(?:e|eur|euros?|€)?")
_ADDITION = re.compile(r"\b(?:oublie|j ai oublie|aussi|en plus|rajoute|ajoute|il y a aussi|y a aussi)\b")


SMALL_COUNT = 10
# One keyword per line, to carry a line named in one clause over to the amount in the next.
_KEYWORD_OF = {"rent": "loyer", "energy": "electricite", "water": "eau", "insurance": "assurance",
               "phone": "telephone", "transport": "transport", "childcare": "garde", "loans": "credit",
               "taxes": "impots", "overdraft": "decouvert", "salary": "salaire", "pension": "retraite",
               "benefits": "caf", "unemployment": "chomage", "maintenance": "pension alimentaire"}


@dataclass(frozen=True)
class Figure:
    group: str
    label: str  # the detail key: "rent", "salary"... or "other"
    monthly: float
    approximate: bool


@dataclass(frozen=True)
class OwedMonths:
    """Arrears counted in periods of a charge not yet known: "2 mois de loyer"."""

    label: str
    months: float


@dataclass(frozen=True)
class BudgetReading:
    figures: tuple[Figure, ...] = ()
    owed_months: tuple[OwedMonths, ...] = ()
    none: frozenset[str] = frozenset()  # questions answered "nothing": "pas de crédit"
    refused: frozenset[str] = frozenset()  # questions the person keeps for themselves
    bills_late: tuple[str, ...] = ()  # lines late without an amount: "le loyer et l'électricité"
    correction: bool = False
    addition: bool = False
    unplaced: tuple[Amount, ...] = field(default=())  # amounts that name no question

    @property
    def groups(self) -> set[str]:
        return ({f.group for f in self.figures} | set(self.none) | set(self.refused)
                | ({"arrears"} if self.owed_months or self.bills_late else set()))

    @property
    def empty(self) -> bool:
        return not self.groups


def _plain(text: str) -> str:
    prepared = _prepare(text)
    # "deux mois de loyer": small counts before a period, which text2num leaves in words.
    return re.sub(
        r"\b(un|une|deux|trois|quatre|cinq|six)"
        r"(?= (?:mois|loyers?|mensualites?|echeances?|factures?|trimestres?)\b)",
        lambda m: _SMALL_WORDS[m.group(1)], prepared)


# A clause that says its own question: "on va me couper le gaz. je touche 1300 par mois" is the
# income, whatever line was named before it.
_EARNING = re.compile(r"\b(?:j ?touche|j ?gagne|je touche|on touche|je gagne|on gagne|je percois|on percoit|"
                      r"je recois|on recoit|salaires?|revenus?|ma paie|ma paye)\b")


def _question_said(clause: str) -> str | None:
    if _EARNING.search(clause):
        return "income"
    if _LOAN_CUE.search(clause):
        return "loans"
    return None


def read_budget(text: str, asked: str | None = None, known: frozenset[str] = frozenset(),
                previous: str = "") -> BudgetReading:
    """The budget facts of `text`; `asked` is the question being answered (a group), if any;
    `known` the questions whose answer is already known; `previous` the person's message
    before, for "j'ai du retard sur edf et sfr" then "edf 210 et sfr 90"."""
    plain = _plain(text)
    if _SAID_BEFORE.search(plain):
        # "j'ai dit 1300 mais c'est plutôt 1550": the figure said before is not a new one.
        plain = _SAID_BEFORE.sub(" plutot ", plain)
    before = _plain(previous) if previous else ""
    late_lines = set(labels_in(before)) if (
        before and _ARREARS_CUE.search(before) and not parse_amounts(before)) else set()
    if late_lines and re.search(_COUNTED, before):
        # "je dois 3 mois de loyer" then "le loyer c'est 640": the months are counted, the
        # figure is the monthly rent they are counted in.
        late_lines = set()
    correction = bool(_CORRECTION.search(plain))
    addition = bool(_ADDITION.search(plain))
    clauses = _split_keeping_ranges(_words_to_digits(plain))
    cue_clauses = [c for c in clauses if _CORRECTION.search(c)] if correction else []
    if cue_clauses and all(_about_household(c) and not parse_amounts(c) for c in cue_clauses):
        # "ah non en fait on est 3, son père vit avec nous, il a sa retraite 900": the household
        # is put right, the amount is a new one.
        correction = False
    message_is_arrears = asked == "arrears" or bool(_ARREARS_CUE.search(plain))
    # Lines with a clear question in the whole message: a weak line goes with them ("eau 35,
    # assurance 85" at the loans question are charges).
    strong_groups = {group_of(label) for label in labels_in(plain) if label not in _WEAK_LABELS}
    # "un souci de loyer, j'ai 2 mois de retard": months late of the one line the message names.
    owable = {label for label in labels_in(plain) if group_of(label) in ("charges", "loans")}
    only_line = next(iter(owable)) if len(owable) == 1 else None

    figures: list[Figure] = []
    owed: list[OwedMonths] = []
    unplaced: list[Amount] = []
    none: set[str] = set()
    refused: set[str] = set()
    pending_label: str | None = None
    pending_late = False
    listed_label: str | None = None
    listed_late = False
    listed_group: str | None = None
    owed_clause = -1
    # Read once per clause: this runs on every message.
    read = [parse_amounts(clause) for clause in clauses]
    # "des crédits, 3 ou 4, au moins 500 par mois": beside a real amount, a small bare number
    # counts things, it is no amount.
    big_elsewhere = any(a.monthly >= SMALL_COUNT for amounts in read for a in amounts)

    def counted_as_money(amounts: list[Amount]) -> list[Amount]:
        return [a for a in amounts if a.monthly >= SMALL_COUNT] if big_elsewhere else amounts

    for index, clause in enumerate(clauses):
        amounts = counted_as_money(read[index])
        names_a_line = bool(labels_in(clause))
        carried: tuple[str, bool] | None = None
        if pending_label and amounts and not names_a_line \
                and _question_said(clause) in (None, group_of(pending_label)):
            # "juste le découvert, il tourne autour de 700": the line named just before, late
            # if it was said to be ("la MSA en retard, 1 100").
            carried = (pending_label, pending_late)
        elif (listed_label or listed_group) and amounts and _BARE_AMOUNT.fullmatch(clause):
            # "2 factures GEG en retard, 95 et 130": the second is of the same line, as late;
            # "je touche 1400 et 300": of the same question.
            carried = (listed_label or _GROUP_CUE[str(listed_group)], listed_late)
        if carried is not None:
            lead, late = carried
            clause = f"{lead} {clause}" + (" en retard" if late else "")
            amounts = counted_as_money(parse_amounts(clause))
        figures_before = len(figures)
        named = labels_in(clause)
        listed_label = _KEYWORD_OF.get(named[-1]) if amounts and named else None
        listed_late = bool(listed_label) and bool(_ARREARS_CUE.search(clause))
        listed_group = None
        if amounts:
            pending_label = None
        elif named:
            pending_label = _KEYWORD_OF.get(named[-1])
        # else: "des crédits, 3 ou 4, je sais plus, 500 en tout": the line named stays pending
        pending_late = bool(pending_label) and bool(_ARREARS_CUE.search(clause))
        counted = _counted_arrears(clause, asked, message_is_arrears, only_line)
        if counted is not None:
            for fact in counted if isinstance(counted, list) else [counted]:
                if isinstance(fact, Figure):
                    figures.append(fact)
                else:
                    owed.append(fact)
                    owed_clause = index
            continue
        if _LAST_YEAR.search(clause) and amounts and all(a.monthly >= YEARLY_FROM for a in amounts):
            amounts = [Amount(monthly=round(a.monthly / 12, 2), low=round(a.low / 12, 2),
                              high=round(a.high / 12, 2), approximate=True, label=a.label,
                              currency=a.currency) for a in amounts]
        elif _PAST.search(clause) or _FUTURE.search(clause):
            amounts = []  # what the clause says of nothing or a refusal still counts
        each = _EACH.search(clause)
        count = int(each.group(1) or each.group(2)) if each else 0
        if each and len(amounts) == 1 and count > 1:
            one = amounts[0]
            amounts = [Amount(monthly=round(one.monthly * count, 2), low=one.low, high=one.high,
                              approximate=one.approximate, label=one.label, currency=one.currency)]
        owed_before = bool(owed) and index > 0 and owed_clause == index - 1
        for amount in amounts:
            if amount.monthly < 10 and not amount.currency and asked is None:
                continue  # "il fait 2 degrés", "mes 2 garçons": not euros
            if owed_before and names_a_line and amount.label == owed[-1].label \
                    and group_of(amount.label) == "charges":
                # "2 mois de loyer de retard, loyer 700": the line named again is its monthly amount.
                figures.append(Figure("charges", amount.label, amount.monthly, amount.approximate))
                owed_before = False
                continue
            if owed_before and amount.label in (None, owed[-1].label):
                # "électricité 2 mois, environ 160": the amount is what those months come to.
                last = owed.pop()
                figures.append(Figure("arrears", last.label, amount.monthly, True))
                owed_before = False
                continue
            group = _group_of(amount, clause, asked, plain, strong_groups, known)
            if amount.label in late_lines and group in ("charges", "loans") and not _STATEMENT.search(clause):
                group = "arrears"  # the lines said to be late just before
            if group is None and amount.label is None and len(late_lines) == 1:
                # "mes factures d'eau en retard" then "j'en ai 2 de 140": those bills.
                figures.append(Figure("arrears", next(iter(late_lines)), amount.monthly, amount.approximate))
                continue
            if group is None:
                unplaced.append(amount)
                continue
            if amount.label == "maintenance" and group in ("charges", "income") and _RECEIVED.search(clause):
                figures.append(Figure("income", "support_received", amount.monthly, amount.approximate))
                continue
            if amount.label == "taxes" and _SPREAD.search(clause):
                spread = _SPREAD.search(clause)
                factor = _period_factor(" " + spread.group(0)) if spread else 1.0
                # A yearly tax is a charge by the month; unpaid, the whole of it is owed.
                figures.append(Figure("charges", "taxes", amount.monthly, True))
                unpaid = _ARREARS_CUE.search(clause) or (
                    _ARREARS_CUE.search(plain) and not _NONE_OF["arrears"].search(plain))
                if unpaid and factor < 1:
                    owed_whole = float(round(amount.monthly / factor))
                    figures.append(Figure("arrears", "taxes", owed_whole, True))
                continue
            own_line = amount.label and (group == "arrears" or group_of(amount.label) == group)
            label = amount.label if own_line and amount.label else "other"
            if group == "loans" or (group == "arrears" and label == "loans"):
                label = lender_in(clause) or label
            figures.append(Figure(group, label, amount.monthly, amount.approximate))
        added = {f.group for f in figures[figures_before:]}
        listed_group = next(iter(added)) if len(added) == 1 else None
        for group, pattern in _NONE_OF.items():
            if pattern.search(clause) and not any(f.group == group for f in figures):
                none.add(group)
        if _REFUSED.search(clause) or (asked and _SKIP.search(clause) and not amounts):
            group = _refused_group(clause, clauses[index - 1] if index else "", asked)
            if group:
                refused.add(group)
    if not any(f.group == "arrears" for f in figures) and _YEARLY_TAX_UNPAID.search(plain):
        # "sauf la taxe foncière de cette année, pas pu la régler": a year of that tax is owed,
        # counted from its monthly share once it is known.
        owed.append(OwedMonths("taxes", 12.0))
        none.discard("arrears")
    bills_late: tuple[str, ...] = ()
    if asked == "arrears" and not figures and not owed and "arrears" not in none | refused:
        bills_late = tuple(labels_in(text))
    # A question the person answered "nothing" to, and also gave an amount for, has an amount.
    none -= {f.group for f in figures}
    refused -= {f.group for f in figures} | none
    return BudgetReading(
        figures=tuple(figures), owed_months=tuple(owed), none=frozenset(none),
        refused=frozenset(refused), bills_late=bills_late, correction=correction,
        addition=addition, unplaced=tuple(unplaced),
    )


def _about_household(clause: str) -> bool:
    """Whether a clause speaks of who lives at home ("on est 3", "2 adultes")."""
    return read_household(clause) != (None, None) or bool(re.search(
        r"\b(?:on est|nous sommes|on vit a|adultes?|enfants?|vit avec nous|vit chez nous)\b", clause))


def _group_of(amount: Amount, clause: str, asked: str | None, message: str,
              strong_groups: set[str | None], known: frozenset[str]) -> str | None:
    label_group = group_of(amount.label)
    if _ARREARS_CUE.search(clause) or (label_group == "arrears"):
        return "arrears"
    if asked == "arrears" and label_group in ("charges", "loans", None):
        if label_group and _STATEMENT.search(clause):
            return label_group  # "non, mon loyer c'est 700 en fait": the charge itself, corrected
        if label_group and label_group not in known:
            return label_group  # "un crédit auto de 240" while the loans were never given
        return "arrears"  # "loyer 1300" at the arrears question: the rent that is late
    if label_group is not None:
        weak = amount.label in _WEAK_LABELS and label_group not in strong_groups
        if asked and asked != label_group and weak:
            return asked
        return label_group
    if _LOAN_CUE.search(clause):
        return "loans"
    if _EACH_EARNS.search(clause) and "income" not in known:
        return "income"
    if asked:
        return asked
    if _INCOME_CUE.search(clause):
        return "income"
    if _ARREARS_CUE.search(message):
        return "arrears"  # "j'ai 3 factures de retard, à peu près 480 en tout"
    if _CHARGE_CUE.search(clause):
        return "charges"
    return None


def _counted_arrears(clause: str, asked: str | None, message_is_arrears: bool,
                     only_line: str | None = None) -> Figure | OwedMonths | list[Figure | OwedMonths] | None:
    """"2 mois de loyer", "3 mois d'électricité à 80", "2 mensualités cofidis de retard";
    `only_line` is the one charge the whole message names, for "2 mois de retard" alone."""
    if not message_is_arrears or re.search(r"\b(?:depuis|ca fait|il y a|pendant|dans|sous) \d", clause):
        return None
    match = re.search(_COUNTED, clause)
    if not match:
        return None
    months = float(match.group(1).replace(",", "."))
    if months <= 0 or months > 36:
        return None
    unit_word = clause[match.start():match.end()].split()[-1]
    if unit_word.startswith("trimestre"):
        months *= 3
    rest = clause[match.end():]
    labels = labels_in(clause[match.start():]) or labels_in(clause)
    label = next((lbl for lbl in labels if group_of(lbl) in ("charges", "loans")), None)
    if label is None and unit_word.startswith(("loyer",)):
        label = "rent"
    if label is None and unit_word.startswith(("mensualite", "echeance")):
        label = "loans"
    if label is None and unit_word == "mois" and re.search(r"\b(?:de )?retards?\b|\bimpayes?\b", rest):
        label = only_line
    if label == "loans":
        label = lender_in(clause) or label
    amounts = parse_amounts(rest)
    if amounts:
        # "à 80" / "de 80 chacune" is one period; "soit 1800" is the total.
        per_period = re.search(r"\b(?:a|de|d|par mois)\s*(?:environ |a peu pres |autour de |dans les )?\d|"
                               r"\bchacune?\b|\bchaque\b|\bpar facture\b|\bl une\b|\bpiece\b", rest)
        total = re.search(r"\b(?:soit|donc|ca fait|total|en tout|au total)\b", rest)
        if label is not None and group_of(label) == "charges" and amounts[0].label == label \
                and not per_period and not total:
            # "2 mois de loyer (loyer 820)": the amount is the line itself, by the month.
            return [OwedMonths(label, months),
                    Figure("charges", label, amounts[0].monthly, amounts[0].approximate)]
        unit = per_period and not total
        value = amounts[0].monthly * (months if unit else 1)
        return Figure("arrears", label or "other", round(value, 2), True)
    if label is None:
        return None
    return OwedMonths(label, months)


def _refused_group(clause: str, previous: str, asked: str | None) -> str | None:
    """Which question a refusal is about: the line named in it or just before, else the one
    asked ("un crédit, mais je vous dirai pas combien")."""
    for text in (clause, previous):
        labels = labels_in(text)
        if labels:
            return group_of(labels[0])
    return asked


LENDERS = ("cofidis", "cetelem", "sofinco", "oney", "floa", "franfinance", "younited", "carrefour banque")


def lender_in(clause: str) -> str | None:
    """A consumer-credit lender named in the clause: each loan gets its own line."""
    return next((name for name in LENDERS if re.search(rf"\b{name}\b", clause)), None)


def is_correction(text: str) -> bool:
    return bool(_CORRECTION.search(_plain(text)))
