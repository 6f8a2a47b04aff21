"""The installation's secret key, from which conversation ids are signed or derived.

Several Rasa servers behind one proxy must share it: in production it is given as
CCAS_SECRET_KEY. On a single machine without it, a random key is created once in var/ and
kept readable by its owner only, so that ids stay valid across restarts.
"""
from __future__ import annotations

from functools import lru_cache

from bot.configuration.settings import ENVIRONMENT, installation_secret, load_settings

SECRET_ENV = ENVIRONMENT["secret_key"]
SECRET_FILE_ENV = ENVIRONMENT["secret_file"]
MIN_LENGTH = 32


class SecretTooShort(ValueError):
    pass


@lru_cache(maxsize=1)
def server_secret() -> bytes:
    settings = load_settings()
    value = settings.secret_key
    if not value:
        return installation_secret(settings.secret_file)
    if len(value) < MIN_LENGTH:
        raise SecretTooShort(f"{SECRET_ENV} must hold at least {MIN_LENGTH} characters")
    return value.encode("utf-8")
