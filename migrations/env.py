"""Alembic environment: the URL and the models come from bot/."""
from alembic import context

import bot.activity.counts  # noqa: F401
import bot.alerts.sent  # noqa: F401
import bot.callbacks.bookings  # noqa: F401
import bot.callbacks.followup  # noqa: F401
import bot.storage.accounts  # noqa: F401  (each import registers its tables on Base.metadata)
import bot.storage.audit  # noqa: F401
from bot.storage.db import Base, database_url, make_engine

config = context.config


def _ours(name, type_, parent_names) -> bool:
    """Rasa creates and owns its `events` table in the same database: leave it alone."""
    return type_ != "table" or name in Base.metadata.tables

url = config.attributes.get("url") or database_url()


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True, include_name=_ours)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                          include_name=_ours)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
