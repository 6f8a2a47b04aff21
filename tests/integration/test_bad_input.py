"""Unusual messages get a kind answer, never a crash or silence."""
import pytest
import requests

from tests.integration.conftest import Chat


@pytest.mark.parametrize("message", [
    "", "   ", "j'ai des dettes " * 625, "<script>alert(1)</script><b>loyer</b>",
    "'; DROP TABLE events; --", "bonjour\x00\x07\x1b[31m loyer", "\u202e loyer", "😭😭😭🙏",
])
def test_odd_messages_get_an_answer(chat, message):
    texts = chat.texts(chat.say(message))
    assert texts and "assistant automatique" in texts[0]  # the welcome, then an answer
    assert len(texts) >= 2
    assert not any("Traceback" in t or "Error" in t for t in texts)


def test_only_emoji_is_not_taken_for_a_goodbye(chat):
    chat.say("bonjour")
    texts = " ".join(chat.texts(chat.say("😭😭😭🙏")))
    assert "Merci d'avoir écrit" not in texts
    assert "Pouvez-vous me le dire autrement" in texts


def test_unexpected_json_fields_are_ignored(servers):
    url = f"{servers.rasa_url}/webhooks/rest/webhook"
    response = requests.post(url, json={"sender": Chat(servers.rasa_url).sender, "message": "bonjour",
                                        "metadata": {"x": 1}, "foo": [1, 2]}, timeout=30)
    assert response.status_code == 200 and response.json()
