"""Rasa's REST channel (POST /webhooks/rest/webhook), made robust to what a client may send.

Rasa's own version answers a body that is not valid UTF-8 JSON with Sanic's English error page,
an empty reply for a message that is a number, takes the channel name from the request, and
logs the message text when handling fails. This one reads the body leniently, answers in
French, and never logs what the person wrote.
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.texts import text
from channels.inbound import clean_sender, clean_text, deliver


def _unreadable(sender: str | None, status: int = 400) -> response.HTTPResponse:
    return response.json([{"recipient_id": sender or "", "text": text("trouble.unreadable")}], status=status)


def read_body(body: bytes) -> dict[str, Any] | None:
    """The JSON object sent, reading bytes that are not UTF-8 as replacement characters."""
    try:
        data = json.loads(body.decode("utf-8", errors="replace"))
    except ValueError:
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
            metadata = data.get("metadata")
            collector = CollectingOutputChannel()
            await deliver(on_new_message, UserMessage(
                message, collector, sender, input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None,
            ))
            return response.json(collector.messages)

        return webhook
