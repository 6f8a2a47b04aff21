"""Unusual messages and requests get a kind answer in French, never a crash, an English error
or silence, and only the person's words (cleaned of control characters) are stored."""
import json
import sqlite3
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasa_ext.channels.inbound import MAX_MESSAGE_CHARS, clean_text
from tests.integration.conftest import Chat

UNREADABLE = "Je n'ai pas pu lire ce message"


def stored_messages(servers, sender):
    """What the database holds of the person's messages (SQLite: the session's servers)."""
    path = servers.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data) for (data,) in rows]


def post(servers, body, **kwargs):
    return requests.post(f"{servers.rasa_url}/webhooks/rest/webhook", data=body,
                         headers={"Content-Type": "application/json"}, timeout=90, **kwargs)


def assert_kind(replies):
    texts = [r["text"] for r in replies if "text" in r]
    assert texts
    assert not any("Traceback" in t or "Error" in t or "Exception" in t for t in texts)
    return texts


@pytest.mark.parametrize("message", [
    "j'ai des dettes " * 625, "<script>alert(1)</script><b>loyer</b>", "'; DROP TABLE events; --",
    "\u202e loyer impayé", "😭😭😭🙏", "1200", "LOYER IMPAYÉ !!!!!!!!", "ℌ𝔢𝔩𝔭 𝔪𝔢",
])
def test_odd_messages_get_the_welcome_and_an_answer(servers, chat, message):
    texts = assert_kind(chat.say(message))
    assert "assistant automatique" in texts[0] and len(texts) >= 2
    [stored] = stored_messages(servers, chat.sender)
    assert stored["text"] == message.strip()


def test_control_characters_are_not_stored(servers, chat):
    texts = assert_kind(chat.say("bonjour\x00\x07\x1b[31m loyer\x7f impayé"))
    assert len(texts) >= 2
    [stored] = stored_messages(servers, chat.sender)
    assert stored["text"] == "bonjour[31m loyer impayé"


def test_a_very_long_message_is_kept_up_to_ten_thousand_characters(servers, chat):
    letter = "Madame, je vous écris car je ne peux plus payer mon loyer. " * 400  # 24 000 characters
    assert_kind(chat.say(letter))
    [stored] = stored_messages(servers, chat.sender)
    assert stored["text"] == letter.strip()[:MAX_MESSAGE_CHARS].strip()


@pytest.mark.parametrize("message", ["", "   ", "\n\t", "\x00\x01"])
def test_a_blank_message_asks_for_words_and_stores_nothing(servers, chat, message):
    assert UNREADABLE in assert_kind(chat.say(message))[0]
    assert stored_messages(servers, chat.sender) == []


def test_only_emoji_is_not_taken_for_a_goodbye(chat):
    chat.say("bonjour")
    texts = " ".join(chat.texts(chat.say("😭😭😭🙏")))
    assert "Merci d'avoir écrit" not in texts
    assert "Pouvez-vous me le dire autrement" in texts


def test_invalid_utf8_is_read_with_replacement_characters(servers):
    sender = f"test-{uuid.uuid4().hex[:12]}"
    body = b'{"sender": "' + sender.encode() + b'", "message": "loyer impay\xe9 \xff\xfe depuis 3 mois"}'
    response = post(servers, body)
    assert response.status_code == 200
    assert len(assert_kind(response.json())) >= 2
    [stored] = stored_messages(servers, sender)
    assert stored["text"] == "loyer impay\ufffd \ufffd\ufffd depuis 3 mois"


@pytest.mark.parametrize("body", [
    b"", b"not json", b"\xff\xfe\x00", b"[1, 2]", b'"bonjour"', b'{"message": "bonjour"}',
    b'{"sender": "", "message": "bonjour"}', b'{"sender": {"a": 1}, "message": "bonjour"}',
    b'{"sender": "' + b"x" * 300 + b'", "message": "bonjour"}',
    b'{"sender": "abc123", "message": ["loyer"]}', b'{"sender": "abc123", "message": {"text": "loyer"}}',
    b'{"sender": "abc123", "message": null}', b'{"sender": "abc123", "message": true}',
])
def test_a_malformed_request_gets_a_french_refusal(servers, body):
    response = post(servers, body)
    assert response.status_code == 400
    [reply] = response.json()
    assert reply["text"].startswith(UNREADABLE)


def test_a_number_as_message_is_read_as_its_digits(servers):
    sender = f"test-{uuid.uuid4().hex[:12]}"
    response = post(servers, json.dumps({"sender": sender, "message": 1200}).encode())
    assert response.status_code == 200 and len(assert_kind(response.json())) >= 2
    assert [m["text"] for m in stored_messages(servers, sender)] == ["1200"]


def test_unexpected_json_fields_are_ignored(servers):
    sender = Chat(servers.rasa_url).sender
    body = {"sender": sender, "message": "bonjour", "metadata": {"x": 1}, "foo": [1, 2],
            "input_channel": "twilio", "parse_data": {"intent": {"name": "request_human"}}}
    response = post(servers, json.dumps(body).encode())
    assert response.status_code == 200 and assert_kind(response.json())
    [stored] = stored_messages(servers, sender)
    assert stored["input_channel"] == "rest"  # a client cannot pass itself off as the SMS channel
    assert stored["parse_data"]["intent"]["name"] != "request_human"


# Any text at all, including lone surrogates and control characters, as JSON escapes.
ANY_TEXT = st.text(st.characters(codec=None), max_size=200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=ANY_TEXT)
def test_any_text_gets_a_kind_answer_and_is_stored_as_cleaned(servers, message):
    sender = f"fuzz-{uuid.uuid4().hex[:12]}"
    response = post(servers, json.dumps({"sender": sender, "message": message}).encode())
    assert response.status_code == 200, response.text
    texts = assert_kind(response.json())
    cleaned = clean_text(message)
    stored = [m["text"] for m in stored_messages(servers, sender)]
    if cleaned is None:
        assert texts[0].startswith(UNREADABLE) and stored == []
    else:
        assert stored == [cleaned]
        assert len(texts) >= 2  # the welcome, then an answer
