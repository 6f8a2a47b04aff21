"""The pure parts of the conversation channels' security: ids only the server issues, commands
only when offered, callers and rates (the attacks over HTTP: tests/integration/test_attacks.py)."""
import asyncio

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.server import authorised, refusal
from bot.storage import conversation_ids, server_secret
from rasa_ext.channels.inbound import OFFERED_KEY, MessageRate, mark_commands, offered_payloads
from rasa_ext.channels.rest import caller_allowed
from rasa_ext.components.typed_commands import TypedCommandGuard


@pytest.fixture(autouse=True)
def secret(monkeypatch):
    monkeypatch.setenv(server_secret.SECRET_ENV, "unit-test-secret-0123456789abcdefghijkl")
    server_secret.server_secret.cache_clear()
    yield
    server_secret.server_secret.cache_clear()


def test_a_chat_token_opens_its_own_conversation_only():
    token = conversation_ids.new_chat_token()
    conversation = conversation_ids.chat_id_from_token(token)
    assert conversation is not None and conversation.startswith("web-") and conversation in token
    assert conversation_ids.new_chat_token() != token  # random, never twice the same
    id_part, signature = token.split(".")
    forged = [id_part, f"{id_part}.", f"{id_part}.{'A' * len(signature)}", f"web-other.{signature}",
              "web-" + "x" * 30, token + ".x", None, 12, {"session_id": token}]
    assert [conversation_ids.chat_id_from_token(f) for f in forged] == [None] * len(forged)


def test_a_token_signed_with_another_key_opens_nothing(monkeypatch):
    token = conversation_ids.new_chat_token()
    monkeypatch.setenv(server_secret.SECRET_ENV, "another-installation-secret-0123456789ab")
    server_secret.server_secret.cache_clear()
    assert conversation_ids.chat_id_from_token(token) is None


def test_an_sms_conversation_is_keyed_by_a_hash_never_the_number():
    number = "+33612345678"
    conversation = conversation_ids.sms_conversation_id(number)
    assert conversation.startswith("sms-") and "612345678" not in conversation
    assert conversation_ids.sms_conversation_id(" +33612345678 ") == conversation  # stable
    assert conversation_ids.sms_conversation_id("+33612345679") != conversation
    assert conversation_ids.sms_conversation_id(number, b"another key") != conversation


def test_a_short_secret_is_refused(monkeypatch):
    monkeypatch.setenv(server_secret.SECRET_ENV, "short")
    server_secret.server_secret.cache_clear()
    with pytest.raises(server_secret.SecretTooShort):
        server_secret.server_secret()


def test_without_a_secret_one_is_created_readable_by_its_owner_only(monkeypatch, tmp_path):
    monkeypatch.delenv(server_secret.SECRET_ENV)
    path = tmp_path / "var" / "secret.key"
    monkeypatch.setenv(server_secret.SECRET_FILE_ENV, str(path))
    server_secret.server_secret.cache_clear()
    first = server_secret.server_secret()
    assert path.stat().st_mode & 0o777 == 0o600 and len(first) >= 32
    server_secret.server_secret.cache_clear()
    assert server_secret.server_secret() == first  # the same after a restart


def _bot(text, *payloads):
    return BotUttered(text, {"buttons": [{"title": p, "payload": p} for p in payloads]})


def test_offered_payloads_are_those_shown_since_the_person_last_wrote():
    events = [_bot("a", "/request_human"), UserUttered("bonjour"), ActionExecuted("utter_x"),
              _bot("b", "/request_snapshot", "/request_info"), _bot("c")]
    assert offered_payloads(events) == {"/request_snapshot", "/request_info"}
    assert offered_payloads([*events, UserUttered("non")]) == set()
    assert offered_payloads([]) == set()


class _Store:
    def __init__(self, events):
        self.events = events

    async def retrieve(self, sender_id):
        return type("Tracker", (), {"events": self.events})()


class _Agent:
    def __init__(self, events):
        self.tracker_store = _Store(events)


def _marked(text, events, metadata=None):
    message = UserMessage(text, sender_id="s", metadata=metadata)
    asyncio.run(mark_commands(_Agent(events), message))
    if text.startswith("/"):
        assert OFFERED_KEY in message.metadata  # every command is marked, one way or the other
    return (message.metadata or {}).get(OFFERED_KEY) is True


def test_a_command_is_marked_only_when_offered_to_this_conversation():
    offered = [_bot("Voulez-vous ?", "/request_snapshot", "/request_human")]
    assert _marked("/request_human", offered)
    assert not _marked("/erase_my_data", offered)
    assert not _marked("/request_human", [])
    assert not _marked("/request_human", [*offered, UserUttered("non")])
    assert _marked("/session_start", [])  # the widget's own opening message
    assert not _marked("bonjour", offered)


def test_a_message_without_a_tracker_store_is_never_a_command():
    message = UserMessage("/erase_my_data", sender_id="s")
    asyncio.run(mark_commands(None, message))
    assert message.metadata[OFFERED_KEY] is False


