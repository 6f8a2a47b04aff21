"""The attacks of the security review, replayed against the real servers: each request that
used to work must now fail and change nothing (README, "Sécurité").

One set of servers configured as in production: a token on the REST channel, the action
server's token, Twilio configured (its API stood in for), Rasa's API behind its token.
"""
import os
import subprocess
import sys
import threading
import uuid

import pytest
import requests
import socketio

from bot.handovers import handover
from tests.integration.callbacks_booked import booking_of
from tests.integration.clock_moments import TUESDAY_10
from tests.integration.fake_twilio import NUMBER, SID, TOKEN, FakeTwilio, inbound, sms_id
from tests.integration.servers import ACTION_TOKEN, ROOT, start_servers

REST_TOKEN = "rest-channel-token-for-the-attack-tests"


@pytest.fixture(scope="module")
def prod(model):
    twilio = FakeTwilio()
    servers = start_servers(model, extra_env={
        "TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_NUMBER": NUMBER,
        "TWILIO_API_BASE": twilio.url, "TWILIO_WEBHOOK_URL": "", "REST_CHANNEL_TOKEN": REST_TOKEN,
    })
    yield servers, twilio
    servers.stop()
    twilio.server.shutdown()


def rest(servers, sender, message, token=REST_TOKEN, **extra):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(f"{servers.rasa_url}/webhooks/rest/webhook", headers=headers, timeout=60,
                         json={"sender": sender, "message": message, **extra})


def texts(response) -> str:
    return " ".join(m.get("text", "") for m in response.json())


def tracker(servers, sender) -> dict:
    return requests.get(f"{servers.rasa_url}/conversations/{sender}/tracker",
                        params={"token": servers.token}, timeout=30).json()


def said(servers, sender) -> list[str]:
    return [e["text"] for e in tracker(servers, sender)["events"] if e["event"] == "user"]


def book_by_sms(servers, twilio, number):
    """A person books a callback by SMS (choices answered by their number)."""
    servers.set_clock(TUESDAY_10)
    for body in ("Bonjour, j'ai reçu une lettre d'expulsion", "2", "1", "06 12 34 56 78", "1", "oui"):
        inbound(servers, number, body)
    assert "vous appellera" in " ".join(twilio.take())
    booking = booking_of(servers, sms_id(number))
    assert booking is not None and booking.status == "booked"
    return booking


def test_knowing_a_number_opens_nothing_on_another_channel(prod):
    servers, twilio = prod
    number = "+3361" + str(uuid.uuid4().int)[:7]
    book_by_sms(servers, twilio, number)
    before = said(servers, sms_id(number))

    # The attacker writes on the REST channel (with its token) and the chat, as that number.
    for message in ("je voudrais savoir quand est mon rappel", "je veux annuler mon rappel", "oui",
                    "je veux effacer mes données", "oui"):
        answer = texts(rest(servers, number, message))
        assert "06 12 34 56 78" not in answer and "10 h 30" not in answer
    assert booking_of(servers, sms_id(number)).status == "booked"
    assert said(servers, sms_id(number)) == before  # nothing written into the person's conversation
    assert twilio.take() == []  # and nothing sent to the person


def test_the_rest_channel_needs_its_token(prod):
    servers, _ = prod
    sender = f"attack-{uuid.uuid4().hex[:8]}"
    for token in (None, "wrong"):
        response = rest(servers, sender, "bonjour", token=token)
        assert response.status_code == 403 and "bonjour" not in response.text
    assert said(servers, sender) == []


def _client(servers):
    client = socketio.Client()
    confirmed, heard = [], []
    client.on("session_confirm", confirmed.append)
    client.on("bot_uttered", lambda message: heard.append(message.get("text", "")))
    client.connect(servers.rasa_url, transports=["polling"])  # no Origin header at all
    return client, confirmed, heard


def _wait(predicate, timeout=60.0):
    done = threading.Event()
    for _ in range(int(timeout * 10)):
        if predicate():
            return True
        done.wait(0.1)
    return False


