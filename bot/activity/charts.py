"""Charts of the activity figures, drawn on the server as SVG: no script, a title and a
description for screen readers, and always a table beside them with the same numbers.

Two shapes: columns per period (conversations, callbacks booked, people reached) and
horizontal bars for counts by kind (themes, urgencies, who sent the people)."""
from __future__ import annotations

from html import escape

WIDTH = 720
# Three series told apart by shade and by pattern of position (left to right, same order as
# the legend and the table), not by colour alone.
SERIES_COLOURS = ("#1d4f6b", "#5a8fae", "#1d6b3a")


def _open(chart_id: str, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def columns(chart_id: str, title: str, periods: list[str], series: list[tuple[str, list[int]]]) -> str:
    """Grouped columns: for each period, one column per series (name, values per period)."""
    top, bottom, left = 30, 50, 40
    height = 260
    plot_height = height - top - bottom
    highest = max([v for _, values in series for v in values] + [1])
    slot = (WIDTH - left - 10) / max(len(periods), 1)
    bar = max(min(slot / (len(series) + 1), 28.0), 2.0)
    described = "; ".join(
        f"{period} : " + ", ".join(f"{name} {values[i]}" for name, values in series)
        for i, period in enumerate(periods))
    parts = _open(chart_id, height, title, described)
    for index, (name, _) in enumerate(series):
        x = left + index * 190
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{SERIES_COLOURS[index % 3]}"/>')
        parts.append(f'<text x="{x + 18}" y="16">{escape(name)}</text>')
    base = top + plot_height
    parts.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="#333"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{highest}</text>')
    parts.append(f'<text x="{left - 6}" y="{base}" text-anchor="end">0</text>')
    for i, period in enumerate(periods):
        x0 = left + i * slot + (slot - bar * len(series)) / 2
        for index, (_, values) in enumerate(series):
            length = values[i] / highest * plot_height
            parts.append(f'<rect x="{x0 + index * bar:.1f}" y="{base - length:.1f}" width="{bar - 1:.1f}" '
                         f'height="{max(length, 0.5):.1f}" fill="{SERIES_COLOURS[index % 3]}"/>')
        middle = left + i * slot + slot / 2
        parts.append(f'<text x="{middle:.1f}" y="{base + 14}" text-anchor="end" font-size="11" '
                     f'transform="rotate(-35 {middle:.1f} {base + 14})">{escape(period)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def bars(chart_id: str, title: str, items: list[tuple[str, int]]) -> str:
    """Horizontal bars, one per (label, count), largest first as given."""
    row, label_width, value_width = 28, 260, 60
    height = max(row * len(items), row) + 10
    highest = max([count for _, count in items] + [1])
    span = WIDTH - label_width - value_width
    parts = _open(chart_id, height, title, "; ".join(f"{label} : {count}" for label, count in items))
    for i, (label, count) in enumerate(items):
        y = 5 + i * row
        length = count / highest * span
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{max(length, 0.5):.1f}" height="18" '
                     f'fill="{SERIES_COLOURS[0]}"/>')
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + 15}">{count}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
