"""The attacks of the security review, replayed over real HTTP against the counsellors' app:
each request that used to work must now fail, and change nothing in the database.

The app runs here on its own SQLite database, without Rasa (no model needed), behind a
"proxy": COUNSELLOR_PROXIES=1, so that each client says its address in X-Forwarded-For, as the
intranet's proxy does in production.
"""
from __future__ import annotations

import datetime as dt
import html
import itertools
import os
import socket
import stat
import subprocess
import sys
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select, text

from bot.callbacks.bookings import Booking, book
from bot.callbacks.followup import Note
from bot.storage import accounts
from bot.storage.accounts import Counsellor, LoginFailure, WebSession
from bot.storage.audit import AuditEntry
from bot.storage.db import session_factory
from bot.storage.migrate import upgrade
from bot.web.app import UNKNOWN_LOGIN
from tests.integration.conftest import PASSWORD
from tests.integration.servers import ROOT, Web, start_web
from tests.integration.web_client import Client

SECRET = "une clé de test assez longue pour signer les formulaires"
START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)
SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                    "Referrer-Policy", "Cache-Control")
_addresses = (f"10.{a}.{b}.{c}" for a, b, c in itertools.product(range(1, 250), range(250), range(1, 250)))


@dataclass
class App:
    url: str
    database_url: str
    database: Path
    clock_file: Path
    web: Web

    def client(self) -> Client:
        """A browser at an address of its own."""
        return Client(self.url, {"X-Forwarded-For": next(_addresses)})

    def session(self):
        return session_factory(self.database_url)()

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": self.database_url}
        return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True, env=env,
                              capture_output=True, cwd=ROOT, check=False)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-attacks")
    database = folder / "data" / "ccas.db"
    url = f"sqlite:///{database}"
    upgrade(url)
    with session_factory(url)() as session:
        accounts.create_counsellor(session, "claire", "Claire M.", PASSWORD)
    clock_file = folder / "clock.txt"
    clock_file.write_text(START.isoformat())
    web = start_web(url, clock_file, {"COUNSELLOR_PROXIES": "1", "COUNSELLOR_SECRET": SECRET})
    yield App(web.url, url, database, clock_file, web)
    web.stop()


_hours = itertools.count()


@pytest.fixture(autouse=True)
def fresh_hour(app):
    """Each test a few hours after the last, the app's clock frozen there: the failed sign-ins
    of the tests before are forgotten, and no wait runs out during a test."""
    moment = START + dt.timedelta(hours=3 * next(_hours))
    app.clock_file.write_text(moment.isoformat())
    return moment


def counts(app: App) -> dict[str, int]:
    """What an attack could have changed."""
    with app.session() as session:
        return {model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
                for model in (WebSession, AuditEntry, Note, Booking, Counsellor)}


def signed_in(app: App, login: str = "claire", password: str = PASSWORD) -> Client:
    client = app.client()
    assert client.sign_in(login, password).status_code == 303
    return client


def a_booking(app: App, sender: str) -> int:
    with app.session() as session:
        slot = START + dt.timedelta(days=1, hours=1)
        return book(session, slot_start=slot, capacity=50, sender_id=sender, phone="+33612345678").id


def alert(response: requests.Response) -> str:
    page = response.text
    start = page.index('role="alert"')
    return html.unescape(page[page.index(">", start) + 1:page.index("</p>", start)])


# 1. The event loop is not held up by argon2


