"""The counsellors' app against the attacks of the security review: each test makes the attack
and checks that it fails and changes nothing. Over real HTTP: tests/integration/test_web_attacks.py."""
import asyncio
import datetime as dt
import os
import sqlite3
import stat
import threading

import pytest
from alembic import command
from sqlalchemy import func, select

from bot import cli
from bot.callbacks import clock
from bot.callbacks.bookings import Booking, book
from bot.configuration import settings
from bot.storage import accounts, audit
from bot.storage.accounts import LoginFailure, WebSession
from bot.storage.audit import AuditEntry
from bot.storage.db import make_engine, session_factory
from bot.storage.erasure import erase_person
from bot.storage.migrate import alembic_config, upgrade
from bot.web import app as web

PASSWORD = "un mot de passe assez long"
SECRET = b"k" * 40
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)
ATTACKER, DESK = "203.0.113.5", "198.51.100.7"


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Moves bot.callbacks.clock: returns a function that sets the time (NOW to begin with)."""
    path = tmp_path / "clock.txt"
    monkeypatch.setenv(clock.CLOCK_FILE_ENV, str(path))

    def at(moment: dt.datetime) -> None:
        path.write_text(moment.isoformat())

    at(NOW)
    return at


@pytest.fixture
def session(database_url, frozen):
    upgrade(database_url)
    with session_factory(database_url)() as opened:
        yield opened


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch, frozen):
    """A migrated SQLite database that the app's code (session_scope) and the CLI use."""
    url = f"sqlite:///{tmp_path / 'ccas.db'}"
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def quick_hash(monkeypatch):
    """argon2 takes a fifth of a second here: the throttling tests fail dozens of times."""
    monkeypatch.setattr(accounts, "verify_password", lambda _hash, password: password == PASSWORD)


def count(session, model, *where) -> int:
    session.expire_all()
    return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def fail(session, times: int, login: str = "claire", address: str = ATTACKER) -> None:
    for _ in range(times):
        assert accounts.authenticate(session, login, "pas le bon", address=address) is None


# 1. argon2 off the event loop


def test_the_password_is_checked_in_a_worker_thread_not_on_the_event_loop(sqlite_url, monkeypatch):
    with session_factory(sqlite_url)() as session:
        accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    seen = []
    real_verify = accounts.verify_password

    def spying_verify(password_hash, password):
        try:
            asyncio.get_running_loop()
            on_loop = True
        except RuntimeError:
            on_loop = False
        seen.append((threading.current_thread().name, on_loop))
        return real_verify(password_hash, password)

    monkeypatch.setattr(accounts, "verify_password", spying_verify)

    async def sign_in():
        loop_thread = threading.current_thread().name
        good = await web.check_login(DESK, "claire", PASSWORD)
        bad = await web.check_login(DESK, "claire", "pas le bon")
        return loop_thread, good, bad

    loop_thread, good, bad = asyncio.run(sign_in())
    assert good.token and bad.token is None
    assert len(seen) == 2
    for thread_name, on_loop in seen:
        assert not on_loop and thread_name != loop_thread and thread_name.startswith("password-check")


# 2. throttling per address and per login, never a lockout of the account


def test_an_attacker_is_slowed_down_at_his_address_the_counsellor_signs_in_from_hers(session, quick_hash):
    claire = accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    fail(session, accounts.PER_ADDRESS.free)
    wait = accounts.throttled_for(session, ATTACKER, "claire")
    assert wait == accounts.PER_ADDRESS.first_wait
    assert accounts.throttled_for(session, ATTACKER, "someone-else") == wait  # spraying: same address
    assert accounts.throttled_for(session, DESK, "claire") is None
    assert accounts.authenticate(session, "claire", PASSWORD, address=DESK).id == claire.id
    # Her success does not wipe the attacker's failures.
    assert accounts.throttled_for(session, ATTACKER, "claire") == wait


def test_the_wait_doubles_with_each_failure_up_to_fifteen_minutes(session, quick_hash, frozen):
    accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    fail(session, accounts.PER_ADDRESS.free)
    waits = []
    moment = NOW
    for _ in range(12):
        wait = accounts.throttled_for(session, ATTACKER, "claire")
        waits.append(wait.total_seconds())
        moment += wait
        frozen(moment)
        assert accounts.throttled_for(session, ATTACKER, "claire") is None
        fail(session, 1)
    assert waits[:5] == [2, 4, 8, 16, 32]
    assert max(waits) == 15 * 60 and waits == sorted(waits)