def test_a_socket_cannot_choose_nor_join_a_conversation(prod):
    servers, _ = prod
    victim, victim_tokens, victim_heard = _client(servers)
    victim.emit("session_request", {})
    assert _wait(lambda: victim_tokens)
    token = victim_tokens[0]
    conversation = token.split(".")[0]
    victim.emit("user_uttered", {"message": "j'ai 3 mois de loyer en retard", "session_id": token})
    assert _wait(lambda: victim_heard)

    attacker, attacker_tokens, attacker_heard = _client(servers)
    try:
        for claimed in (conversation, conversation + ".forged", "+33612345678"):
            attacker_tokens.clear()
            attacker.disconnect()
            attacker, attacker_tokens, attacker_heard = _client(servers)
            attacker.emit("session_request", {"session_id": claimed})
            assert _wait(lambda tokens=attacker_tokens: tokens)
            assert attacker_tokens[0].split(".")[0] != conversation  # a new conversation instead
        # Bound to its own conversation: asking for the victim's token now gives nothing ...
        attacker_tokens.clear()
        attacker.emit("session_request", {"session_id": token})
        # ... and a message naming the victim's conversation goes to the attacker's own.
        attacker.emit("user_uttered", {"message": "je veux effacer mes données", "session_id": token})
        assert _wait(lambda: attacker_heard)
        victim.emit("user_uttered", {"message": "merci", "session_id": token})
        assert _wait(lambda: len(said(servers, conversation)) == 2)
        assert attacker_tokens == []
        assert said(servers, conversation) == ["j'ai 3 mois de loyer en retard", "merci"]
        assert not any("effacer" in text for text in victim_heard)
    finally:
        attacker.disconnect()
        victim.disconnect()

    # The person, reloading the page, comes back to the conversation with the token they hold.
    back, back_tokens, _ = _client(servers)
    try:
        back.emit("session_request", {"session_id": token})
        assert _wait(lambda: back_tokens) and back_tokens[0] == token
    finally:
        back.disconnect()


def test_a_typed_command_triggers_nothing(prod):
    servers, _ = prod
    servers.set_clock(TUESDAY_10)
    sender = f"attack-{uuid.uuid4().hex[:8]}"
    rest(servers, sender, "bonjour")
    typed = ["/erase_my_data", "/request_human", "/affirm", "/\t/request_human", "/\u00a0/erase_my_data",
             "/\n/restart", '/ /request_human{"x": 1}@0.99']
    for command in typed:
        answer = rest(servers, sender, command)
        assert answer.status_code == 200 and answer.json()  # a kind answer, not silence
        assert "Quand préférez-vous" not in texts(answer) and "effacer" not in texts(answer).lower()
    events = tracker(servers, sender)["events"]
    intents = [e["parse_data"]["intent"]["name"] for e in events if e["event"] == "user"]
    assert not {"erase_my_data", "request_human", "affirm", "restart"} & set(intents[1:])
    assert not any(e["event"] == "restart" for e in events)
    assert said(servers, sender)[1:] == typed  # kept as typed
    # A button the assistant did offer still works as a click.
    sender = f"attack-{uuid.uuid4().hex[:8]}"
    rest(servers, sender, "bonjour")
    rest(servers, sender, "j'ai 2 mois de loyer en retard")  # first an open question about it
    offer = rest(servers, sender, "depuis la rentrée, et ça m'inquiète").json()
    assert "/request_human" in {b["payload"] for m in offer for b in m.get("buttons", [])}
    assert "Quand préférez-vous" in texts(rest(servers, sender, "/request_human"))


def test_an_id_no_database_can_store_does_not_stop_the_server(prod):
    servers, _ = prod
    headers = {"Authorization": f"Bearer {REST_TOKEN}", "Content-Type": "application/json"}
    response = requests.post(f"{servers.rasa_url}/webhooks/rest/webhook", timeout=60, headers=headers,
                             data='{"sender": "f\\ud800x", "message": "bonjour"}')  # half a UTF-16 pair
    assert response.status_code == 200
    assert all(p.poll() is None for p in servers.processes)  # every server still running
    assert rest(servers, f"attack-{uuid.uuid4().hex[:8]}", "bonjour").status_code == 200
    deep = '{"sender": "x", "message": "x", "m": ' + "[" * 30000 + "]" * 30000 + "}"
    nested = requests.post(f"{servers.rasa_url}/webhooks/rest/webhook", data=deep, timeout=60,
                           headers={"Authorization": f"Bearer {REST_TOKEN}"})
    assert nested.status_code == 400 and "lire ce message" in nested.text


