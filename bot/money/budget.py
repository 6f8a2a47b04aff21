"""The rough monthly budget snapshot and what can be derived from it.

Every line may be unknown (skipped or not understood): figures are computed from what is
known, and the summary says what is missing rather than guessing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bot.configuration.ccas import National
from bot.reading.amounts import Answer, Kind, format_euros
from bot.wording.texts import text

# The questions of the snapshot, in the order they are asked, and the budget lines that an
# amount named in an answer belongs to (see bot.reading.amounts.LABELS).
GROUPS: dict[str, tuple[str, ...]] = {
    "income": ("salary", "pension", "benefits", "unemployment", "support_received"),
    "charges": ("rent", "energy", "water", "insurance", "phone", "transport", "childcare", "maintenance"),
    "loans": ("loans",),
    "arrears": ("taxes", "overdraft"),
}


# A detail that comes to at least this share of a total said before is that total broken down.
BREAKDOWN_SHARE = 0.8


def group_of(label: str | None) -> str | None:
    return next((group for group, labels in GROUPS.items() if label in labels), None)


class LineStatus(str, Enum):
    """What one question's answer came to. Kept in the slots as its value (a plain string)."""

    AMOUNT = "amount"
    ZERO = "zero"  # "non", "rien"
    SKIP = "skip"  # "passer", "je préfère ne pas dire"
    NOT_UNDERSTOOD = "not_understood"  # asked twice, still not read: left aside