def test_pages_are_served_while_many_passwords_are_being_checked(app):
    # 48 accounts (one argon2 hash for all: made once), 48 addresses: nothing is slowed down, so
    # each of the 48 bad sign-ins costs a real argon2 check.
    shared_hash = accounts.HASHER.hash(PASSWORD)
    with app.session() as session:
        session.add_all([Counsellor(login=f"charge-{index}", name=f"Chargée {index}",
                                    password_hash=shared_hash, active=True) for index in range(48)])
        session.commit()
    attempts = []
    for index in range(48):
        client = app.client()
        attempts.append((client, {"csrf": client.csrf("/connexion"), "login": f"charge-{index}",
                                  "password": "pas le bon mot de passe"}))
    with ThreadPoolExecutor(max_workers=48) as pool:
        running = [pool.submit(client.post, "/connexion", form) for client, form in attempts]
        wait(running, return_when=FIRST_COMPLETED)  # the app is busy checking passwords now
        stylesheet = requests.get(f"{app.url}/static/app.css", timeout=30)
        unanswered = sum(not attempt.done() for attempt in running)
        answers = [attempt.result().status_code for attempt in running]
    assert stylesheet.status_code == 200 and "text/css" in stylesheet.headers["content-type"]
    # With argon2 on the event loop, the stylesheet came after every sign-in (3.6 s for 48).
    # Two checks run at a time in worker threads: most sign-ins are still waiting.
    assert unanswered >= 10, unanswered
    assert answers == [401] * 48


# 2. No lockout: an attacker is slowed down at his address, the counsellor signs in from hers


def test_an_attacker_is_slowed_down_but_the_counsellor_still_signs_in(app):
    attacker = app.client()
    tries = [attacker.sign_in("claire", f"essai {index}").status_code
             for index in range(accounts.PER_ADDRESS.free)]
    assert tries == [401] * accounts.PER_ADDRESS.free
    before = counts(app)
    refused = attacker.sign_in("claire", PASSWORD)  # even with the right password
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "2"
    message = alert(refused)
    assert "les connexions sont ralenties" in message and "patienter 2 secondes" in message
    assert attacker.sign_in("another-login", "essai").status_code == 429  # spraying logins: same address
    assert "ccas_session" not in attacker.cookies and counts(app) == before
    with app.session() as session:  # refused attempts are not even counted
        address = attacker.headers["X-Forwarded-For"]
        failures = session.execute(select(func.count()).select_from(LoginFailure)
                                   .where(LoginFailure.address == address)).scalar()
    assert failures == accounts.PER_ADDRESS.free
    counsellor = app.client()
    assert counsellor.sign_in("claire", PASSWORD).status_code == 303
    assert counsellor.get("/").status_code == 200


def test_the_login_page_says_kindly_when_sign_ins_are_slowed_down(app):
    attacker = app.client()
    for index in range(accounts.PER_ADDRESS.free):
        attacker.sign_in("claire", f"essai {index}")
    page = attacker.sign_in("claire", "encore un essai")
    assert page.status_code == 429
    assert "Merci de patienter" in alert(page) and "peut vous en donner un nouveau" in alert(page)
    assert 'value="claire"' in page.text  # what she typed is kept
    for header in SECURITY_HEADERS:
        assert header in page.headers


# 3 and 4. A password change, or disabling an account, ends its open sessions


def test_a_password_change_ends_the_sessions_already_open(app):
    with app.session() as session:
        accounts.create_counsellor(session, "partie", "Partie", PASSWORD)
    booking = a_booking(app, "person-password")
    thief, own = signed_in(app, "partie"), signed_in(app, "partie")
    csrf = thief.csrf(f"/rappels/{booking}")
    changed = app.cli("counsellors", "password", "partie", "--password-stdin",
                      stdin="un nouveau mot de passe\n")
    assert changed.returncode == 0 and "2 session(s) ouverte(s) fermée(s)" in changed.stdout
    before = counts(app)
    for client in (thief, own):
        assert client.get("/").headers["location"] == "/connexion"
        page = f"/rappels/{booking}"
        assert client.post(f"{page}/notes", {"csrf": csrf, "note": "écrit après"}).status_code == 403
        assert client.post(f"{page}/statut", {"csrf": csrf, "statut": "closed"}).status_code == 403
    assert counts(app) == before
    with app.session() as session:
        assert session.get(Booking, booking).followup == "to_call"
    assert app.client().sign_in("partie", PASSWORD).status_code == 401
    assert app.client().sign_in("partie", "un nouveau mot de passe").status_code == 303