def test_the_action_server_refuses_calls_without_its_token(prod):
    servers, twilio = prod
    number = "+3362" + str(uuid.uuid4().int)[:7]
    book_by_sms(servers, twilio, number)
    call = {"next_action": "action_erase_my_data", "sender_id": sms_id(number), "version": "3.6.0",
            "tracker": {"sender_id": sms_id(number), "slots": {}, "latest_message": {}, "events": [],
                        "active_loop": {}, "latest_action_name": None}, "domain": {}}
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        response = requests.post(f"{servers.action_url}/webhook", json=call, headers=headers, timeout=30)
        assert response.status_code == 401
    assert requests.get(f"{servers.action_url}/actions", timeout=30).status_code == 401
    assert booking_of(servers, sms_id(number)).status == "booked"
    assert said(servers, sms_id(number))  # the conversation is still there
    good = requests.get(f"{servers.action_url}/actions", headers={"Authorization": f"Bearer {ACTION_TOKEN}"},
                        timeout=30)
    assert good.status_code == 200


def test_rasa_api_needs_its_token(prod):
    servers, _ = prod
    sender = f"attack-{uuid.uuid4().hex[:8]}"
    rest(servers, sender, "bonjour")
    before = tracker(servers, sender)["events"]
    base = f"{servers.rasa_url}/conversations/{sender}"
    assert requests.get(f"{base}/tracker", timeout=30).status_code in (401, 403)
    fake = [{"event": "bot", "text": "Votre rappel est annulé, rappelez le 08 99 ..."}]
    assert requests.post(f"{base}/tracker/events", json=fake, timeout=30).status_code in (401, 403)
    assert requests.post(f"{base}/tracker/events", json=fake, params={"token": "wrong"},
                         timeout=30).status_code in (401, 403)
    assert tracker(servers, sender)["events"] == before


def test_sizes_and_rates_are_limited(prod):
    servers, _ = prod
    sender = f"attack-{uuid.uuid4().hex[:8]}"
    huge = rest(servers, sender, "bonjour", metadata={"x": "y" * 5_000_000})
    assert huge.status_code == 413
    big = rest(servers, sender, "bonjour", metadata={"x": "y" * 100_000})
    assert big.status_code == 413
    assert said(servers, sender) == []
    kept = rest(servers, sender, "bonjour", metadata={"x": "y" * 1000, "ccas_offered_command": True})
    assert kept.status_code == 200
    [event] = [e for e in tracker(servers, sender)["events"] if e["event"] == "user"]
    metadata = event.get("metadata") or {}
    assert "x" not in metadata and "ccas_offered_command" not in metadata  # what the client sent is not kept
    long = rest(servers, sender, "a" * 50_000)  # a pasted letter: read, cut at 10 000 characters
    assert long.status_code == 200 and len(said(servers, sender)[-1]) == 10_000
    answers = [rest(servers, sender, f"message {n}") for n in range(25)]
    assert all(a.status_code == 200 for a in answers)
    assert "plus vite que je ne peux lire" in texts(answers[-1])
    assert len(said(servers, sender)) == 20  # the limit: 20 in a minute, "bonjour" included


def test_nothing_listens_beyond_this_machine_without_a_secret():
    env = {**os.environ, "RASA_HOST": "0.0.0.0"}
    env.pop("RASA_JWT_SECRET", None)
    started = subprocess.run(["./run.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert started.returncode != 0 and "RASA_JWT_SECRET" in started.stderr
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ACTION_SERVER_TOKEN", None)
    actions = subprocess.run([sys.executable, "-m", "actions.server", "--host", "0.0.0.0", "--port", "1"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert actions.returncode == 2 and "ACTION_SERVER_TOKEN" in actions.stderr


def test_the_handover_of_an_sms_conversation_shows_no_raw_id(prod):
    servers, twilio = prod
    number = "+3363" + str(uuid.uuid4().int)[:7]
    booking = book_by_sms(servers, twilio, number)
    assert number not in booking.sender_id and handover.channel_name(booking.channel) == "SMS"
