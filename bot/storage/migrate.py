"""Bring a database to the latest schema with Alembic."""
from __future__ import annotations

from alembic import command
from alembic.config import Config

from bot.configuration.settings import ROOT
from bot.storage.db import database_url


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["url"] = url or database_url()
    return config


def upgrade(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "head")