def test_a_disabled_account_is_signed_out_at_once_and_cannot_sign_in(app):
    with app.session() as session:
        accounts.create_counsellor(session, "depart", "Départ", PASSWORD)
    booking = a_booking(app, "person-disabled")
    open_session = signed_in(app, "depart")
    csrf = open_session.csrf(f"/rappels/{booking}")
    disabled = app.cli("counsellors", "disable", "depart")
    assert disabled.returncode == 0 and "désactivé" in disabled.stdout
    before = counts(app)
    assert open_session.get(f"/rappels/{booking}").headers["location"] == "/connexion"
    erase = open_session.post(f"/rappels/{booking}/effacer", {"csrf": csrf, "confirmation": "oui"})
    assert erase.status_code == 403
    again = app.client().sign_in("depart", PASSWORD)
    assert again.status_code == 401 and "ccas_session" not in again.cookies
    after = counts(app)
    assert after == {**before, "audit_log": before["audit_log"] + 1}  # the refused sign-in, audited
    with app.session() as session:
        assert session.get(Booking, booking) is not None
        last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).scalars().first()
    assert (last.action, last.detail) == ("login_failed", "depart")
    assert app.cli("counsellors", "enable", "depart").returncode == 0
    assert app.client().sign_in("depart", PASSWORD).status_code == 303


# 5. Error pages: French, with the security headers, 404 for any id that cannot be a callback


