
"""Two Rasa servers behind one address, as in production: one PostgreSQL database for the
conversations and the callbacks, one Redis lock store (deploy/endpoints.yml). A conversation
whose messages alternate between the two servers stays one consistent conversation, and two
messages of one person reaching both servers at the same moment are handled one after the
other."""
import json
import re
import subprocess
import sys
import threading

import pytest
import requests

from tests.integration.clock_moments import TUESDAY_10
from tests.integration.servers import start_servers


@pytest.fixture(scope="module")
def cluster(model, postgres_server, redis):
    env = {"DATABASE_URL": postgres_server.new_database(), "REDIS_HOST": "127.0.0.1",
           "REDIS_PORT": str(redis.port), "REDIS_PASSWORD": "", "REDIS_DB": "1"}
    running = start_servers(model, extra_env=env, endpoints="deploy/endpoints.yml", rasa_servers=2)
    running.set_clock(TUESDAY_10)
    yield running
    running.stop()


def say(url, sender, message):
    response = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                             timeout=90)
    response.raise_for_status()
    return " ".join(r.get("text", "") for r in response.json())


def tracker(cluster, url, sender):
    return requests.get(f"{url}/conversations/{sender}/tracker?token={cluster.token}", timeout=30).json()


def test_a_conversation_alternating_between_two_servers_stays_consistent(cluster):
    first, second = cluster.rasa_urls
    sender = "scale-alternating"
    said = [
        "bonjour", "je n'arrive plus à payer mon loyer et l'électricité",
        "depuis deux mois, et ça me travaille",  # the open question answered, then the choices
        "/request_snapshot",
        "en couple avec deux enfants", "1800 euros", "loyer 700, électricité 120", "non", "environ 900",
    ]
    for index, message in enumerate(said):
        answer = say(first if index % 2 == 0 else second, sender, message)
    assert "reste pour vivre" in answer or "ce qui rentre" in answer
    for index, message in enumerate(["je voudrais qu'une conseillère me rappelle", "demain à 9h",
                                      "06 12 34 56 78", "Sam", "oui"]):
        answer = say(second if index % 2 == 0 else first, sender, message)
        said.append(message)
    assert re.search(r"vous appellera demain, \w+ \d+ \w+, à 9 h", answer)

    seen_by_first, seen_by_second = tracker(cluster, first, sender), tracker(cluster, second, sender)
    assert seen_by_first["events"] == seen_by_second["events"]
    assert [e["text"] for e in seen_by_first["events"] if e["event"] == "user"] == said
    slots = seen_by_second["slots"]
    assert slots["budget_income"]["total"] == 1800
    assert slots["budget_charges"]["detail"] == {"rent": 700, "energy": 120}
    assert slots["budget_arrears"]["total"] == 900

    # The servers' own env (their database and their clock file): `list` shows the callbacks from
    # the servers' today, not from the real date this test happens to run on.
    env = cluster.env
    command = [sys.executable, "-m", "bot", "handovers"]
    [row] = json.loads(subprocess.run([*command, "list", "--json"], env=env, capture_output=True,
                                      text=True, check=True).stdout)
    handover = json.loads(subprocess.run([*command, "show", str(row["id"]), "--json"], env=env,
                                         capture_output=True, text=True, check=True).stdout)
    shown = [text.replace("/request_snapshot", "[Oui, faisons le point]") for text in said]
    assert [line["text"] for line in handover["transcript"] if line["speaker"] == "person"] == shown


def test_two_messages_at_once_on_two_servers_are_handled_one_after_the_other(cluster):
    first, second = cluster.rasa_urls
    sender = "scale-simultaneous"
    say(first, sender, "bonjour")
    answers: dict[str, str] = {}
    start = threading.Barrier(2)

    def send(url, message):
        start.wait()
        answers[message] = say(url, sender, message)

    threads = [threading.Thread(target=send, args=(first, "j'ai des dettes partout")),
               threading.Thread(target=send, args=(second, "et ma facture d'eau est en retard"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(answers.values())

    events = tracker(cluster, first, sender)["events"]
    users = [i for i, e in enumerate(events) if e["event"] == "user"]
    assert [events[i]["text"] for i in users][0] == "bonjour"
    assert sorted(events[i]["text"] for i in users[1:]) == sorted(answers)
    # Each message was answered in full before the next one was read: the turn before every
    # message ends by listening, and no event was written twice.
    for index in users[1:]:
        assert events[index - 1]["event"] == "action" and events[index - 1]["name"] == "action_listen"
    stamps = [(e["event"], e.get("timestamp")) for e in events]
    assert len(stamps) == len(set(stamps))
