"""The counsellors' web app over HTTP, on the same database as the real assistant."""
import html
import uuid

import pytest
from sqlalchemy import text

from bot.callbacks.bookings import Booking
from bot.configuration.settings import load_settings
from bot.storage.db import session_factory
from bot.web.app import PUBLIC, create_app
from tests.integration.callbacks_booked import a_handover, booking_of
from tests.integration.clock_moments import TUESDAY_10
from tests.integration.conftest import PASSWORD
from tests.integration.web_client import Client


@pytest.fixture
def signed_in(servers, web):
    # Sessions last a working day by the app's clock: set it before signing in.
    servers.set_clock(TUESDAY_10)
    client = Client(web.url)
    assert client.sign_in("claire", PASSWORD).status_code == 303
    return client


def routes():
    app = create_app(load_settings(), f"routes_{uuid.uuid4().hex[:6]}")
    found = []
    for route in app.router.routes:
        path = "/" + route.path.strip("/")
        for method in route.methods:
            found.append((method, path.replace("<booking_id:int>", "1")))
    return found


def test_every_route_refuses_a_request_without_a_session(web):
    checked = 0
    for method, path in routes():
        if path in PUBLIC:
            continue
        response = Client(web.url).request(method, path, {"csrf": "x", "note": "x", "statut": "closed"})
        if method == "GET":
            assert (response.status_code, response.headers["location"]) == (303, "/connexion"), path
        else:
            assert response.status_code == 403, (method, path)
        assert "Rappel n°" not in response.text
        checked += 1
    assert checked >= 6


def test_a_forged_csrf_token_is_refused_and_changes_nothing(servers, web, signed_in):
    _, booking = a_handover(servers)
    for path, data in ((f"/rappels/{booking.id}/statut", {"statut": "closed"}),
                       (f"/rappels/{booking.id}/notes", {"note": "forgée"}),
                       (f"/rappels/{booking.id}/effacer", {"confirmation": "oui"})):
        for forged in ({"csrf": "forged"}, {}):
            response = signed_in.post(path, {**data, **forged})
            assert response.status_code == 403, path
            assert "Ce formulaire n'est plus valable" in html.unescape(response.text)
    with session_factory(servers.database_url)() as session:
        assert session.get(Booking, booking.id).followup == "to_call"
    assert "forgée" not in signed_in.get(f"/rappels/{booking.id}").text
    # A login form posted without its own token is refused too.
    assert Client(web.url).post("/connexion", {"login": "claire", "password": PASSWORD}).status_code == 403


def test_failed_logins_say_so_and_lock_no_one_out(web):
    # The slowing down itself (per address, per login): tests/integration/test_web_attacks.py.
    client = Client(web.url)
    for _ in range(3):
        response = client.sign_in("pause-test", "mauvais mot de passe")
        assert response.status_code == 401 and "Identifiant ou mot de passe incorrect" in response.text
    assert client.sign_in("claire", PASSWORD).status_code == 303


def test_html_written_in_the_chat_is_shown_as_text(servers, signed_in):
    script = "<script>alert('x')</script><b>gras</b>"
    _, booking = a_handover(servers, opening=f"j'ai des dettes {script}", name="Sam")
    with session_factory(servers.database_url)() as session:
        session.get(Booking, booking.id).pseudonym = "<img src=x onerror=alert(1)>"
        session.commit()
    page = signed_in.get(f"/rappels/{booking.id}").text
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;gras&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b>gras</b>" not in page and "<img src=x" not in page
    listed = signed_in.get("/").text
    assert "<img src=x" not in listed and "&lt;img src=x" in listed
    assert "default-src 'none'" in signed_in.get("/").headers["Content-Security-Policy"]


def test_status_workflow_notes_and_audit_trail(servers, signed_in):
    _, booking = a_handover(servers)
    page = f"/rappels/{booking.id}"
    csrf = signed_in.csrf(page)
    response = signed_in.post(f"{page}/statut", {"csrf": csrf, "statut": "no_answer", "note": "Messagerie"})
    assert response.status_code == 303
    assert signed_in.post(f"{page}/statut", {"csrf": csrf, "statut": "bogus"}).status_code == 400
    signed_in.post(f"{page}/statut", {"csrf": csrf, "statut": "called"})
    signed_in.post(f"{page}/notes", {"csrf": csrf, "note": "Dossier FSL à préparer"})
    signed_in.post(f"{page}/statut", {"csrf": csrf, "statut": "closed"})
    shown = signed_in.get(page).text
    assert "Messagerie" in shown and "Dossier FSL à préparer" in shown
    for line in ("a consulté le dossier", "a changé le statut (À appeler → Pas de réponse, à rappeler)",
                 "a changé le statut (Appelée, à clore → Clos)", "a ajouté une note"):
        assert f"Claire M. {line}" in html.unescape(shown), line
    with session_factory(servers.database_url)() as session:
        assert session.get(Booking, booking.id).followup == "closed"


