"""What the assistant says back when a message gives budget figures: short, in the person's
order, so that they see what was understood and can correct it."""
from __future__ import annotations

from bot.money.budget import GROUPS, Change, LineStatus, Snapshot
from bot.reading.amounts import format_euros
from bot.reading.budget_reading import LENDERS
from bot.wording.formats import join_fr
from bot.wording.texts import text


def _line_words(group: str, label: str | None) -> str:
    if label in LENDERS:
        return text("budget.of_lines.lender", name=label.title())
    if label is None or label == "other":
        return text(f"budget.of_lines.other.{group}")
    return text(f"budget.of_lines.{label}")


def _months(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def change_items(changes: list[Change]) -> list[str]:
    items: list[str] = []
    for change in changes:
        if change.kind == "zero":
            items.append(text(f"budget.zero.{change.group}"))
        elif change.kind == "owed":
            items.append(text("budget.item_months", months=_months(change.amount or 0),
                              line=_line_words("charges", change.label)))
        elif change.kind == "set" and change.amount is not None:
            late = change.group == "arrears" and change.label != "overdraft"
            if late and change.label in (None, "other"):
                items.append(text("budget.item_late_other", amount=format_euros(change.amount)))
                continue
            items.append(text("budget.item_late" if late else "budget.item",
                              amount=format_euros(change.amount),
                              line=_line_words(change.group, change.label)))
    return items


def household_items(adults: int | None, children: int | None) -> list[str]:
    items = []
    if adults is not None:
        items.append(text("budget.household_items.one_adult") if adults == 1
                     else text("budget.household_items.adults", count=adults))
    if children is not None:
        if children == 0:
            items.append(text("budget.household_items.no_children"))
        elif children == 1:
            items.append(text("budget.household_items.one_child"))
        else:
            items.append(text("budget.household_items.children", count=children))
    return items



def noted(items: list[str], corrected: bool) -> str:
    return text("budget.noted_corrected" if corrected else "budget.noted", items=join_fr(items))


def refused(group: str) -> str:
    return text("budget.refused", line=text(f"budget.group_names.{group}"))


def known_items(snapshot: Snapshot) -> list[str]:
    """What is already known, for the start of the budget questions."""
    items = household_items(snapshot.adults, snapshot.children)
    for group in GROUPS:
        line = getattr(snapshot, group)
        if line is None:
            continue
        if line.status == LineStatus.ZERO:
            items.append(text(f"budget.zero.{group}"))
        elif line.status == LineStatus.AMOUNT:
            changes = [Change(group, label, value, "set") for label, value in line.detail.items()]
            items += change_items(changes)
    return items
