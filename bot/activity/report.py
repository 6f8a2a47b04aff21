"""The activity figures as the CCAS reads them: the page's charts and tables, the CSV export
and the command line's text, all from the same periods."""
from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bot.activity import charts
from bot.activity.figures import COUNTS, Period, overall, percent
from bot.handovers.handover import theme_label
from bot.wording.texts import counsellor_labels, counsellor_text


def urgency_label(kind: str) -> str:
    try:
        return counsellor_text(f"stats.urgencies.{kind}")
    except KeyError:
        return kind


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class Chart:
    """A chart and the table that says the same in words and numbers."""

    svg: str
    table: Table


def _ranked(counter: Counter[str], label: Callable[[str], str]) -> list[tuple[str, int]]:
    return [(label(key), count) for key, count in counter.most_common()]


def charts_of(spans: list[Period]) -> list[Chart]:
    names = counsellor_labels("stats.columns")
    titles = counsellor_labels("stats.charts")
    whole = overall(spans)
    drawn = ("conversations", "booked", "reached")
    series = [(names[key], [getattr(p, key) for p in spans]) for key in drawn]
    found = [Chart(
        charts.columns("chart-activity", titles["activity"], [p.short for p in spans], series),
        Table(titles["activity"], (names["period"], *[name for name, _ in series]),
              [(p.label, *[str(getattr(p, key)) for key in drawn]) for p in spans]),
    )]
    value, part = counsellor_text("stats.value"), counsellor_text("stats.share_of_conversations")
    for key, counter, label in (("urgencies", whole.urgencies, urgency_label),
                                ("themes", whole.themes, theme_label),
                                ("referrals", whole.referrals, str)):
        items = _ranked(counter, label)
        found.append(Chart(
            charts.bars(f"chart-{key}", titles[key], items),
            Table(titles[key], ("", value, part),
                  [(name, str(count), percent(count, whole.conversations)) for name, count in items]),
        ))
    return found


def summary(spans: list[Period]) -> Table:
    """One line per period, and the whole, with the shares that the CCAS reports."""
    names = counsellor_labels("stats.columns")
    rows = [(p.label, *[str(getattr(p, key)) for key in COUNTS]) for p in [*spans, overall(spans)]]
    header = (names["period"], *[names[k] for k in COUNTS])
    return Table(counsellor_text("stats.charts.activity"), header, rows)


def shares(spans: list[Period]) -> list[tuple[str, str]]:
    """The shares over the whole span, as (what, percent)."""
    whole = overall(spans)
    names = counsellor_labels("stats.columns")
    answered = whole.social_worker_yes + whole.social_worker_no
    return [
        (names["booked_urgent"], percent(whole.booked_urgent, whole.booked)),
        (names["reached"], percent(whole.reached, whole.reached + whole.not_reached)),
        (names["arrears"], percent(whole.arrears, whole.conversations)),
        (names["social_worker_yes"], percent(whole.social_worker_yes, answered)),
    ]


def as_csv(spans: list[Period]) -> str:
    """One line per period: the counts, then each urgency, theme and referral as its own column."""
    kinds = sorted({k for p in spans for k in p.urgencies})
    themes = sorted({k for p in spans for k in p.themes})
    sources = sorted({k for p in spans for k in p.referrals})
    names = counsellor_labels("stats.columns")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # what a French spreadsheet opens as columns
    writer.writerow([names["period"], names["start"], names["end"], *[names[k] for k in COUNTS],
                     *[urgency_label(k) for k in kinds], *[theme_label(t) for t in themes], *sources])
    for p in spans:
        writer.writerow([p.label, p.start.isoformat(), p.end.isoformat(), *[getattr(p, k) for k in COUNTS],
                         *[p.urgencies[k] for k in kinds], *[p.themes[t] for t in themes],
                         *[p.referrals[s] for s in sources]])
    return out.getvalue()


def as_text(spans: list[Period]) -> str:
    table = summary(spans)
    widths = [max(len(row[i]) for row in [table.header, *table.rows]) for i in range(len(table.header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
             for row in [table.header, *table.rows]]
    lines.append("")
    lines.extend(f"{what} : {value}" for what, value in shares(spans))
    return "\n".join(lines)
