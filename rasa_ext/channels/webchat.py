"""The website chat: Rasa's socket.io channel, with two fixes for this Rasa and python-socketio.

- Rasa 3.6 calls `sio.enter_room()` without awaiting it; with python-socketio 5.x it is a
  coroutine, so a persistent session never joined its room and the replies reached nobody.
- Rasa passes `cors_allowed_origins=[]`; here the origins allowed to open the chat are
  configured (the CCAS website), everything else is refused.

And the conversation belongs to whoever the server gave it to. Rasa's channel accepts any
`session_id` a client sends, and any socket joining that room hears the replies: knowing an id
was enough to read someone's conversation and act in it. Here the server issues the id as a
signed token (bot/storage/conversation_ids.py); a socket is bound to the one conversation it was given
or came back with, and messages go to that conversation whatever id the client writes in them.
Metadata sent by the client is not kept.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from engineio.payload import Payload
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from socketio import AsyncServer

from bot.configuration.settings import load_settings
from bot.storage.conversation_ids import chat_id_from_token, new_chat_token
from rasa_ext.channels import api_guard
from rasa_ext.channels.inbound import clean_text, deliver

logger = logging.getLogger(__name__)
MAX_SOCKET_MESSAGE_BYTES = 64 * 1024  # a long letter pasted in full is 10 000 characters
# engine.io drops a whole polling batch of more than 16 packets, silently: messages sent in a
# burst (a browser falling back to polling after a network cut) were lost. Beyond the rate
# limit the person is told (rasa_ext/channels/inbound.py); a batch beyond this is still dropped.
Payload.max_decode_packets = 64


def allowed_origins() -> list[str]:
    return list(load_settings().chat_allowed_origins)


class WebChatInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=allowed_origins(),
                          max_http_buffer_size=MAX_SOCKET_MESSAGE_BYTES)
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        # socket id -> the conversation it was given; kept in this server's memory, as the
        # socket itself is (the proxy keeps a browser on one server while it is connected).
        bound: dict[str, str] = {}
        agent_of: dict[str, Any] = {}

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            request = environ.get("sanic.request")
            if request is not None:
                agent_of["agent"] = getattr(request.app.ctx, "agent", None)
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str) -> None:
            bound.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            data = data if isinstance(data, dict) else {}
            if sid in bound:
                # A socket keeps its conversation: asking for another one gives nothing.
                conversation_id, token = bound[sid], data.get("session_id")
                if chat_id_from_token(token) != conversation_id:
                    logger.warning("a chat socket asked for a second conversation: refused")
                    return
            else:
                token = data.get("session_id")
                conversation_id = chat_id_from_token(token)
                if conversation_id is None:  # none, or not issued here: a new conversation
                    token = new_chat_token()
                    conversation_id = chat_id_from_token(token)
                bound[sid] = conversation_id
                await sio.enter_room(sid, conversation_id, namespace=self.namespace)
            await sio.emit("session_confirm", token, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            conversation_id = bound.get(sid)
            if conversation_id is None or not isinstance(data, dict):
                logger.warning("chat message on a socket without a conversation: ignored")
                return
            text = clean_text(data.get("message"))
            if text is None:
                return
            await deliver(on_new_message, UserMessage(
                text, SocketIOOutput(sio, self.bot_message_evt), conversation_id,
                input_channel=self.name(),
            ), agent=agent_of.get("agent"))

        api_guard.attach(webhook)
        return webhook
