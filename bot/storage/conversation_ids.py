"""Conversation ids that only the server issues and only the person holds.

A conversation's id gives access to it (its callback, its erasure), so it must never be
guessable nor chosen by a client:
- the website chat gets a random id from the server, handed over as a signed token: a token
  that was not signed here opens a new conversation, never an existing one;
- an SMS conversation is keyed by a keyed hash of the number, never the number itself, so that
  knowing someone's number gives nothing on another channel.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from bot.storage.server_secret import server_secret

WEB_PREFIX = "web-"
SMS_PREFIX = "sms-"
_SIGNATURE_CHARS = 43  # base64url of 32 bytes, without padding


def _sign(purpose: str, value: str, key: bytes | None = None) -> str:
    digest = hmac.new(key or server_secret(), f"{purpose}:{value}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def new_chat_token() -> str:
    """A token for a new website conversation: its id, a dot, the server's signature."""
    conversation_id = WEB_PREFIX + secrets.token_urlsafe(24)
    return f"{conversation_id}.{_sign('chat', conversation_id)}"


def chat_id_from_token(token: object) -> str | None:
    """The conversation a token opens, or None when the server did not issue it."""
    if not isinstance(token, str) or len(token) > 200 or token.count(".") != 1:
        return None
    conversation_id, signature = token.split(".")
    if not conversation_id.startswith(WEB_PREFIX) or len(signature) != _SIGNATURE_CHARS:
        return None
    if not hmac.compare_digest(signature, _sign("chat", conversation_id)):
        return None
    return conversation_id


def sms_conversation_id(number: str, key: bytes | None = None) -> str:
    """The conversation of an SMS number: stable for that number, useless without the key
    (`key` defaults to the installation's secret)."""
    return SMS_PREFIX + _sign("sms", number.strip(), key)[:32]
