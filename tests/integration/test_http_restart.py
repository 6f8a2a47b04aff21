"""A conversation, its budget answers and its flags survive a restart of both servers."""
import uuid

import requests

from tests.integration.servers import start_servers


def say(servers, sender, message):
    response = requests.post(
        f"{servers.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30
    )
    response.raise_for_status()
    return " ".join(r.get("text", "") for r in response.json())


def test_snapshot_resumes_after_a_restart(model, tmp_path):
    database = f"sqlite:///{tmp_path / 'conversations.db'}"
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    first = start_servers(model, extra_env={"DATABASE_URL": database})
    try:
        say(first, sender, "bonjour")
        say(first, sender, "mon mari me frappe et je n'arrive plus à payer le loyer")
        say(first, sender, "je voudrais faire le point sur mon budget")
        say(first, sender, "seule avec un enfant")
        assert "dépenses fixes" in say(first, sender, "1200")
    finally:
        first.stop()

    second = start_servers(model, extra_env={"DATABASE_URL": database})
    try:
        # The form goes on where it was: this answer is the fixed charges.
        assert "crédits" in say(second, sender, "loyer 500")
        tracker = requests.get(
            f"{second.rasa_url}/conversations/{sender}/tracker?token={second.token}", timeout=30
        ).json()
        slots = tracker["slots"]
        assert slots["budget_income"]["total"] == 1200
        assert slots["budget_charges"]["detail"] == {"rent": 500}
        assert "violence" in slots["urgency_flags"]
        texts = [e["text"] for e in tracker["events"] if e["event"] in ("user", "bot")]
        assert "mon mari me frappe et je n'arrive plus à payer le loyer" in texts
    finally:
        second.stop()
