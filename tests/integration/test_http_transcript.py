"""The transcript read from the tracker store holds every message, across sessions."""
import uuid

import requests

from bot.handovers.transcript import transcript
from bot.storage.db import make_engine
from tests.integration.servers import start_servers


def test_transcript_has_every_message_of_every_session(model, tmp_path):
    database = tmp_path / "ccas.db"
    servers = start_servers(model, extra_env={"DATABASE_URL": f"sqlite:///{database}"})
    sender = f"transcript-{uuid.uuid4().hex[:8]}"
    sent, received = [], []

    def say(message):
        url = f"{servers.rasa_url}/webhooks/rest/webhook"
        response = requests.post(url, json={"sender": sender, "message": message}, timeout=30)
        sent.append(message)
        received.extend(r["text"] for r in response.json() if r.get("text"))

    try:
        say("bonjour")
        say("j'ai trois mois de loyer en retard")
        say("depuis l'été, depuis que j'ai perdu des heures au travail")  # the open question answered
        say("/request_human")  # a click on "Plutôt être rappelé·e"
        sent[-1] = "[Plutôt être rappelé·e]"
        say("/session_start")  # what a chat widget sends when a person comes back later
        sent.pop()  # a control message, not something the person wrote
        say("bonjour, c'est encore moi")
    finally:
        servers.stop()

    lines = transcript(make_engine(f"sqlite:///{database}"), sender)
    assert [line.text for line in lines if line.speaker == "person"] == sent
    assert [line.text for line in lines if line.speaker == "assistant"] == received
    assert {line.session for line in lines} == {1, 2}
    assert all(a.at <= b.at for a, b in zip(lines, lines[1:], strict=False))
