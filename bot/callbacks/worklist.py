"""The counsellors' work list: which callbacks are overdue, to call today, upcoming or done,
urgent ones first."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.callbacks.followup import OPEN
from bot.callbacks.states import Status
from bot.wording.texts import counsellor_labels

GROUPS = counsellor_labels("worklist")  # in the order the list shows them
# A callback becomes overdue once its slot is over without a call.
GRACE = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Row:
    booking_id: int
    callback_at: dt.datetime  # local
    status: str  # a bot.callbacks.states.Status value
    followup: str
    urgent: bool
    themes: tuple[str, ...]


def group_of(row: Row, now: dt.datetime) -> str:
    if row.status != Status.BOOKED or row.followup not in OPEN:
        return "done"
    if row.callback_at + GRACE <= now:
        return "overdue"
    if row.callback_at.date() == now.date():
        return "today"
    return "upcoming"


def arrange(rows: list[Row], now: dt.datetime, followup: str | None = None,
            theme: str | None = None) -> dict[str, list[Row]]:
    """Rows by group, in GROUPS order, urgent first then soonest; filtered by follow-up state
    and theme when given."""
    groups: dict[str, list[Row]] = {key: [] for key in GROUPS}
    for row in rows:
        if followup and row.followup != followup:
            continue
        if theme and theme not in row.themes:
            continue
        groups[group_of(row, now)].append(row)
    for key, members in groups.items():
        if key == "done":
            members.sort(key=lambda r: r.callback_at, reverse=True)
        else:
            members.sort(key=lambda r: (not r.urgent, r.callback_at))
    return groups
