
"""The whole product on PostgreSQL: Rasa's tracker store, the bookings and the handover in one
real PostgreSQL database, started by the test run."""
import json
import os
import re
import subprocess
import sys

from sqlalchemy import create_engine, inspect

from tests.integration.conftest import Chat
from tests.integration.servers import start_servers


def test_a_booking_and_its_transcript_live_in_one_postgresql_database(model, postgres_server):
    url = postgres_server.new_database()
    servers = start_servers(model, extra_env={"DATABASE_URL": url})
    try:
        servers.set_clock("2026-11-24T10:00:00+01:00")
        chat = Chat(servers.rasa_url)
        chat.say("bonjour, j'ai reçu une lettre d'expulsion")
        chat.say("je voudrais qu'une conseillère me rappelle")
        chat.say("demain à 9h")
        chat.say("06 12 34 56 78")
        chat.say("Sam")
        done = " ".join(chat.texts(chat.say("oui")))
    finally:
        servers.stop()
    assert re.search(r"vous appellera demain, \w+ \d+ \w+, à 9 h", done)
    engine = create_engine(url)
    assert {"events", "callback_bookings", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-m", "bot", "handovers"]
    listed = subprocess.run([*command, "list", "--json", "--since", "2026-11-24"],
                            env=env, capture_output=True, text=True, check=True)
    [row] = json.loads(listed.stdout)
    shown = subprocess.run([*command, "show", str(row["id"]), "--json"],
                           env=env, capture_output=True, text=True, check=True)
    handover = json.loads(shown.stdout)
    person = [line["text"] for line in handover["transcript"] if line["speaker"] == "person"]
    assert person == ["bonjour, j'ai reçu une lettre d'expulsion",
                      "je voudrais qu'une conseillère me rappelle", "demain à 9h", "06 12 34 56 78",
                      "Sam", "oui"]
    assert "eviction" in handover["urgency_flags"]
    assert handover["callback_at"] == "2026-11-25T09:00:00+01:00"