def test_the_list_puts_urgent_callbacks_first_and_filters(servers, signed_in):
    servers.set_clock(TUESDAY_10)
    # Booked one after the other at the first free slot: the same group, the urgent one later.
    _, calm = a_handover(servers, opening="j'ai du mal à finir le mois")
    _, urgent = a_handover(servers, opening="on va me couper l'électricité demain")
    listed = signed_in.get("/").text
    sections = listed.split("<section")
    [together] = [sec for sec in sections if f"/rappels/{calm.id}" in sec]
    assert together.index(f"/rappels/{urgent.id}") < together.index(f"/rappels/{calm.id}")
    energy = signed_in.get("/?theme=energy").text
    assert f"/rappels/{urgent.id}" in energy and f"/rappels/{calm.id}" not in energy
    assert f"/rappels/{urgent.id}" not in signed_in.get("/?statut=closed").text


def test_erasing_from_the_app_deletes_conversation_callbacks_and_notes(servers, signed_in):
    chat, booking = a_handover(servers)
    page = f"/rappels/{booking.id}"
    csrf = signed_in.csrf(page)
    signed_in.post(f"{page}/notes", {"csrf": csrf, "note": "à effacer"})
    assert signed_in.post(f"{page}/effacer", {"csrf": csrf}).headers["location"].endswith("confirmer")
    assert signed_in.post(f"{page}/effacer", {"csrf": csrf, "confirmation": "oui"}).status_code == 303
    assert signed_in.get(page).status_code == 404
    with session_factory(servers.database_url)() as session:
        events = session.execute(text("SELECT COUNT(*) FROM events WHERE sender_id = :s"),
                                 {"s": chat.sender}).scalar()
        notes = session.execute(text("SELECT COUNT(*) FROM handover_notes WHERE sender_id = :s"),
                                {"s": chat.sender}).scalar()
    assert (events, notes, booking_of(servers, chat.sender)) == (0, 0, None)


def test_erasing_from_the_chat_deletes_everything_and_starts_afresh(servers):
    chat, booking = a_handover(servers)
    question = chat.say("je veux que vous effaciez tout ce que j'ai écrit")
    assert "Voulez-vous que j'efface tout maintenant ?" in " ".join(chat.texts(question))
    done = " ".join(chat.texts(chat.say("oui")))
    assert "notre conversation est effacée" in done
    with session_factory(servers.database_url)() as session:
        events = session.execute(text("SELECT COUNT(*) FROM events WHERE sender_id = :s"),
                                 {"s": chat.sender}).scalar()
    assert events == 0 and booking_of(servers, chat.sender) is None
    again = chat.texts(chat.say("bonjour"))
    assert "assistant automatique" in again[0]  # a new conversation, with the welcome


def test_done_callbacks_leave_the_list_after_thirty_days(servers, signed_in):
    import datetime as dt

    from bot.callbacks.bookings import book

    tuesday = dt.datetime.fromisoformat(TUESDAY_10)
    made = {}
    with session_factory(servers.database_url)() as session:
        for key, days, state in (("old_closed", 40, "closed"), ("old_open", 40, "to_call"),
                                 ("recent_closed", 10, "closed")):
            booking = book(session, slot_start=tuesday - dt.timedelta(days=days), capacity=2,
                           sender_id=f"horizon-{key}-{uuid.uuid4().hex[:6]}", phone="+33612345678")
            booking.followup = state
            session.commit()
            made[key] = booking.id
    listed = signed_in.get("/").text
    assert f"/rappels/{made['old_open']}\"" in listed  # still to call: overdue, never hidden
    assert f"/rappels/{made['recent_closed']}\"" in listed
    assert f"/rappels/{made['old_closed']}\"" not in listed
