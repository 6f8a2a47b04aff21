"""The full transcript of a person's conversations, read from Rasa's tracker store.

Rasa keeps every event of every session in its `events` table, in the same database as the
project's own tables; the transcript is what the person and the assistant said, in order, with
the time, across all sessions of that sender.
"""
from __future__ import annotations

import datetime as dt
import json
import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect
from sqlalchemy import text as sql
from sqlalchemy.engine import Engine

# Sent by chat clients, not written by the person.
CONTROL_PAYLOADS = frozenset({"/session_start", "/restart"})


@dataclass(frozen=True)
class Line:
    at: dt.datetime  # UTC
    speaker: str  # "person" or "assistant"
    text: str
    session: int  # 1 for the first session of this sender, 2 for the next...


def transcript(engine: Engine, sender_id: str) -> list[Line]:
    if not has_conversations(engine):
        return []
    query = sql(
        "SELECT type_name, timestamp, data FROM events "
        "WHERE sender_id = :sender AND type_name IN ('user', 'bot', 'session_started') "
        "ORDER BY id"
    )
    lines: list[Line] = []
    session = 0
    buttons: dict[str, str] = {}  # payload -> title, of the assistant's last message
    with engine.connect() as connection:
        for type_name, timestamp, data in connection.execute(query, {"sender": sender_id}):
            if type_name == "session_started":
                session += 1
                continue
            event = json.loads(data or "{}")
            text = event.get("text")
            if type_name == "bot":
                shown = (event.get("data") or {}).get("buttons") or []
                buttons = {b.get("payload"): b.get("title") for b in shown}
            elif text in buttons:
                text = f"[{buttons[text]}]"  # a click shows what the person saw, not the payload
            elif text in CONTROL_PAYLOADS:
                continue
            if not text:
                continue  # a bot event with only buttons or an image, or an empty message
            lines.append(Line(
                at=dt.datetime.fromtimestamp(timestamp or 0, tz=dt.timezone.utc),
                speaker="person" if type_name == "user" else "assistant",
                text=text,
                session=max(session, 1),
            ))
    return lines


# Databases known to hold Rasa's table: once created it stays, so it is looked up only until then
# (inspecting the schema on every read costs a query per handover shown).
_WITH_EVENTS: weakref.WeakSet[Engine] = weakref.WeakSet()


def has_conversations(engine: Engine) -> bool:
    """Whether Rasa has created its table in this database yet (not before its first start)."""
    if engine in _WITH_EVENTS:
        return True
    found = "events" in inspect(engine).get_table_names()
    if found:
        _WITH_EVENTS.add(engine)
    return found


def slot_values(engine: Engine, sender_id: str, names: tuple[str, ...]) -> dict[str, list[Any]]:
    """Every value each slot took, oldest first, across all sessions of `sender_id`."""
    if not names or not has_conversations(engine):
        return {name: [] for name in names}
    query = sql(
        "SELECT data FROM events WHERE sender_id = :sender AND type_name = 'slot' ORDER BY id"
    )
    values: dict[str, list[Any]] = {name: [] for name in names}
    with engine.connect() as connection:
        for (data,) in connection.execute(query, {"sender": sender_id}):
            event = json.loads(data or "{}")
            if event.get("name") in values:
                values[event["name"]].append(event.get("value"))
    return values


def last_message_at(engine: Engine, sender_id: str) -> dt.datetime | None:
    if not has_conversations(engine):
        return None
    query = sql("SELECT MAX(timestamp) FROM events WHERE sender_id = :sender AND type_name = 'user'")
    with engine.connect() as connection:
        stamp = connection.execute(query, {"sender": sender_id}).scalar()
    return dt.datetime.fromtimestamp(stamp, tz=dt.timezone.utc) if stamp else None
