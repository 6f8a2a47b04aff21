"""The budget snapshot as a bar picture on the handover page: what comes in, the fixed
charges, the repayments, what is left, the arrears. Drawn on the server as SVG (no script),
with a title and a description for screen readers; the table beside it says the same in words.

Only lines the person gave are drawn; a line not given is named as such, never drawn as 0."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from bot.money.budget import LineStatus
from bot.reading.amounts import format_euros
from bot.wording.texts import counsellor_text

WIDTH = 640
ROW = 34
BAR = 20
LABEL_WIDTH = 190
VALUE_WIDTH = 120
# Colours readable in print and by people who do not tell red from green: each bar is also
# named, and a negative "left" is drawn to the left of the zero line.
COLOURS = {"income": "#1d6b3a", "charges": "#5a5a8a", "loans": "#8a5a1d", "left": "#1d4f6b",
           "left_negative": "#a3122a", "arrears": "#a3122a"}


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    amount: float | None  # None: not given
    period: str


def bars(snapshot: dict[str, Any]) -> list[Bar]:
    """The bars, in reading order: in, out (charges, repayments), left, and what is late."""
    def amount(key: str) -> float | None:
        line = snapshot.get(key)
        if not line or line.get("status") in (LineStatus.SKIP, LineStatus.NOT_UNDERSTOOD):
            return None
        return 0.0 if line.get("status") == LineStatus.ZERO else float(line.get("total") or 0.0)

    def say(key: str) -> str:
        return counsellor_text(f"budget_picture.{key}")

    return [
        Bar("income", say("income"), amount("income"), say("monthly")),
        Bar("charges", say("charges"), amount("charges"), say("monthly")),
        Bar("loans", say("loans"), amount("loans"), say("monthly")),
        Bar("left", say("left"), snapshot.get("left_to_live"), say("monthly")),
        Bar("arrears", say("arrears"), amount("arrears"), ""),  # "(en tout)" is in its label
    ]


def svg(snapshot: dict[str, Any], picture_id: str = "budget-picture") -> str:
    """The picture, as SVG markup safe to put in a page (every text is escaped)."""
    drawn = bars(snapshot)
    known = [b.amount for b in drawn if b.amount is not None]
    scale_max = max([abs(a) for a in known] + [1.0])
    negative = any(a < 0 for a in known)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    # With a negative "left", a quarter of the plot lies left of the zero line.
    zero = LABEL_WIDTH + (plot // 4 if negative else 0)
    span = (WIDTH - VALUE_WIDTH - zero)
    height = ROW * len(drawn) + 10
    title = escape(counsellor_text("budget_picture.title"))
    described = "; ".join(_words(b) for b in drawn)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="budget-picture" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{picture_id}-title {picture_id}-desc">',
        f'<title id="{picture_id}-title">{title}</title>',
        f'<desc id="{picture_id}-desc">{escape(described)}</desc>',
        f'<line x1="{zero}" y1="0" x2="{zero}" y2="{height - 5}" stroke="#333" stroke-width="1"/>',
    ]
    for row, bar in enumerate(drawn):
        top = 5 + row * ROW
        middle = top + BAR / 2 + 5
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end">{escape(bar.label)}</text>')
        if bar.amount is None:
            parts.append(f'<text x="{zero + 6}" y="{middle}" font-style="italic">'
                         f'{escape(counsellor_text("budget_picture.not_given"))}</text>')
            continue
        length = abs(bar.amount) / scale_max * (span if bar.amount >= 0 else zero - LABEL_WIDTH)
        x = zero if bar.amount >= 0 else zero - length
        colour = COLOURS["left_negative" if bar.key == "left" and bar.amount < 0 else bar.key]
        parts.append(f'<rect x="{x:.1f}" y="{top}" width="{max(length, 1):.1f}" height="{BAR}" '
                     f'fill="{colour}"/>')
        value_x = max(zero, x + length) + 6 if bar.amount >= 0 else zero + 6
        parts.append(f'<text x="{value_x:.1f}" y="{middle}">{escape(format_euros(bar.amount))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _words(bar: Bar) -> str:
    if bar.amount is None:
        return f"{bar.label} : {counsellor_text('budget_picture.not_given')}"
    return f"{bar.label} : {format_euros(bar.amount)} {bar.period}".rstrip()
