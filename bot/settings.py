"""Runtime settings, read from the environment once.

Only deployment choices live here; what the service says about itself lives in
config/ (see bot.ccas).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "config"


@dataclass(frozen=True)
class Settings:
    ccas_config: Path
    national_config: Path


def _ccas_path(value: str) -> Path:
    # Accept either a short name ("besancon") or a path to a YAML file.
    if value.endswith((".yml", ".yaml")):
        return Path(value).expanduser().resolve()
    return CONFIG_DIR / "ccas" / f"{value}.yml"


def load_settings() -> Settings:
    return Settings(
        ccas_config=_ccas_path(os.environ.get("CCAS_CONFIG", "grenoble")),
        national_config=Path(
            os.environ.get("CCAS_NATIONAL_CONFIG", str(CONFIG_DIR / "national.yml"))
        ),
    )