def _guarded(text, metadata=None, intent="request_human"):
    message = Message({TEXT: text, "metadata": metadata, "intent": {"name": intent, "confidence": 0.98}})
    TypedCommandGuard().process([message])
    return message.get(TEXT)


def _read_as(text, intent, metadata=None):
    message = Message({TEXT: text, "metadata": metadata, "intent": {"name": intent, "confidence": 0.98}})
    TypedCommandGuard().process([message])
    return message.get("intent")["name"]


def test_a_command_not_offered_is_read_as_text():
    refused = {OFFERED_KEY: False}
    assert _guarded("/erase_my_data", refused) == "erase_my_data"
    assert _guarded(" //request_human{\"x\": 1}", refused) == "request_human{\"x\": 1}"
    assert _guarded("/request_human", {OFFERED_KEY: "yes"}) == "request_human"  # only True counts
    assert _guarded("/request_human", {OFFERED_KEY: True}) == "/request_human"
    assert _guarded("j'ai 2/3 factures", refused) == "j'ai 2/3 factures"
    # Rasa strips any whitespace before looking for "/": none may be left between slashes.
    for separator in ("\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", " "):
        plain = _guarded(f"/{separator}/restart", refused)
        assert plain == "restart" and not plain.strip().startswith("/")
    # Through no channel (Rasa's conversation tests, /model/parse): as Rasa reads it.
    assert _guarded("/affirm") == "/affirm" and _guarded("/affirm", {}) == "/affirm"


def test_a_command_shaped_text_is_not_understood_unless_it_is_a_crisis():
    refused = {OFFERED_KEY: False}
    assert _read_as("/erase_my_data", "express_difficulty", refused) == "nlu_fallback"
    assert _read_as('/choose_slot{"slot": "x"}', "affirm", refused) == "nlu_fallback"
    assert _read_as("/suicide", "crisis", refused) == "crisis"  # the safety net's reading stands
    assert _read_as("/ j'ai un souci de loyer", "express_difficulty", refused) == "express_difficulty"
    assert _read_as("/request_human", "request_human", {OFFERED_KEY: True}) == "request_human"


def test_the_rate_of_one_conversation_is_limited_not_the_others():
    now = [0.0]
    rate = MessageRate(limit=3, window=60, clock=lambda: now[0])
    assert [rate.allow("a") for _ in range(4)] == [True, True, True, False]
    assert rate.allow("b")
    now[0] = 61
    assert rate.allow("a")


def test_a_sender_id_no_database_can_store_is_made_storable():
    from rasa_ext.channels.inbound import clean_sender

    assert clean_sender("f\ud800x") == "f\ufffdx"
    assert clean_sender("f\ud800x").encode("utf-8")


def test_a_body_nested_thousands_of_levels_is_unreadable_not_an_error():
    from rasa_ext.channels.rest import read_body

    assert read_body(b'{"sender":"x","message":"x","m":' + b"[" * 30000 + b"]" * 30000 + b"}") is None


def test_rest_callers():
    assert caller_allowed("127.0.0.1", None, None) and caller_allowed("::1", None, None)
    assert not caller_allowed("192.168.1.20", None, None)
    assert not caller_allowed("", None, None)
    assert caller_allowed("192.168.1.20", "Bearer s3cret", "s3cret")
    assert not caller_allowed("127.0.0.1", None, "s3cret")  # with a token, even locally
    assert not caller_allowed("127.0.0.1", "Bearer wrong", "s3cret")


def test_action_server_token_and_address():
    assert authorised(None, None)
    assert authorised("Bearer t0ken", "t0ken")
    assert not authorised(None, "t0ken") and not authorised("Bearer other", "t0ken")
    assert refusal("127.0.0.1", None) is None and refusal("localhost", None) is None
    assert refusal("0.0.0.0", None) is not None
    assert refusal("0.0.0.0", "t0ken") is None


def test_a_button_title_typed_as_text_picks_that_button():
    from rasa_ext.channels.inbound import TYPED_BUTTON_KEY
    from rasa_ext.components.typed_commands import button_intent
    shown = [BotUttered("Voulez-vous que j'efface tout ?", {"buttons": [
        {"title": "Oui, tout effacer", "payload": "/affirm"}, {"title": "Non, garder", "payload": "/deny"}]})]
    for typed in ("Oui, tout effacer", "oui tout effacer", "  OUI,  TOUT EFFACER !"):
        message = UserMessage(typed, sender_id="s")
        asyncio.run(mark_commands(_Agent(shown), message))
        assert button_intent(message.metadata) == "affirm", typed
    # Only the buttons just shown, only the whole title, and never a payload with entities.
    later = [*shown, UserUttered("bof")]
    for typed, events in (("Oui, tout effacer", later), ("oui tout effacer et après ?", shown)):
        message = UserMessage(typed, sender_id="s")
        asyncio.run(mark_commands(_Agent(events), message))
        assert TYPED_BUTTON_KEY not in (message.metadata or {})
    assert button_intent({TYPED_BUTTON_KEY: '/choose{"slot": "x"}'}) is None
