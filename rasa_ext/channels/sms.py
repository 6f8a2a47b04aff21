"""SMS through Twilio, for people who write in the evening, when the phone line is closed.

Inbound: Twilio posts each SMS to /webhooks/twilio/webhook; the signature is checked with the
account's auth token. Outbound: each reply is one SMS sent through Twilio's REST API. SMS has
no buttons, so choices become a numbered list, and an answer "2" is read as the second choice
of the assistant's last message.

The conversation is keyed by a keyed hash of the number (bot/storage/conversation_ids.py), never the
number itself: knowing someone's number must not open their conversation on another channel.
The replies go to the number the message came from, which only this channel knows.
"""
from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered
from sanic import Blueprint, response
from sanic.request import Request
from twilio.base.exceptions import TwilioException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.storage.conversation_ids import sms_conversation_id
from bot.wording import texts
from rasa_ext.channels.inbound import clean_text, deliver

logger = logging.getLogger(__name__)
DEFAULT_API = "https://api.twilio.com"
MAX_SMS_CHARS = 1600  # Twilio's limit for one message
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
CHOICE_HINT = texts.text("sms.choice_hint")


def numbered(text: str, buttons: list[dict[str, Any]]) -> str:
    """A message with its buttons as a numbered list, for a channel without buttons."""
    choices = "\n".join(f"{index}. {button.get('title', '')}" for index, button in enumerate(buttons, 1))
    return f"{text}\n\n{choices}\n{CHOICE_HINT}"


def chosen_payload(answer: str, last_buttons: list[dict[str, Any]]) -> str | None:
    """The payload of the choice numbered `answer` ("2", "2.", " 2 "), if there is one."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*[.)]?\s*", answer)
    if not match or not last_buttons:
        return None
    index = int(match.group(1)) - 1
    return last_buttons[index].get("payload") if 0 <= index < len(last_buttons) else None


class SmsOutput(OutputChannel):
    @classmethod
    def name(cls) -> str:
        return "twilio"

    def __init__(self, account_sid: str, auth_token: str, number: str, api_base: str,
                 to: str | None = None) -> None:
        self.client = Client(account_sid, auth_token)
        # The API's address is configurable so that tests can stand in for Twilio's servers.
        self.client.api.base_url = api_base.rstrip("/")
        self.number = number
        # The person's number: the conversation id (recipient_id) is only a hash of it.
        self.to = to

    async def _send(self, recipient_id: str, body: str) -> None:
        if not self.to:
            logger.error("SMS reply without the person's number: not sent")
            return
        try:
            # Twilio's client is synchronous: sent from a thread, so that the Rasa server keeps
            # answering the other conversations while Twilio's API answers.
            await asyncio.to_thread(self.client.messages.create, to=self.to, from_=self.number,
                                    body=body[:MAX_SMS_CHARS])
        except TwilioException as error:
            # The person's message is kept in the conversation; the counsellor will see it. Only
            # Twilio's error code is logged: its message may carry the person's number.
            logger.error("SMS to the person could not be sent (Twilio error %s)", getattr(error, "code", "?"))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(recipient_id, text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._send(recipient_id, numbered(text, buttons))


class SmsInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(
            account_sid=str(credentials.get("account_sid") or ""),
            auth_token=str(credentials.get("auth_token") or ""),
            number=str(credentials.get("twilio_number") or ""),
            api_base=str(credentials.get("api_base") or DEFAULT_API),
            webhook_url=str(credentials.get("webhook_url") or ""),
        )

    def __init__(self, account_sid: str, auth_token: str, number: str, api_base: str = DEFAULT_API,
                 webhook_url: str = "") -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.number = number
        self.api_base = api_base
        self.webhook_url = webhook_url

    @property
    def configured(self) -> bool:
        return bool(self.account_sid and self.auth_token and self.number)

    def get_output_channel(self, to: str | None = None) -> OutputChannel:
        return SmsOutput(self.account_sid, self.auth_token, self.number, self.api_base, to=to)

    def _signed(self, request: Request) -> bool:
        # Twilio signs the public URL it called; behind a proxy, give it as webhook_url.
        url = self.webhook_url or request.url
        params = {key: request.form.get(key) for key in request.form}
        signature = request.headers.get("X-Twilio-Signature", "")
        return RequestValidator(self.auth_token).validate(url, params, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("twilio_sms_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok" if self.configured else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            if not self.configured:
                return response.text("SMS channel not configured", status=503)
            if not self._signed(request):
                logger.warning("SMS webhook call with a wrong Twilio signature: refused")
                return response.text("invalid signature", status=403)
            sender = request.form.get("From")
            text = clean_text(request.form.get("Body"))
            if not sender or not text:
                return response.text(EMPTY_TWIML, content_type="text/xml")
            conversation_id = sms_conversation_id(sender)
            payload = chosen_payload(text, await self._last_buttons(request, conversation_id))
            await deliver(on_new_message, UserMessage(
                payload or text, self.get_output_channel(to=sender), conversation_id,
                input_channel=self.name(), metadata={"sms_text": text} if payload else None,
            ), agent=getattr(request.app.ctx, "agent", None))
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return webhook

    @staticmethod
    async def _last_buttons(request: Request, sender: str) -> list[dict[str, Any]]:
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or agent.tracker_store is None:
            return []
        try:
            tracker = await agent.tracker_store.retrieve(sender)
        except Exception as error:  # database unavailable: "2" is then read as it is
            logger.warning("could not read the last choices offered (%s)", type(error).__name__)
            return []
        if tracker is None:
            return []
        for event in reversed(tracker.events):
            if isinstance(event, BotUttered):
                buttons = (event.data or {}).get("buttons")
                if buttons:
                    return buttons
            elif event.type_name == "user":
                return []
        return []