def test_a_login_attacked_from_many_addresses_is_slowed_down_for_all(session, quick_hash):
    accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    # One address alone counts ADDRESS_SHARE at most towards the login.
    fail(session, 30, address="192.0.2.1")
    assert accounts.throttled_for(session, DESK, "claire") is None
    for index in range(2, 5):
        fail(session, accounts.ADDRESS_SHARE, address=f"192.0.2.{index}")
    assert accounts.throttled_for(session, DESK, "claire") is not None
    assert accounts.throttled_for(session, DESK, "marie") is None


def test_failures_dated_after_now_are_ignored(session, quick_hash, frozen):
    # The clock moved back (tests, a fixed server clock): no wait of days.
    accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    fail(session, 20)
    frozen(NOW - dt.timedelta(days=3))
    assert accounts.throttled_for(session, ATTACKER, "claire") is None


def test_a_throttled_attempt_with_the_right_password_is_refused_and_opens_no_session(sqlite_url, quick_hash):
    with session_factory(sqlite_url)() as session:
        accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
        fail(session, accounts.PER_ADDRESS.free)
    outcome = asyncio.run(web.check_login(ATTACKER, "claire", PASSWORD))
    assert outcome.token is None and outcome.wait == accounts.PER_ADDRESS.first_wait
    with session_factory(sqlite_url)() as session:
        assert count(session, WebSession) == 0
        assert count(session, LoginFailure) == accounts.PER_ADDRESS.free  # a refusal is no new failure
    assert asyncio.run(web.check_login(DESK, "claire", PASSWORD)).token


def test_waits_are_said_in_french():
    assert web.wait_fr(dt.timedelta(seconds=1)) == "1 seconde"
    assert web.wait_fr(dt.timedelta(seconds=1.2)) == "2 secondes"
    assert web.wait_fr(dt.timedelta(seconds=61)) == "2 minutes"
    assert web.wait_fr(dt.timedelta(minutes=1)) == "1 minute"


def test_addresses_are_counted_per_machine():
    assert web.throttling_address("203.0.113.5") == "203.0.113.5"
    assert web.throttling_address("::ffff:203.0.113.5") == "203.0.113.5"
    # A whole IPv6 /64 is one machine's: changing address within it changes nothing.
    assert web.throttling_address("[2001:db8:1:2::1]") == web.throttling_address("2001:db8:1:2:ffff::9")
    assert web.throttling_address("") == "inconnue"


# 3. a password change ends the sessions


def test_a_new_password_ends_every_open_session(session):
    claire = accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    marie = accounts.create_counsellor(session, "marie", "Marie", PASSWORD)
    stolen, own = accounts.open_session(session, claire), accounts.open_session(session, claire)
    other = accounts.open_session(session, marie)
    assert accounts.set_password(session, "Claire", "un tout autre mot de passe") == 2
    assert accounts.signed_in(session, stolen) is None and accounts.signed_in(session, own) is None
    assert accounts.signed_in(session, other) is not None
    assert accounts.authenticate(session, "claire", PASSWORD) is None
    assert accounts.authenticate(session, "claire", "un tout autre mot de passe").id == claire.id


def test_ending_sessions_can_keep_the_one_in_use(session):
    claire = accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    current, other = accounts.open_session(session, claire), accounts.open_session(session, claire)
    assert accounts.end_sessions(session, claire.id, keep_token=current) == 1
    session.commit()
    assert accounts.signed_in(session, current) is not None and accounts.signed_in(session, other) is None


def test_the_command_line_password_change_ends_sessions(sqlite_url, monkeypatch, capsys):
    with session_factory(sqlite_url)() as session:
        claire = accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
        token = accounts.open_session(session, claire)
    monkeypatch.setattr("sys.stdin", _Lines("un tout autre mot de passe\n"))
    assert cli.main(["counsellors", "password", "claire", "--password-stdin"]) == 0
    assert "1 session(s) ouverte(s) fermée(s)" in capsys.readouterr().out
    with session_factory(sqlite_url)() as session:
        assert accounts.signed_in(session, token) is None
        assert count(session, AuditEntry, AuditEntry.action == "password_changed") == 1


class _Lines:
    def __init__(self, text: str):
        self.lines = text.splitlines(keepends=True)

    def readline(self) -> str:
        return self.lines.pop(0) if self.lines else ""