@dataclass
class Line:
    """One question's answer: a total with its detail, or why it is missing."""

    status: str  # a LineStatus, or its value when read back from a slot
    total: float = 0.0
    approximate: bool = False
    detail: dict[str, float] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        return self.status in (LineStatus.AMOUNT, LineStatus.ZERO)

    def to_dict(self) -> dict[str, Any]:
        return {"status": LineStatus(self.status).value, "total": self.total, "approximate": self.approximate,
                "detail": dict(self.detail)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Line | None:
        if not data:
            return None
        return cls(status=data["status"], total=float(data.get("total", 0.0)),
                   approximate=bool(data.get("approximate")), detail=dict(data.get("detail") or {}))

    @classmethod
    def from_answer(cls, answer: Answer, group: str) -> Line:
        if answer.kind == Kind.ZERO:
            return cls(status=LineStatus.ZERO)
        if answer.kind == Kind.SKIP:
            return cls(status=LineStatus.SKIP)
        if answer.kind == Kind.UNKNOWN:
            return cls(status=LineStatus.NOT_UNDERSTOOD)
        detail: dict[str, float] = {}
        for amount in answer.amounts:
            # An amount without a line, or with another group's line, counts for this question;
            # except for arrears, where the bill named is what is late ("loyer 1300").
            key = amount.label if amount.label is not None and (
                group == "arrears" or group_of(amount.label) == group) else "other"
            detail[key] = round(detail.get(key, 0.0) + amount.monthly, 2)
        return cls(status=LineStatus.AMOUNT, total=answer.total,
                   approximate=any(a.approximate for a in answer.amounts), detail=detail)

    def corrected(self, label: str, monthly: float) -> Line:
        """This line with one budget line replaced: "non, mon loyer c'est 700"."""
        detail = dict(self.detail) if self.status == LineStatus.AMOUNT else {}
        if set(detail) == {"other"}:
            # The first answer was a total without detail: the correction replaces that part.
            detail = {}
        detail[label] = monthly
        return Line(status=LineStatus.AMOUNT, total=round(sum(detail.values()), 2),
                    approximate=self.approximate, detail=detail)


@dataclass
class Snapshot:
    adults: int | None = None
    children: int | None = None
    income: Line | None = None
    charges: Line | None = None
    loans: Line | None = None
    arrears: Line | None = None
    # Arrears said in months of a charge not known yet: {"rent": 2.0}.
    pending_months: dict[str, float] = field(default_factory=dict)
    # Arrears computed from months, with the monthly figure used: {"rent": [2.0, 700.0]}. A
    # correction of that charge later ("mon loyer c'est 720 pas 700") carries over to them.
    counted_months: dict[str, list[float]] = field(default_factory=dict)

    @property
    def persons(self) -> int | None:
        return None if self.adults is None else self.adults + (self.children or 0)

    def _total(self, line: Line | None) -> float | None:
        return line.total if line is not None and line.known else None

    @property
    def left_to_live(self) -> float | None:
        """Reste à vivre: income minus fixed charges minus repayments (unknown if income is)."""
        income = self._total(self.income)
        if income is None:
            return None
        return round(income - (self._total(self.charges) or 0.0) - (self._total(self.loans) or 0.0), 2)

    @property
    def debt_ratio(self) -> float | None:
        """Share of income going to loan repayments (taux d'endettement)."""
        income, loans = self._total(self.income), self._total(self.loans)
        if not income or loans is None:
            return None
        return round(loans / income, 3)

    @property
    def has_arrears(self) -> bool:
        arrears = self.arrears
        return arrears is not None and arrears.status == LineStatus.AMOUNT and arrears.total > 0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "adults": self.adults, "children": self.children,
            **{name: (line.to_dict() if line else None) for name, line in self._lines().items()},
        }
        if self.pending_months:
            data["pending_months"] = dict(self.pending_months)
        if self.counted_months:
            data["counted_months"] = {k: list(v) for k, v in self.counted_months.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Snapshot:
        data = data or {}
        return cls(adults=data.get("adults"), children=data.get("children"),
                   **{name: Line.from_dict(data.get(name)) for name in GROUPS},
                   pending_months=dict(data.get("pending_months") or {}),
                   counted_months={k: list(v) for k, v in (data.get("counted_months") or {}).items()})

    def _lines(self) -> dict[str, Line | None]:
        return {name: getattr(self, name) for name in GROUPS}


def rsa_floor(national: National, adults: int | None, children: int | None) -> float:
    """The RSA amount for this household (CASF R.262-1), from the configuration.

    It is the least that an over-indebtedness commission must leave a household each month
    (Code de la consommation L.731-2, R.731-1): +50 % for the second person, +30 % for each
    further one, +40 % for each child from the third.
    """
    adults = max(adults or 1, 1)
    children = max(children or 0, 0)
    share = 1.0
    for rank in range(2, adults + children + 1):
        child_rank = rank - adults  # 1 for the first child, 0 or less for an adult
        if rank == 2:
            share += national.rsa_second_person
        elif child_rank >= 3:
            share += national.rsa_from_third_child
        else:
            share += national.rsa_further_person
    return round(national.rsa_amount * share, 2)


def left_after_loans(snapshot: Snapshot) -> float | None:
    """What comes in minus loan repayments: the figure the law compares with the RSA floor
    (rent and bills are part of what the floor must cover, so they are not taken off)."""
    income = snapshot._total(snapshot.income)
    if income is None:
        return None
    return round(income - (snapshot._total(snapshot.loans) or 0.0), 2)


def floor_not_reached(snapshot: Snapshot, national: National) -> float | None:
    """The RSA floor for this household when repayments leave less than it, else None."""
    left = left_after_loans(snapshot)
    floor = rsa_floor(national, snapshot.adults, snapshot.children)
    return floor if left is not None and left < floor else None


def needs_help(snapshot: Snapshot, national: National) -> bool:
    left = snapshot.left_to_live
    return (floor_not_reached(snapshot, national) is not None or snapshot.has_arrears
            or (left is not None and left < 0))


def _line_text(key: str, line: Line | None) -> str:
    if line is None or line.status in (LineStatus.SKIP, LineStatus.NOT_UNDERSTOOD):
        return text(f"budget.summary.{key}_unknown")
    about = text("budget.summary.about") if line.approximate else ""
    return text(f"budget.summary.{key}", amount=f"{about}{format_euros(line.total)}")


def summary(snapshot: Snapshot, national: National) -> list[str]:
    """The snapshot in plain, warm French. Figures, never a verdict."""
    lines = [text("budget.summary.intro")]
    lines += [_line_text(key, getattr(snapshot, key)) for key in ("income", "charges", "loans")]
    left = snapshot.left_to_live
    if left is not None:
        # What is left is only as precise as the answers it comes from.
        rough = any(line is not None and line.approximate
                    for line in (snapshot.income, snapshot.charges, snapshot.loans))
        about = text("budget.summary.about") if rough and left >= 0 else ""
        lines.append(text("budget.summary.left" if left >= 0 else "budget.summary.left_negative",
                          amount=f"{about}{format_euros(abs(left))}"))
    ratio = snapshot.debt_ratio
    if ratio:
        lines.append(text("budget.summary.ratio", percent=round(ratio * 100)))
    if snapshot.has_arrears and snapshot.arrears is not None:
        lines.append(text("budget.summary.arrears", amount=format_euros(snapshot.arrears.total)))
    messages = ["\n".join(lines)]
    floor = floor_not_reached(snapshot, national)
    left = left_after_loans(snapshot)
    if floor is not None and left is not None:
        messages.append(text("budget.help.below_floor", floor=format_euros(floor),
                             left=format_euros(max(left, 0))))
    if needs_help(snapshot, national):
        messages.append(text("budget.help.solutions", bdf_phone=national.banque_de_france_phone,
                             bdf_hours=national.banque_de_france_hours))
    else:
        messages.append(text("budget.help.fine"))
    return messages


# --- Applying what a message says to the snapshot ------------------------------------------


@dataclass(frozen=True)
class Change:
    """One thing a message changed, to say back briefly: ("charges", "rent", 800.0)."""

    group: str
    label: str | None
    amount: float | None
    kind: str  # "set", "zero", "refused", "owed" (then `amount` counts months)


def apply_reading(
    snapshot: Snapshot, reading: Any, asked: str | None = None
) -> tuple[Snapshot, list[Change]]:
    """`snapshot` with what `reading` (bot.reading.budget_reading.BudgetReading) says, and the changes.

    Each message is applied once to the snapshot it comes after, so a correction repeated or
    replayed never counts twice: a line named again replaces its value, unless the person says
    it comes in addition ("j'ai oublié la mutuelle").
    """
    lines = {name: getattr(snapshot, name) for name in GROUPS}
    pending = dict(snapshot.pending_months)
    changes: list[Change] = []
    for group in GROUPS:
        figures = [f for f in reading.figures if f.group == group]
        current = lines[group]
        if figures:
            detail: dict[str, float] = {}
            for figure in figures:
                detail[figure.label] = round(detail.get(figure.label, 0.0) + figure.monthly, 2)
            approximate = any(f.approximate for f in figures)
            told_before = current is not None and current.status == LineStatus.AMOUNT and bool(
                set(current.detail) - {"other"})
            if current is None or current.status != LineStatus.AMOUNT or (
                    group == asked and (not told_before or "other" in detail)):
                merged = detail
            elif group == asked:
                # "loyer 650" said first, then "élec 95, eau 35" at the charges question: the
                # answer gives the rest, a line named again replaces its figure.
                merged = {**current.detail, **detail}
            else:
                merged = dict(current.detail)
                if set(merged) == {"other"} and "other" not in detail and not reading.addition and (
                        reading.correction or sum(detail.values()) >= BREAKDOWN_SHARE * merged["other"]):
                    # A total given first, then its detail: the detail replaces it. A smaller
                    # figure ("il a sa petite retraite 900" after "1100 et moi 1380") adds to it.
                    merged = {}
                for label, value in detail.items():
                    if reading.addition and label in merged and not reading.correction:
                        merged[label] = round(merged[label] + value, 2)
                    else:
                        merged[label] = value
                approximate = approximate or current.approximate
            lines[group] = Line(status=LineStatus.AMOUNT, total=round(sum(merged.values()), 2),
                                approximate=approximate, detail=merged)
            changes += [Change(group, label, value, "set") for label, value in detail.items()]
        elif group in reading.none:
            if current is None or not current.known or group == asked or reading.correction:
                lines[group] = Line(status=LineStatus.ZERO)
                changes.append(Change(group, None, 0.0, "zero"))
        elif group in reading.refused:
            if current is None or not current.known or group == asked:
                lines[group] = Line(status=LineStatus.SKIP)
                changes.append(Change(group, None, None, "refused"))
    if reading.bills_late and (lines["arrears"] is None or not lines["arrears"].known):
        lines["arrears"] = Line(status=LineStatus.SKIP, detail={label: 0.0 for label in reading.bills_late})
    for owed in reading.owed_months:
        pending[owed.label] = owed.months
        changes.append(Change("arrears", owed.label, owed.months, "owed"))
    counted = {k: v for k, v in snapshot.counted_months.items()
               if not any(f.group == "arrears" and f.label == k for f in reading.figures)}
    updated = Snapshot(adults=snapshot.adults, children=snapshot.children, **lines, pending_months=pending,
                       counted_months=counted)
    return resolve_pending(updated), changes


def resolve_pending(snapshot: Snapshot) -> Snapshot:
    """Arrears counted in months become euros once the charge is known ("2 mois de loyer"),
    and follow that charge when it is put right later."""
    if not snapshot.pending_months and not snapshot.counted_months:
        return snapshot
    pending = dict(snapshot.pending_months)
    counted = {k: list(v) for k, v in snapshot.counted_months.items()}
    arrears = snapshot.arrears
    kept = arrears is not None and arrears.status in (LineStatus.AMOUNT, LineStatus.SKIP)
    detail = dict(arrears.detail) if arrears is not None and kept else {}
    detail = {k: v for k, v in detail.items() if v}  # bills named without amount are replaced
    changed = False
    for label, (months, used) in list(counted.items()):
        unit = _charge_value(snapshot, label)
        if detail.get(label) != round(months * used, 2):
            del counted[label]  # the arrears of that line were given or changed since
        elif unit is not None and unit != used:
            detail[label] = round(months * unit, 2)
            counted[label] = [months, unit]
            changed = True
    for label, months in list(pending.items()):
        unit = _charge_value(snapshot, label)
        if unit is None:
            continue
        detail[label] = round(months * unit, 2)
        counted[label] = [months, unit]
        del pending[label]
        changed = True
    if not changed:
        return Snapshot(adults=snapshot.adults, children=snapshot.children, income=snapshot.income,
                        charges=snapshot.charges, loans=snapshot.loans, arrears=snapshot.arrears,
                        pending_months=pending, counted_months=counted)
    arrears = Line(status=LineStatus.AMOUNT, total=round(sum(detail.values()), 2), approximate=True,
                   detail=detail)
    return Snapshot(adults=snapshot.adults, children=snapshot.children, income=snapshot.income,
                    charges=snapshot.charges, loans=snapshot.loans, arrears=arrears, pending_months=pending,
                    counted_months=counted)


def _charge_value(snapshot: Snapshot, label: str) -> float | None:
    for line in (snapshot.charges, snapshot.loans):
        if line is not None and line.status == LineStatus.AMOUNT and line.detail.get(label):
            return line.detail[label]
    loans = snapshot.loans
    if label == "loans" and loans is not None and loans.status == LineStatus.AMOUNT \
            and len(loans.detail) == 1:
        return loans.total
    return None


def with_household(snapshot: Snapshot, adults: int | None, children: int | None) -> Snapshot:
    return Snapshot(
        adults=snapshot.adults if adults is None else adults,
        children=snapshot.children if children is None else children,
        income=snapshot.income, charges=snapshot.charges, loans=snapshot.loans,
        arrears=snapshot.arrears, pending_months=dict(snapshot.pending_months),
        counted_months={k: list(v) for k, v in snapshot.counted_months.items()},
    )
