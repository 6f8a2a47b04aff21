"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import bot.callbacks.followup  # noqa: F401
import bot.storage.accounts  # noqa: F401  (the models whose tables the migrations must build)
import bot.storage.audit  # noqa: F401
from bot.storage.db import Base, make_engine
from bot.storage.migrate import upgrade


def test_migrations_create_the_tables_the_models_describe(database_url):
    url = database_url
    upgrade(url)
    engine = make_engine(url)
    assert "callback_bookings" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        # sqlite_sequence is SQLite's own, made for AUTOINCREMENT tables (callback_bookings).
        def ours(name, type_, _parents) -> bool:
            return not (type_ == "table" and name == "sqlite_sequence")

        context = MigrationContext.configure(connection, opts={"include_name": ours})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_upgrade_twice_is_harmless(database_url):
    url = database_url
    upgrade(url)
    upgrade(url)
