"""Database access through SQLAlchemy: a SQLite file by default, PostgreSQL by URL."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar, overload

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from bot.configuration.settings import load_settings, private_dir

Base = declarative_base()
logger = logging.getLogger(__name__)
T = TypeVar("T")

# A database restart or a failover takes a few seconds: wait that long before giving up, so
# that a message or a booking made meanwhile goes through instead of failing. About 8 s in all.
RETRY_WAITS = (0.25, 0.5, 1.0, 2.0, 2.0, 2.0)
# How long a write may wait for a lock on PostgreSQL before it counts as unavailable (ms).
LOCK_TIMEOUT_MS = 1000


@overload
def stored_utc(moment: dt.datetime) -> dt.datetime: ...
@overload
def stored_utc(moment: None) -> None: ...
def stored_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A time read back from the database, aware in UTC: SQLite returns timezone-aware columns
    without their zone, and every time is stored in UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def database_url() -> str:
    return load_settings().database_url


def private_sqlite_file(path: Path) -> None:
    """Create the SQLite file (and its directory) readable by its owner only, and tighten an
    existing one: it holds conversations, phone numbers and the counsellors' notes."""
    private_dir(path.absolute().parent)
    if not path.exists():
        # An empty file is an empty database; created here, it never exists with the umask's mode.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    # SQLite gives its -wal and -shm files the database's mode; older ones are tightened too.
    for companion in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        try:
            if companion.stat().st_mode & 0o077:
                companion.chmod(0o600)
        except FileNotFoundError:
            continue
        except PermissionError:
            logger.warning("cannot make %s readable by its owner only: not its owner", companion)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:" and not path.startswith("file:"):
            private_sqlite_file(Path(path))
        # Several processes (Rasa, actions, web app) share the file: wait for locks, don't fail.
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, future=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # pragma: no cover - trivial
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    connect_args = {"options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"} if url.startswith("postgresql") else {}
    return create_engine(url, pool_pre_ping=True, future=True, connect_args=connect_args)


def is_transient(error: BaseException) -> bool:
    """Whether `error` means "the database is unavailable for now" (server down or restarting,
    connection dropped, lock not granted in time), not a mistake in the request."""
    if isinstance(error, (OperationalError, PoolTimeout)):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def _wait_or_raise(error: Exception, wait: float) -> None:
    """Within an `except` block: re-raise `error` unless the database is only unavailable."""
    if not is_transient(error):
        raise error
    # Only the kind of error: its text may quote the statement's values (messages, phones).
    logger.warning("database unavailable (%s), trying again in %.2f s", type(error).__name__, wait)


def retrying(work: Callable[[], T], waits: tuple[float, ...] | None = None) -> T:
    """`work()`, tried again after each wait while the database is unavailable. `work` must be
    safe to repeat: its own transaction, rolled back when it failed."""
    for wait in RETRY_WAITS if waits is None else waits:
        try:
            return work()
        except Exception as error:
            _wait_or_raise(error, wait)
        time.sleep(wait)
    return work()


async def retrying_async(work: Callable[[], Awaitable[T]], waits: tuple[float, ...] | None = None) -> T:
    """`retrying` for a coroutine, waiting without blocking the server's other conversations."""
    for wait in RETRY_WAITS if waits is None else waits:
        try:
            return await work()
        except Exception as error:
            _wait_or_raise(error, wait)
        await asyncio.sleep(wait)
    return await work()


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    return make_engine(url)


def session_factory(url: str | None = None) -> sessionmaker:
    return sessionmaker(bind=engine_for(url or database_url()), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
