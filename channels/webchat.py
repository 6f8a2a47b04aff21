"""The website chat: Rasa's socket.io channel, with two fixes for this Rasa and python-socketio.

- Rasa 3.6 calls `sio.enter_room()` without awaiting it; with python-socketio 5.x it is a
  coroutine, so a persistent session never joined its room and the replies reached nobody.
- Rasa passes `cors_allowed_origins=[]`; here the origins allowed to open the chat are
  configured (the CCAS website), everything else is refused.
"""
from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from socketio import AsyncServer

from channels.inbound import clean_text, deliver

logger = logging.getLogger(__name__)
DEFAULT_ORIGINS = "http://localhost:8000,http://127.0.0.1:8000"


def allowed_origins() -> list[str]:
    raw = os.environ.get("CHAT_ALLOWED_ORIGINS") or DEFAULT_ORIGINS
    return [origin.strip() for origin in raw.split(",") if origin.strip()]


class WebChatInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=allowed_origins())
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            return True

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: dict | None) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not 8 <= len(session_id) <= 64:
                session_id = uuid.uuid4().hex
            await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: dict) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("session_id"), str):
                logger.warning("chat message without a session id: ignored")
                return
            text = clean_text(data.get("message"))
            if text is None:
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            await deliver(on_new_message, UserMessage(
                text, SocketIOOutput(sio, self.bot_message_evt), data["session_id"],
                input_channel=self.name(), metadata=metadata if isinstance(metadata, dict) else {},
            ))

        return webhook