def test_out_of_range_and_non_numeric_ids_give_a_french_404_never_a_500(app):
    client = signed_in(app)
    reference = client.get("/")
    booking = a_booking(app, "person-404")
    csrf = client.csrf(f"/rappels/{booking}")
    before = counts(app)
    for path in ("/rappels/99999999999999999999999999", "/rappels/2147483648", "/rappels/9223372036854775808",
                 "/rappels/-1", "/rappels/0", "/rappels/abc", "/rappels/1e3", "/rappels/%20", "/nulle-part"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "n'existe pas" in alert(response) and "Traceback" not in response.text
        for header in SECURITY_HEADERS:
            assert response.headers[header] == reference.headers[header], (path, header)
    huge = "/rappels/99999999999999999999999999"
    assert client.post(f"{huge}/notes", {"csrf": csrf, "note": "perdue"}).status_code == 404
    assert client.post(f"{huge}/statut", {"csrf": csrf, "statut": "closed"}).status_code == 404
    assert client.post(f"{huge}/effacer", {"csrf": csrf, "confirmation": "oui"}).status_code == 404
    assert counts(app) == before


def test_other_errors_are_french_pages_with_the_same_headers(app):
    client = signed_in(app)
    reference = client.get("/").headers
    not_allowed = client.request("PUT", "/")
    assert not_allowed.status_code == 405 and "pas possible" in alert(not_allowed)
    malformed = _raw(app, b"GET /connexion HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n")
    assert malformed.startswith(b"HTTP/1.1 400") and "La demande n'a pas pu être comprise" in html.unescape(
        malformed.decode())
    for header in SECURITY_HEADERS:
        assert f"{header}: {reference[header]}".lower().encode() in malformed.lower()
    assert not_allowed.headers["Content-Security-Policy"] == reference["Content-Security-Policy"]


def test_a_server_error_is_a_french_page_without_any_trace(app):
    client = signed_in(app)
    reference = client.get("/").headers
    with app.session() as session:  # the database breaks under the app
        session.execute(text("ALTER TABLE web_sessions RENAME TO web_sessions_away"))
        session.commit()
    try:
        broken = client.get("/")
    finally:
        with app.session() as session:
            session.execute(text("ALTER TABLE web_sessions_away RENAME TO web_sessions"))
            session.commit()
    assert broken.status_code == 500
    assert "Une erreur s'est produite de notre côté" in alert(broken)
    for leak in ("Traceback", "web_sessions", "SELECT", "sqlite", "File \""):
        assert leak not in broken.text, leak
    for header in SECURITY_HEADERS:
        assert broken.headers[header] == reference[header]
    assert client.get("/").status_code == 200  # and back once the database is


def _raw(app: App, request: bytes) -> bytes:
    port = int(app.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


# 6. The sign-in form's token cannot be forged, even with an injected cookie


def test_a_forged_login_token_is_refused_even_with_a_matching_injected_cookie(app, fresh_hour):
    genuine = app.client().csrf("/connexion")
    issued, nonce, mac = genuine.split(".")
    expired_client = app.client()
    expired = expired_client.csrf("/connexion")
    app.clock_file.write_text((fresh_hour + dt.timedelta(hours=1, minutes=1)).isoformat())
    before = counts(app)
    forgeries = {
        "injected double-submit cookie": ("a" * 43, {"ccas_login_csrf": "a" * 43}),
        "no token": ("", {}),
        "another time": (f"{int(issued) + 3600}.{nonce}.{mac}", {}),
        "another random part": (f"{issued}.{nonce}A.{mac}", {}),
        "made up signature": (f"{issued}.{nonce}.{'0' * 64}", {}),
        "more than an hour old": (expired, {}),
    }
    for name, (token, cookies) in forgeries.items():
        attacker = app.client()
        attacker.cookies.update(cookies)
        response = attacker.post("/connexion", {"csrf": token, "login": "claire", "password": PASSWORD})
        assert response.status_code == 403, name
        assert "Le formulaire a expiré" in alert(response) and "ccas_session" not in attacker.cookies, name
    # A valid token, but the form comes from another site (a sibling subdomain can set cookies).
    cross = Client(app.url, {"Sec-Fetch-Site": "same-site", "X-Forwarded-For": next(_addresses)})
    token = cross.csrf("/connexion")
    response = cross.post("/connexion", {"csrf": token, "login": "claire", "password": PASSWORD})
    assert response.status_code == 403
    assert counts(app) == before
    # The genuine form of a moment ago still works: no cookie needed.
    fresh = app.client()
    assert fresh.post("/connexion", {"csrf": fresh.csrf("/connexion"), "login": "claire",
                                     "password": PASSWORD}).status_code == 303


# 7. A password typed in the login field never reaches the audit log


def test_a_password_typed_as_login_is_not_kept(app):
    typed = "Mon-Mot-De-Passe-Secret-2026"
    assert app.client().sign_in(typed, "").status_code == 401
    assert app.client().sign_in("claire", "pas le bon").status_code == 401
    with app.session() as session:
        details = list(session.execute(select(AuditEntry.detail).where(AuditEntry.action == "login_failed")
                                       .order_by(AuditEntry.id.desc()).limit(2)).scalars())
        pattern = {"p": f"%{typed.lower()}%"}
        kept = session.execute(text("SELECT COUNT(*) FROM audit_log WHERE lower(detail) LIKE :p "
                                    "OR lower(counsellor_name) LIKE :p"), pattern).scalar()
        failures = session.execute(text("SELECT COUNT(*) FROM login_failures WHERE lower(login) LIKE :p"),
                                   pattern).scalar()
    assert details == ["claire", UNKNOWN_LOGIN]
    assert (kept, failures) == (0, 0)


# 8. The database file is its owner's only


def test_the_database_and_its_directory_are_private(app):
    signed_in(app)  # the app has written (WAL)
    assert stat.S_IMODE(app.database.stat().st_mode) == 0o600
    assert stat.S_IMODE(app.database.parent.stat().st_mode) == 0o700
    for companion in app.database.parent.glob("ccas.db-*"):
        assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion


# 9. A callback number quoted in a note never comes to mean someone else


def test_an_erased_callback_number_is_not_given_to_the_next_person(app):
    client = signed_in(app)
    erased = a_booking(app, "person-erased")
    csrf = client.csrf(f"/rappels/{erased}")
    assert client.post(f"/rappels/{erased}/effacer", {"csrf": csrf, "confirmation": "oui"}).status_code == 303
    following = a_booking(app, "person-next")
    assert following > erased
    assert client.get(f"/rappels/{erased}").status_code == 404  # "rappel n° erased" still means no one
