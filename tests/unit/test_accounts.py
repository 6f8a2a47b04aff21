"""Counsellors' accounts, logins and sessions, on SQLite and PostgreSQL."""
import datetime as dt

import pytest

from bot.callbacks import clock
from bot.callbacks.worklist import Row, arrange, group_of
from bot.storage import accounts
from bot.storage.db import session_factory
from bot.storage.migrate import upgrade

PASSWORD = "un mot de passe assez long"


@pytest.fixture
def session(database_url):
    upgrade(database_url)
    with session_factory(database_url)() as opened:
        yield opened


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Moves bot.callbacks.clock: returns a function that sets the time."""
    path = tmp_path / "clock.txt"
    monkeypatch.setenv(clock.CLOCK_FILE_ENV, str(path))

    def at(moment: dt.datetime) -> None:
        path.write_text(moment.isoformat())

    at(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc))
    return at


def test_passwords_are_hashed_with_argon2_and_checked(session):
    counsellor = accounts.create_counsellor(session, " Claire@CCAS.fr ", "Claire M.", PASSWORD)
    assert counsellor.login == "claire@ccas.fr"
    assert counsellor.password_hash.startswith("$argon2") and PASSWORD not in counsellor.password_hash
    assert accounts.authenticate(session, "CLAIRE@ccas.fr", PASSWORD).id == counsellor.id
    assert accounts.authenticate(session, "claire@ccas.fr", "pas le bon") is None
    assert accounts.authenticate(session, "inconnue", PASSWORD) is None


def test_weak_or_duplicate_accounts_are_refused(session):
    with pytest.raises(accounts.AccountError, match="trop court"):
        accounts.create_counsellor(session, "claire", "Claire", "court")
    accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    with pytest.raises(accounts.AccountError, match="existe déjà"):
        accounts.create_counsellor(session, "CLAIRE", "Autre", PASSWORD)


def test_failures_slow_down_the_address_and_forget_after_an_hour(session, frozen):
    accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    start = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)
    free = accounts.PER_ADDRESS.free
    for minute in range(free):
        frozen(start + dt.timedelta(minutes=minute))
        assert accounts.throttled_for(session, "203.0.113.5", "claire") is None
        accounts.authenticate(session, "claire", "faux", address="203.0.113.5")
    last = start + dt.timedelta(minutes=free - 1)
    assert accounts.throttled_for(session, "203.0.113.5", "claire") == accounts.PER_ADDRESS.first_wait
    frozen(last + accounts.PER_ADDRESS.first_wait)
    assert accounts.throttled_for(session, "203.0.113.5", "claire") is None
    frozen(start + accounts.FAILURE_MEMORY + dt.timedelta(minutes=free))  # all forgotten
    assert accounts.throttled_for(session, "203.0.113.5", "claire") is None
    assert accounts.authenticate(session, "claire", PASSWORD, address="203.0.113.5") is not None


def test_sessions_expire_and_close(session, frozen):
    counsellor = accounts.create_counsellor(session, "claire", "Claire", PASSWORD)
    token = accounts.open_session(session, counsellor)
    me = accounts.signed_in(session, token)
    assert me.name == "Claire" and len(me.csrf_token) >= 32
    assert accounts.signed_in(session, token + "x") is None
    assert accounts.signed_in(session, None) is None
    frozen(dt.datetime(2026, 11, 24, 19, 1, tzinfo=dt.timezone.utc))  # 10 hours later
    assert accounts.signed_in(session, token) is None
    again = accounts.open_session(session, counsellor)
    accounts.close_session(session, again)
    assert accounts.signed_in(session, again) is None


PARIS = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)


def row(ident, hour, day=24, followup="to_call", status="booked", urgent=False, themes=()):
    return Row(ident, dt.datetime(2026, 11, day, hour, 0, tzinfo=PARIS), status, followup, urgent, themes)


def test_the_work_list_groups_and_orders_callbacks():
    rows = [row(1, 9), row(2, 14), row(3, 16, urgent=True), row(4, 9, day=25), row(5, 9, day=23),
            row(6, 14, followup="closed"), row(7, 15, status="cancelled"), row(8, 8, followup="no_answer")]
    groups = arrange(rows, NOW)
    assert [r.booking_id for r in groups["overdue"]] == [5, 8, 1]  # the 9 h slot ended at 9 h 30
    assert [r.booking_id for r in groups["today"]] == [3, 2]  # urgent first
    assert group_of(row(9, 10), NOW.replace(minute=20)) == "today"  # within its half hour
    assert [r.booking_id for r in groups["upcoming"]] == [4]
    assert {r.booking_id for r in groups["done"]} == {6, 7}
    assert [r.booking_id for r in arrange(rows, NOW, theme="energy")["today"]] == []
    assert [r.booking_id for r in arrange(rows, NOW, followup="no_answer")["overdue"]] == [8]