# 4. disabling an account


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(session):
    claire = accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    token = accounts.open_session(session, claire)
    assert accounts.set_active(session, "claire", False) == 1
    assert accounts.signed_in(session, token) is None
    assert count(session, WebSession) == 0
    assert accounts.authenticate(session, "claire", PASSWORD) is None
    accounts.set_active(session, "claire", True)
    assert accounts.authenticate(session, "claire", PASSWORD).id == claire.id
    with pytest.raises(accounts.AccountError, match="aucun compte"):
        accounts.set_active(session, "personne", False)


def test_the_command_line_disables_and_enables_an_account(sqlite_url, capsys):
    with session_factory(sqlite_url)() as session:
        claire = accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
        token = accounts.open_session(session, claire)
    assert cli.main(["counsellors", "disable", "CLAIRE"]) == 0
    assert "Compte claire désactivé. 1 session(s) ouverte(s) fermée(s)." in capsys.readouterr().out
    with session_factory(sqlite_url)() as session:
        assert accounts.signed_in(session, token) is None
    assert asyncio.run(web.check_login(DESK, "claire", PASSWORD)).token is None
    cli.main(["counsellors", "list"])
    assert "désactivé" in capsys.readouterr().out
    assert cli.main(["counsellors", "enable", "claire"]) == 0
    assert asyncio.run(web.check_login(DESK, "claire", PASSWORD)).token
    assert cli.main(["counsellors", "disable", "personne"]) == 1
    assert "aucun compte personne" in capsys.readouterr().err
    with session_factory(sqlite_url)() as session:
        actions = [entry.action for entry in session.execute(select(AuditEntry)).scalars()]
    assert {"account_disabled", "account_enabled"} <= set(actions)


# 6. the sign-in form's CSRF token


def test_a_signed_login_token_is_accepted_for_an_hour(frozen):
    token = web.login_form_token(SECRET)
    assert web.valid_login_form_token(SECRET, token)
    frozen(NOW + web.LOGIN_FORM_LIFETIME - dt.timedelta(seconds=1))
    assert web.valid_login_form_token(SECRET, token)
    frozen(NOW + web.LOGIN_FORM_LIFETIME + dt.timedelta(seconds=1))
    assert not web.valid_login_form_token(SECRET, token)


def test_forged_login_tokens_are_refused(frozen):
    token = web.login_form_token(SECRET)
    issued, nonce, mac = token.split(".")
    forged = [
        "", None, "x" * 43, "forged", f"{issued}.{nonce}", f"{issued}.{nonce}.{mac}.x",
        web.login_form_token(b"another installation's secret"),
        f"{issued}.{nonce}x.{mac}",  # another random part
        f"{int(issued) + 30}.{nonce}.{mac}",  # another time
        f"0{issued}.{nonce}.{mac}",
        f"{issued}.{nonce}.{mac[:-1]}{'0' if mac[-1] != '0' else '1'}",
        f"{issued}.{nonce}.é{mac[1:]}",  # non-ASCII: refused, not an error
        f"١٢.{nonce}.{mac}",
        "9" * 400 + ".x.y", "9" * 5000 + ".x.y",  # once an OverflowError, a ValueError: a 500
    ]
    for candidate in forged:
        assert not web.valid_login_form_token(SECRET, candidate), candidate
    frozen(NOW - dt.timedelta(minutes=5))  # issued in the future
    assert not web.valid_login_form_token(SECRET, token)


def test_the_secret_comes_from_the_environment_or_a_private_file(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "SECRET_FILE", tmp_path / "var" / "counsellor-secret.key")
    monkeypatch.setenv(settings.SECRET_ENV, "s" * 40)
    assert settings.app_secret() == b"s" * 40
    monkeypatch.setenv(settings.SECRET_ENV, "court")
    with pytest.raises(ValueError, match="au moins 32"):
        settings.app_secret()
    monkeypatch.delenv(settings.SECRET_ENV)
    first = settings.app_secret()
    assert len(first) >= 32 and settings.app_secret() == first
    assert stat.S_IMODE(os.stat(settings.SECRET_FILE).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(settings.SECRET_FILE.parent).st_mode) == 0o700
    assert [p.name for p in settings.SECRET_FILE.parent.iterdir()] == ["counsellor-secret.key"]
    settings.SECRET_FILE.chmod(0o644)  # loosened by hand: tightened again
    assert settings.app_secret() == first
    assert stat.S_IMODE(os.stat(settings.SECRET_FILE).st_mode) == 0o600


# 7. the audit log never keeps a password typed as a login


