"""What every channel does with a message coming in: clean the text, hand it to Rasa, and if
Rasa cannot handle it (database unavailable for too long), tell the person instead of staying
silent. Logs never carry the message, only what kind of failure it was."""
from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.trouble import trouble_text

logger = logging.getLogger(__name__)

# A long letter pasted in full still fits; beyond, the text is cut (the person's words first).
MAX_MESSAGE_CHARS = 10_000
MAX_SENDER_CHARS = 128
# Control characters (NUL cannot even be stored by PostgreSQL), except line breaks and tabs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Half of a UTF-16 pair, alone (JSON can carry "\\ud800"): no database can store it as text.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(raw: Any) -> str | None:
    """The message as text, or None when there is nothing to read (empty, or not text at all).
    A number is read as its digits: "12" typed in a field can arrive as 12."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    text = _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub("", raw))
    text = unicodedata.normalize("NFC", text).strip()
    return text[:MAX_MESSAGE_CHARS].strip() or None


def clean_sender(raw: Any) -> str | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    sender = _CONTROL.sub("", raw).strip()
    return sender if 0 < len(sender) <= MAX_SENDER_CHARS else None


async def deliver(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> bool:
    """Hand the message to Rasa. On failure, apologise on the same channel and return False."""
    try:
        await on_new_message(message)
        return True
    except Exception as error:
        logger.error("message from %s channel not handled (%s): the person is asked to send it again",
                     message.input_channel, type(error).__name__)
        await apologise(message.output_channel, message.sender_id)
        return False


async def apologise(output: OutputChannel, recipient_id: str) -> None:
    try:
        await output.send_text_message(recipient_id, trouble_text("not_saved"))
    except Exception as error:  # the channel itself is failing: nothing more can be said
        logger.error("apology not sent (%s)", type(error).__name__)
