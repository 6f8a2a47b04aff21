"""Runtime settings: every environment variable the project reads, with its default, in one
frozen object. Each process builds it once when it starts (`load_settings()`) and passes it on
(`bot.web.app.create_app(settings)`, `bot.site.app.create_app(settings)`); run.sh takes its
values from here (`python -m bot settings --shell`) and keeps no default of its own.

Two readings happen later, on purpose: the database URL and the CCAS files are asked for when
a session or the CCAS is first needed (tests move them per test), and the test clock
(bot.callbacks.clock) is read by the test harness only. Rasa reads its own files
(credentials.yml, endpoints.yml) with ${VARIABLES} that run.sh exports from these settings.

Only deployment choices live here; what the service says about itself lives in config/
(see bot.configuration.ccas).
"""
from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
import shlex
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG_DIR = ROOT / "config"
VAR_DIR = ROOT / "var"


class SettingsError(ValueError):
    """A setting that cannot be used; the message is in French, for the person deploying."""


@dataclass(frozen=True)
class Settings:
    # What the service is: the CCAS and the national figures (config/).
    ccas_config: Path
    national_config: Path
    # Rasa's conversations and the project's tables share one database.
    database_url: str
    # The installation's key for conversation ids (bot.storage.server_secret).
    secret_key: str | None
    secret_file: Path
    # The Rasa server and its HTTP API (README, « Sécurité »).
    rasa_host: str
    rasa_port: int
    rasa_api: bool
    rasa_jwt_secret: str | None
    rasa_auth_token: str | None
    request_max_size: int
    rest_channel_token: str | None
    chat_allowed_origins: tuple[str, ...]
    # The action server, and how Rasa reaches it.
    action_host: str
    action_port: int
    action_server_token: str | None
    action_endpoint_url: str
    # The public page with the chat.
    site_host: str
    site_port: int
    chat_server_url: str
    # The counsellors' app.
    counsellor_host: str
    counsellor_port: int
    counsellor_secret: str | None
    counsellor_cookie_secure: bool
    counsellor_proxies: int
    # Several Rasa servers sharing the database: their lock store (deploy/endpoints.yml).
    redis_host: str | None
    redis_port: int
    redis_password: str
    redis_db: int
    # Alerts to the counsellors' team by email (bot/alerts/): off without SMTP_HOST and ALERT_TO.
    smtp_host: str | None
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    alert_from: str
    alert_to: tuple[str, ...]
    counsellor_app_url: str  # the app's address as the team opens it, for the link in an alert

    # Set by whoever starts Rasa (run.sh, from `api_needs_guard`): the API refuses writes
    # (rasa_ext/channels/api_guard.py).
    rasa_api_read_only: bool

    @property
    def api_needs_guard(self) -> bool:
        """Rasa's API open on this machine without a secret: reading only."""
        return self.rasa_api and not self.rasa_auth_token and not self.rasa_jwt_secret


# Where each setting comes from, for the messages and for run.sh.
ENVIRONMENT = {
    "ccas_config": "CCAS_CONFIG", "national_config": "CCAS_NATIONAL_CONFIG", "database_url": "DATABASE_URL",
    "secret_key": "CCAS_SECRET_KEY", "secret_file": "CCAS_SECRET_FILE", "rasa_host": "RASA_HOST",
    "rasa_port": "RASA_PORT", "rasa_api": "RASA_API", "rasa_jwt_secret": "RASA_JWT_SECRET",
    "rasa_auth_token": "RASA_AUTH_TOKEN", "request_max_size": "SANIC_REQUEST_MAX_SIZE",
    "rest_channel_token": "REST_CHANNEL_TOKEN", "chat_allowed_origins": "CHAT_ALLOWED_ORIGINS",
    "action_host": "ACTION_SERVER_HOST", "action_port": "ACTION_PORT",
    "action_server_token": "ACTION_SERVER_TOKEN", "action_endpoint_url": "ACTION_ENDPOINT_URL",
    "site_host": "SITE_HOST", "site_port": "SITE_PORT", "chat_server_url": "CHAT_SERVER_URL",
    "counsellor_host": "COUNSELLOR_HOST", "counsellor_port": "COUNSELLOR_PORT",
    "counsellor_secret": "COUNSELLOR_SECRET", "counsellor_cookie_secure": "COUNSELLOR_COOKIE_SECURE",
    "counsellor_proxies": "COUNSELLOR_PROXIES", "redis_host": "REDIS_HOST", "redis_port": "REDIS_PORT",
    "redis_password": "REDIS_PASSWORD", "redis_db": "REDIS_DB",
    "smtp_host": "SMTP_HOST", "smtp_port": "SMTP_PORT", "smtp_user": "SMTP_USER",
    "smtp_password": "SMTP_PASSWORD",
    "smtp_starttls": "SMTP_STARTTLS", "alert_from": "ALERT_FROM", "alert_to": "ALERT_TO",
    "counsellor_app_url": "COUNSELLOR_APP_URL",
    "rasa_api_read_only": "CCAS_RASA_API_READ_ONLY",
}


def _ccas_path(value: str) -> Path:
    # Accept either a short name ("besancon") or a path to a YAML file.
    if value.endswith((".yml", ".yaml")):
        return Path(value).expanduser().resolve()
    return CONFIG_DIR / "ccas" / f"{value}.yml"


