"""The installation's secret key, from which conversation ids are signed or derived.

Several Rasa servers behind one proxy must share it: in production it is given as
CCAS_SECRET_KEY. On a single machine without it, a random key is created once in var/ and
kept readable by its owner only, so that ids stay valid across restarts.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from bot.configuration.settings import VAR_DIR, installation_secret

SECRET_ENV = "CCAS_SECRET_KEY"
SECRET_FILE_ENV = "CCAS_SECRET_FILE"
MIN_LENGTH = 32


class SecretTooShort(ValueError):
    pass


def _secret_file() -> Path:
    return Path(os.environ.get(SECRET_FILE_ENV) or VAR_DIR / "secret.key")


@lru_cache(maxsize=1)
def server_secret() -> bytes:
    value = os.environ.get(SECRET_ENV, "").strip()
    if not value:
        return installation_secret(_secret_file())
    if len(value) < MIN_LENGTH:
        raise SecretTooShort(f"{SECRET_ENV} must hold at least {MIN_LENGTH} characters")
    return value.encode("utf-8")
