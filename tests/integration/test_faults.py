
"""Faults while people are talking: the action server goes down, the database goes down for a
few seconds, the bookings table stays unavailable during a booking. Nothing the person wrote
is lost, they are told what to do, and no booking is lost or made twice."""
import re
import threading
import time

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.conftest import start_postgres_or_skip
from tests.integration.clock_moments import TUESDAY_10
from tests.integration.conftest import Chat
from tests.integration.servers import start_servers

DIRECT_LINE = "04 76 69 45 94"  # config/ccas/grenoble.yml


def person_texts(servers, sender):
    tracker = requests.get(f"{servers.rasa_url}/conversations/{sender}/tracker?token={servers.token}",
                           timeout=30).json()
    return [e["text"] for e in tracker["events"] if e["event"] == "user"], tracker["slots"]


def all_texts(replies):
    return " ".join(Chat.texts(replies))


def test_the_action_server_down_then_back(servers, chat):
    chat.say("bonjour")
    chat.say("je n'arrive plus à payer mon loyer")
    chat.say("/request_snapshot")
    chat.say("seule avec un enfant")
    servers.stop_actions()
    try:
        answer = all_texts(chat.say("1200 euros par mois"))
        assert "souci technique" in answer and DIRECT_LINE in answer
        assert answer.count("souci technique") == 1
        later = all_texts(chat.say("allô ?"))
        assert "souci technique" in later
        # A crisis still gets its number first, computed without the action server.
        crisis = chat.texts(chat.say("je n'en peux plus, je veux en finir"))
        assert "3114" in crisis[0]
    finally:
        servers.start_actions()
    # Back: the snapshot goes on, and what was written meanwhile is in the conversation.
    assert "dépenses fixes" in all_texts(chat.say("1200"))
    assert "crédits" in all_texts(chat.say("loyer 500"))
    said, slots = person_texts(servers, chat.sender)
    assert "1200 euros par mois" in said and "allô ?" in said and "je veux en finir" in said[-3]
    assert slots["budget_income"]["total"] == 1200
    assert slots["budget_charges"]["detail"] == {"rent": 500}


@pytest.fixture(scope="module")
def outage_postgres():
    server = start_postgres_or_skip()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pg_servers(model, outage_postgres):
    running = start_servers(model, extra_env={"DATABASE_URL": outage_postgres.new_database()})
    running.set_clock(TUESDAY_10)
    yield running
    running.stop()


def up_to_consent(servers) -> Chat:
    chat = Chat(servers.rasa_url)
    chat.say("bonjour, j'ai une facture d'électricité que je ne peux pas payer")
    chat.say("je voudrais qu'une conseillère me rappelle")
    chat.say("demain à 9h")
    chat.say("06 12 34 56 78")
    asked = all_texts(chat.say("Sam"))
    assert "conversation" in asked  # the consent question
    return chat


def bookings_of(database_url, sender):
    engine = create_engine(database_url, future=True)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT status FROM callback_bookings WHERE sender_id = :s"), {"s": sender}).all()
    engine.dispose()
    return [status for (status,) in rows]


def test_a_database_restart_during_the_booking_loses_nothing(pg_servers, outage_postgres):
    chat = up_to_consent(pg_servers)
    outage_postgres.halt()
    restart = threading.Timer(3.0, outage_postgres.resume)
    restart.start()
    started = time.monotonic()
    try:
        done = all_texts(chat.say("oui"))
    finally:
        restart.join()
    waited = time.monotonic() - started
    assert re.search(r"vous appellera demain, \w+ \d+ \w+, à 9 h", done), done
    assert waited >= 3.0  # it did wait for the database, rather than answer without it
    assert bookings_of(pg_servers.database_url, chat.sender) == ["booked"]
    said, _ = person_texts(pg_servers, chat.sender)
    assert said[-1] == "oui"


def test_bookings_unavailable_for_longer_then_back(pg_servers):
    chat = up_to_consent(pg_servers)
    locker = create_engine(pg_servers.database_url, future=True)
    with locker.connect() as connection:
        # Another transaction holds the bookings table for longer than the booking will wait.
        connection.execute(text("LOCK TABLE callback_bookings IN ACCESS EXCLUSIVE MODE"))
        replies = chat.say("oui")
        connection.rollback()
    locker.dispose()
    answer = all_texts(replies)
    assert "je n'arrive pas à enregistrer votre rappel" in answer and DIRECT_LINE in answer
    assert "conversation" in answer.split("souci technique", 1)[1]  # the last question, again
    # The callback was booked as soon as the moment and the number were known: it stands, and
    # the last answer is added once the table is free again (never a second booking).
    assert bookings_of(pg_servers.database_url, chat.sender) == ["booked"]
    done = all_texts(chat.say("oui"))
    assert re.search(r"vous appellera demain, \w+ \d+ \w+, à 9 h", done), done
    assert bookings_of(pg_servers.database_url, chat.sender) == ["booked"]


def test_a_long_database_outage_asks_to_send_again(pg_servers, outage_postgres):
    chat = Chat(pg_servers.rasa_url)
    chat.say("bonjour")
    outage_postgres.halt()
    try:
        answer = all_texts(chat.say("je suis à découvert depuis trois mois"))
    finally:
        outage_postgres.resume()
    assert "empêché d'enregistrer votre message" in answer and DIRECT_LINE in answer
    # Back: the conversation was not replaced by a blank one, and the person can write again.
    again = all_texts(chat.say("je suis à découvert depuis trois mois"))
    assert "souci technique" not in again and "Bonjour" not in again
    said, _ = person_texts(pg_servers, chat.sender)
    assert said == ["bonjour", "je suis à découvert depuis trois mois"]


def test_the_outages_left_nothing_personal_in_the_logs(pg_servers):
    # Runs last in this module: the logs now hold three outages, retries and apologies.
    logs = "\n".join(log.read_text(errors="replace") for log in pg_servers.logs)
    assert "database unavailable" in logs  # the retries were logged...
    for secret in ("06 12 34 56 78", "+33612345678", "0612345678", "découvert", "électricité"):
        assert secret not in logs, secret  # ...without anything the person wrote