def test_what_was_typed_as_login_is_audited_only_when_it_is_a_login(sqlite_url):
    with session_factory(sqlite_url)() as session:
        accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    typed_password = "MonMotDePasse!2026"
    assert asyncio.run(web.check_login(DESK, typed_password, "")).token is None
    assert asyncio.run(web.check_login(DESK, " Claire ", "pas le bon")).token is None
    with session_factory(sqlite_url)() as session:
        entries = list(session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars())
        failures = list(session.execute(select(LoginFailure.login)).scalars())
    assert [(e.action, e.detail) for e in entries] == [("login_failed", web.UNKNOWN_LOGIN),
                                                       ("login_failed", "claire")]
    assert all(typed_password.lower() not in repr(vars(e)).lower() for e in entries)
    # Nor the failures the throttling counts.
    assert failures == [accounts.UNKNOWN, "claire"]
    assert audit.ACTIONS["account_disabled"]


def test_unknown_logins_are_slowed_down_together(session, quick_hash):
    accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    for index in range(4):
        fail(session, accounts.ADDRESS_SHARE, login=f"inconnue-{index}", address=f"192.0.2.{index}")
    assert accounts.throttled_for(session, DESK, "personne") is not None
    assert accounts.throttled_for(session, DESK, "claire") is None


# 8. the SQLite file is its owner's only


def test_a_new_sqlite_database_and_its_directory_are_private(tmp_path):
    path = tmp_path / "new-dir" / "ccas.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        for name in (path, path.with_name("ccas.db-wal"), path.with_name("ccas.db-shm")):
            assert stat.S_IMODE(os.stat(name).st_mode) == 0o600, name
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    engine.dispose()


def test_an_existing_world_readable_database_is_tightened_and_still_works(tmp_path):
    path = tmp_path / "ccas.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE kept (x INTEGER)")
        connection.execute("INSERT INTO kept VALUES (42)")
    path.chmod(0o644)
    tmp_path.chmod(0o755)
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT x FROM kept").scalar() == 42
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # A directory the project does not own (here pytest's) is left as it was.
    assert stat.S_IMODE(os.stat(tmp_path).st_mode) == 0o755
    engine.dispose()


def test_memory_databases_need_no_file():
    for url in ("sqlite://", "sqlite:///:memory:"):
        with make_engine(url).connect() as connection:
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1


# 9. callback numbers are never given twice


def test_a_callback_number_is_never_given_again_after_an_erasure(session):
    slot = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone.utc)
    first = book(session, slot_start=slot, capacity=5, sender_id="ann", phone="+33612345678")
    latest = book(session, slot_start=slot, capacity=5, sender_id="ben", phone="+33612345679")
    erase_person(session, "ben")
    assert session.get(Booking, latest.id) is None
    again = book(session, slot_start=slot, capacity=5, sender_id="cam", phone="+33612345670")
    assert again.id > latest.id > first.id


def test_the_migration_keeps_bookings_and_skips_numbers_already_erased(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0002")
    with sqlite3.connect(tmp_path / "old.db") as connection:
        for ident in (1, 2, 3):
            connection.execute(
                "INSERT INTO callback_bookings (id, slot_start, seat, sender_id, channel, phone, "
                "consent_transcript, status) VALUES (?, '2026-11-25 10:00:00', ?, ?, 'rest', "
                "'+33612345678', 0, 'booked')", (ident, ident, f"person-{ident}"))
        # Numbers 4 to 7 were given, then erased before the migration: the audit log quotes 7.
        connection.execute("INSERT INTO audit_log (at, action, booking_id) VALUES "
                           "('2026-11-20 10:00:00', 'erase', 7)")
    upgrade(url)
    with session_factory(url)() as session:
        assert [b.sender_id for b in session.execute(select(Booking).order_by(Booking.id)).scalars()] == [
            "person-1", "person-2", "person-3"]
        slot = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
        assert book(session, slot_start=slot, capacity=1, sender_id="new", phone="+33612345678").id == 8
    with sqlite3.connect(tmp_path / "old.db") as connection:
        schema = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'callback_bookings'").fetchone()[0]
    assert "AUTOINCREMENT" in schema and "uq_booking_slot_seat" in schema


def test_the_new_migrations_go_down_and_up_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'ccas.db'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "0002")
    with sqlite3.connect(tmp_path / "ccas.db") as connection:
        schema = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'callback_bookings'").fetchone()[0]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(login_failures)")]
    assert "AUTOINCREMENT" not in schema and "address" not in columns
    upgrade(url)
    with session_factory(url)() as session:
        assert count(session, LoginFailure) == 0
