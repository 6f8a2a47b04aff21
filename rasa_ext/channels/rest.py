"""Rasa's REST channel (POST /webhooks/rest/webhook), made robust to what a client may send.

Rasa's own version answers a body that is not valid UTF-8 JSON with Sanic's English error page,
an empty reply for a message that is a number, takes the channel name from the request, and
logs the message text when handling fails. This one reads the body leniently, answers in
French, and never logs what the person wrote.

Whoever calls this channel chooses the conversation id: it is for tests and local use. It
answers only callers on this machine (loopback), unless REST_CHANNEL_TOKEN is set, in which case
every call must carry it ("Authorization: Bearer ..."). The production credentials
(deploy/credentials.yml) leave it out altogether. Metadata sent by the client is not kept.
"""
from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.configuration.settings import ENVIRONMENT, is_loopback_address, load_settings
from bot.wording.texts import text
from rasa_ext.channels import api_guard
from rasa_ext.channels.inbound import clean_sender, clean_text, deliver

logger = logging.getLogger(__name__)
TOKEN_ENV = ENVIRONMENT["rest_channel_token"]
MAX_BODY_BYTES = 64 * 1024  # a long letter pasted in full is 10 000 characters


def caller_allowed(peer: str | None, authorization: str | None, token: str | None) -> bool:
    """With a token, only callers presenting it; without, only callers on this machine."""
    if token:
        presented = (authorization or "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(presented.encode(), token.encode())
    return is_loopback_address(peer)


def _unreadable(sender: str | None, status: int = 400) -> response.HTTPResponse:
    return response.json([{"recipient_id": sender or "", "text": text("trouble.unreadable")}], status=status)


def read_body(body: bytes) -> dict[str, Any] | None:
    """The JSON object sent, reading bytes that are not UTF-8 as replacement characters."""
    try:
        data = json.loads(body.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):  # RecursionError: nested thousands of levels deep
        return None
    return data if isinstance(data, dict) else None


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("custom_webhook_RestInput", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            # The socket's own peer, not a forwarded header a client could write.
            peer = request.conn_info.client_ip if request.conn_info else None
            if not caller_allowed(peer, request.headers.get("Authorization"),
                                  load_settings().rest_channel_token):
                logger.warning("REST channel call refused: not from this machine and no valid token")
                return response.json({"error": "forbidden"}, status=403)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return _unreadable(None, status=413)
            data = read_body(request.body or b"")
            if data is None:
                return _unreadable(None)
            sender = clean_sender(data.get("sender"))
            raw = data.get("message")
            if sender is None or not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
                return _unreadable(sender)
            message = clean_text(raw)
            if message is None:
                # Sent blank (a key pressed too soon): ask for words, keep nothing.
                return _unreadable(sender, status=200)
            collector = CollectingOutputChannel()
            await deliver(on_new_message, UserMessage(
                message, collector, sender, input_channel=self.name(),
            ), agent=getattr(request.app.ctx, "agent", None))
            return response.json(collector.messages)

        api_guard.attach(webhook)
        return webhook