def is_loopback_address(address: str | None) -> bool:
    """Whether an IP address (a peer's, "[::1]" included) is this machine's."""
    try:
        return ipaddress.ip_address((address or "").strip("[]")).is_loopback
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    """Whether a host to listen on is this machine only."""
    return host == "localhost" or is_loopback_address(host)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from `environ` (the process's environment by default), checked."""
    env = os.environ if environ is None else environ

    def get(field: str, default: str = "") -> str:
        return (env.get(ENVIRONMENT[field]) or "").strip() or default

    def number(field: str, default: int) -> int:
        value = get(field, str(default))
        if not value.isdigit():
            raise SettingsError(f"{ENVIRONMENT[field]} doit être un nombre entier positif, pas {value!r}")
        return int(value)

    def switch(field: str, default: str) -> bool:
        value = get(field, default).lower()
        if value not in ("0", "1", "on", "off", "true", "false", "yes", "no"):
            raise SettingsError(f"{ENVIRONMENT[field]} vaut 1 ou 0 (on ou off), pas {value!r}")
        return value in ("1", "on", "true", "yes")

    rasa_port, site_port, action_port = number("rasa_port", 5005), number("site_port", 8000), \
        number("action_port", 5055)
    counsellor_port = number("counsellor_port", 8080)
    origins = get("chat_allowed_origins", f"http://localhost:{site_port},http://127.0.0.1:{site_port}")
    settings = Settings(
        ccas_config=_ccas_path(get("ccas_config", "grenoble")),
        national_config=Path(get("national_config", str(CONFIG_DIR / "national.yml"))),
        database_url=get("database_url", f"sqlite:///{VAR_DIR / 'ccas.db'}"),
        secret_key=get("secret_key") or None,
        secret_file=Path(get("secret_file", str(VAR_DIR / "secret.key"))),
        rasa_host=get("rasa_host", "127.0.0.1"),
        rasa_port=rasa_port,
        rasa_api=switch("rasa_api", "on"),
        rasa_jwt_secret=get("rasa_jwt_secret") or None,
        rasa_auth_token=get("rasa_auth_token") or None,
        # Requests beyond 1 MB are refused before being read (Sanic's default is 100 MB).
        request_max_size=number("request_max_size", 1_048_576),
        rest_channel_token=get("rest_channel_token") or None,
        chat_allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
        action_host=get("action_host", "127.0.0.1"),
        action_port=action_port,
        action_server_token=get("action_server_token") or None,
        action_endpoint_url=get("action_endpoint_url", f"http://127.0.0.1:{action_port}/webhook"),
        site_host=get("site_host", "127.0.0.1"),
        site_port=site_port,
        chat_server_url=get("chat_server_url", f"http://localhost:{rasa_port}").rstrip("/"),
        counsellor_host=get("counsellor_host", "127.0.0.1"),
        counsellor_port=counsellor_port,
        counsellor_secret=get("counsellor_secret") or None,
        # Off only for local use over plain http (tests, a laptop); on behind HTTPS in production.
        counsellor_cookie_secure=switch("counsellor_cookie_secure", "1"),
        counsellor_proxies=number("counsellor_proxies", 0),
        redis_host=get("redis_host") or None,
        redis_port=number("redis_port", 6379),
        redis_password=get("redis_password"),
        redis_db=number("redis_db", 1),
        smtp_host=get("smtp_host") or None,
        smtp_port=number("smtp_port", 25),
        smtp_user=get("smtp_user") or None,
        smtp_password=get("smtp_password") or None,
        smtp_starttls=switch("smtp_starttls", "0"),
        alert_from=get("alert_from", "assistant-budget@localhost"),
        alert_to=tuple(a.strip() for a in get("alert_to").split(",") if a.strip()),
        counsellor_app_url=get("counsellor_app_url", f"http://localhost:{counsellor_port}").rstrip("/"),
        rasa_api_read_only=switch("rasa_api_read_only", "0"),
    )
    if settings.rasa_api and not settings.rasa_jwt_secret and not is_loopback(settings.rasa_host):
        # Rasa's HTTP API reads and rewrites any conversation: beyond this machine, only with a
        # secret checked on every call, or off.
        raise SettingsError(
            f"Rasa écouterait sur {settings.rasa_host} avec son API ouverte : donnez RASA_JWT_SECRET, "
            "ou RASA_API=off (voir README, « Sécurité »).")
    return settings


def shell_exports(settings: Settings, fresh_token: bool = True) -> str:
    """`export NAME=value` lines for run.sh: the values the servers and Rasa's own files
    (endpoints.yml, credentials.yml) read; with `fresh_token`, an action server token made
    for this run when none is given."""
    values: dict[str, object] = {ENVIRONMENT[f.name]: getattr(settings, f.name) for f in fields(settings)}
    values[ENVIRONMENT["rasa_api_read_only"]] = settings.api_needs_guard
    if settings.action_server_token is None and fresh_token:
        # The secret Rasa presents to the action server: a fresh one for each run, since
        # run.sh starts both.
        values[ENVIRONMENT["action_server_token"]] = secrets.token_hex(32)
    lines = []
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "1" if value else "0"
        elif isinstance(value, tuple):
            value = ",".join(value)
        lines.append(f"export {name}={shlex.quote(str(value))}")
    return "\n".join(lines)


# Files the services write for themselves (the SQLite database, the web app's secret): readable
# by the account that runs them only, as they hold personal data or keys.
SECRET_ENV = ENVIRONMENT["counsellor_secret"]
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


def app_secret(settings: Settings | None = None) -> bytes:
    """The counsellors' app's signing key: COUNSELLOR_SECRET, or else a random key made once for
    this installation and kept in var/counsellor-secret.key (0600). Several instances of the app
    behind one address must share it: give them the same COUNSELLOR_SECRET. A key of its own,
    not the chat servers' (CCAS_SECRET_KEY): the app lives on the intranet, and a key taken from
    a public server must not sign its forms."""
    value = (settings or load_settings()).counsellor_secret or ""
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
