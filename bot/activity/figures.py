"""The figures a CCAS reports on, per week or per month, from the daily counts: conversations,
callbacks booked (urgent ones among them), reached or not, the share of urgent situations by
kind, themes, who sent the people, arrears, a social worker already there."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.orm import Session

from bot.activity import counts
from bot.callbacks.schedule import local_now
from bot.configuration.ccas import current_ccas
from bot.storage.db import session_scope
from bot.wording.formats import format_day_month_fr, format_month_fr
from bot.wording.texts import counsellor_text

By = Literal["week", "month"]
# The plain counts of a period, in the order the tables and the CSV give them.
COUNTS = ("conversations", "booked", "booked_urgent", "reached", "not_reached", "arrears",
          "social_worker_yes", "social_worker_no")


@dataclass
class Period:
    start: dt.date
    end: dt.date  # included
    label: str
    short: str = ""  # under a chart's column: "7 sept.", "nov. 2026"
    conversations: int = 0
    booked: int = 0
    booked_urgent: int = 0
    reached: int = 0
    not_reached: int = 0
    arrears: int = 0
    social_worker_yes: int = 0
    social_worker_no: int = 0
    urgencies: Counter[str] = field(default_factory=Counter)
    themes: Counter[str] = field(default_factory=Counter)
    referrals: Counter[str] = field(default_factory=Counter)

    def add(self, row: counts.Count) -> None:
        number = int(row.count)
        if row.measure == counts.CONVERSATION:
            self.conversations += number
        elif row.measure == counts.BOOKED:
            self.booked += number
            if row.value == "urgent":
                self.booked_urgent += number
        elif row.measure == counts.REACHED:
            self.reached += number
        elif row.measure == counts.NOT_REACHED:
            self.not_reached += number
        elif row.measure == counts.ARREARS:
            self.arrears += number
        elif row.measure == counts.SOCIAL_WORKER:
            if row.value == "yes":
                self.social_worker_yes += number
            else:
                self.social_worker_no += number
        elif row.measure == counts.URGENCY:
            self.urgencies[row.value] += number
        elif row.measure == counts.THEME:
            self.themes[row.value] += number
        elif row.measure == counts.REFERRAL:
            self.referrals[row.value] += number


def share(part: int, whole: int) -> float | None:
    """`part` of `whole` as a fraction, or None when there is nothing to compare with."""
    return part / whole if whole else None


def percent(part: int, whole: int) -> str:
    value = share(part, whole)
    return "—" if value is None else f"{round(value * 100)} %"


def period_of(day: dt.date, by: By) -> tuple[dt.date, dt.date, str, str]:
    """The period holding `day`: its first and last days, its name and its short name."""
    if by == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6), counsellor_text(
            "stats.week_of", day=format_day_month_fr(start)), format_day_month_fr(start, short=True)
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1), format_month_fr(start), format_month_fr(start, short=True)


def periods(session: Session, today: dt.date, by: By = "week", count: int = 12) -> list[Period]:
    """The last `count` weeks or months up to the one holding `today`, oldest first, each with
    its figures (zeros included: a quiet week is a figure too)."""
    spans: list[Period] = []
    cursor = today
    for _ in range(count):
        start, end, label, short = period_of(cursor, by)
        spans.insert(0, Period(start, end, label, short))
        cursor = start - dt.timedelta(days=1)
    for row in counts.between(session, spans[0].start, spans[-1].end):
        for span in spans:
            if span.start <= row.day <= span.end:
                span.add(row)
                break
    return spans


def latest(by: By) -> list[Period]:
    """The last 12 weeks or months up to the CCAS's today, from the database in use."""
    with session_scope() as session:
        return periods(session, local_now(current_ccas()).date(), by)


def overall(spans: list[Period]) -> Period:
    """The figures of several periods together."""
    label = counsellor_text("stats.overall")
    whole = Period(spans[0].start, spans[-1].end, label) if spans else Period(
        dt.date.today(), dt.date.today(), label)
    for span in spans:
        for name in COUNTS:
            setattr(whole, name, getattr(whole, name) + getattr(span, name))
        whole.urgencies.update(span.urgencies)
        whole.themes.update(span.themes)
        whole.referrals.update(span.referrals)
    return whole
