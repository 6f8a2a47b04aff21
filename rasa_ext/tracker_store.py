"""Rasa's SQL tracker store on the project's database, made to ride out a short database outage
and to carry out an erasure asked for in the chat.

Outage: every read and write is tried again for a few seconds while the database is unavailable
(`bot.storage.db.retrying_async`). If it stays unavailable, or refuses the data, `TrackerStoreUnavailable`
is raised and reaches the channel, which tells the person their message was not saved. Rasa wraps
every tracker store in a `FailSafeTrackerStore` which, left alone, would swallow that error, start
the person on a blank conversation and keep it only in memory (lost at the next restart): the
small patch `install()` lets this one error through (installed by rasa_ext.patches).

Erasure: an action cannot erase the conversation it is part of: after the action, Rasa saves the
tracker it holds in memory, and the SQL store, finding no rows, would write the whole
conversation back. So the erasure happens here, when Rasa saves a turn in which
`action_erase_my_data` ran: the person's events are deleted instead of saved, and their next
message starts afresh.
"""
from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterable
from typing import Any

from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.storage.db import database_url, retrying_async
from bot.storage.erasure import erase_events

ERASE_ACTION = "action_erase_my_data"


class TrackerStoreUnavailable(Exception):
    """The conversation could be neither read nor saved: the database stayed unavailable, or
    refused what was given to it. Never hidden by a copy kept in memory."""


def erasure_requested(tracker: DialogueStateTracker) -> bool:
    """Whether the erasure action ran since the person's latest message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return True
    return False


async def _patiently(work: Any) -> Any:
    try:
        return await retrying_async(work)
    except Exception as error:
        raise TrackerStoreUnavailable(type(error).__name__) from error


class CcasTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, host: str | None = None, event_broker: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(domain=domain, host=host or database_url(), event_broker=event_broker, **kwargs)

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Any, None, None]:
        """Rasa's own reads any ValueError (a conversation id it cannot encode, say) as a missing
        PostgreSQL schema and exits the whole server: here the error stays an error of this
        request, which the channel answers."""
        session = self.sessionmaker()
        try:
            ensure_schema_exists(session)
            yield session
        finally:
            session.close()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return await _patiently(lambda: super(CcasTrackerStore, self).retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        return await _patiently(lambda: super(CcasTrackerStore, self).retrieve_full_tracker(conversation_id))

    async def keys(self) -> Iterable[str]:
        return await _patiently(lambda: super(CcasTrackerStore, self).keys())

    async def save(self, tracker: DialogueStateTracker) -> None:
        await _patiently(lambda: self._save(tracker))

    async def _save(self, tracker: DialogueStateTracker) -> None:
        if not erasure_requested(tracker):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            erase_events(session, tracker.sender_id)
            session.commit()


def _let_unavailability_through(original: Any) -> Any:
    def handler(self: FailSafeTrackerStore, error: Exception) -> None:
        if isinstance(error, TrackerStoreUnavailable):
            raise error
        original(self, error)

    return handler


def install() -> None:
    """Lets `TrackerStoreUnavailable` through Rasa's FailSafeTrackerStore (see the module's
    docstring). Called by rasa_ext.patches; a second call changes nothing."""
    if getattr(FailSafeTrackerStore, "_ccas_patched", False):
        return
    FailSafeTrackerStore.on_tracker_store_error = _let_unavailability_through(
        FailSafeTrackerStore.on_tracker_store_error)
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _let_unavailability_through(
        FailSafeTrackerStore.on_tracker_store_retrieve_error)
    FailSafeTrackerStore._ccas_patched = True
