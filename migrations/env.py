"""Alembic environment: the URL and the models come from bot/."""
from alembic import context

import bot.bookings  # noqa: F401  (registers the tables on Base.metadata)
from bot.db import Base, database_url, make_engine

config = context.config
url = config.attributes.get("url") or database_url()


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
