"""Runtime settings, read from the environment once.

Only deployment choices live here; what the service says about itself lives in
config/ (see bot.configuration.ccas).
"""
from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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


# Files the services write for themselves (the SQLite database, the web app's secret): readable
# by the account that runs them only, as they hold personal data or keys.
VAR_DIR = ROOT / "var"
SECRET_ENV = "COUNSELLOR_SECRET"
SECRET_FILE = VAR_DIR / "counsellor-secret.key"
MIN_SECRET_LENGTH = 32


def private_dir(path: Path) -> Path:
    """`path`, created readable by its owner only if missing. An existing directory is tightened
    only when it is the project's own var/: another one may be shared on purpose (/tmp...)."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)  # mkdir's mode is filtered by the umask
    elif path.resolve() == VAR_DIR.resolve() and path.stat().st_mode & 0o077:
        with contextlib.suppress(PermissionError):  # not its owner: the files inside still are 0600
            path.chmod(0o700)
    return path


def app_secret() -> bytes:
    """The counsellors' app's signing key: COUNSELLOR_SECRET, or else a random key made once for
    this installation and kept in var/counsellor-secret.key (0600). Several instances of the app
    behind one address must share it: give them the same COUNSELLOR_SECRET. A key of its own,
    not the chat servers' (CCAS_SECRET_KEY): the app lives on the intranet, and a key taken from
    a public server must not sign its forms."""
    value = os.environ.get(SECRET_ENV, "")
    if value:
        if len(value) < MIN_SECRET_LENGTH:
            raise ValueError(f"{SECRET_ENV} doit compter au moins {MIN_SECRET_LENGTH} caractères")
        return value.encode()
    return installation_secret(SECRET_FILE)


def installation_secret(path: Path) -> bytes:
    """The key kept in `path`, made at random the first time (0600, in a 0700 directory)."""
    if not path.exists():
        private_dir(path.parent)
        # Written aside, then linked: link() never replaces, so two processes starting at the
        # same moment end up reading the same key, never half a file.
        descriptor, draft = tempfile.mkstemp(dir=path.parent, prefix=".secret-")  # 0600
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(48) + "\n")
            with contextlib.suppress(FileExistsError):
                os.link(draft, path)
        finally:
            os.unlink(draft)
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    value = path.read_text(encoding="ascii").strip()
    if len(value) < MIN_SECRET_LENGTH:
        raise ValueError(f"{path} : clé trop courte ({MIN_SECRET_LENGTH} caractères au moins)")
    return value.encode()
