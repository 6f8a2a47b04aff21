"""What every channel does with a message coming in: clean the text, hand it to Rasa, and if
Rasa cannot handle it (database unavailable for too long), tell the person instead of staying
silent. Logs never carry the message, only what kind of failure it was.

Two guards live here because every channel needs them:
- a text starting with "/" is a button's payload only when the assistant offered that button
  (`mark_commands`); anything else is read as the text it is, so that typing "/erase_my_data"
  or "/request_human" triggers nothing by itself (rasa_ext/components/typed_commands.py);
- a conversation receiving messages faster than a person can write is paused for a minute
  (`MessageRate`): each message costs the whole pipeline and grows the conversation.
"""
from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered

from bot.reading.textnorm import normalize
from bot.wording.texts import text as say
from bot.wording.trouble import trouble_text

logger = logging.getLogger(__name__)

# A long letter pasted in full still fits; beyond, the text is cut (the person's words first).
MAX_MESSAGE_CHARS = 10_000
MAX_SENDER_CHARS = 128
MAX_TITLE_LENGTH = 80  # longer than any button title: a longer message is read as it is
# Set by the channel on every message starting with "/", never by a client (channels drop the
# metadata clients send): True for the payload of a button the assistant offered, or a control
# message of the chat widget; False for anything else, which is then read as text.
OFFERED_KEY = "ccas_offered_command"
# The intent of the button whose title the person typed ("Oui, tout effacer" by SMS).
TYPED_BUTTON_KEY = "ccas_typed_button"
COMMAND_PREFIX = "/"
# What the chat widget sends by itself when a conversation opens: harmless, always accepted.
ALWAYS_ALLOWED = frozenset({"/session_start"})
# A person writes a few messages a minute; a script, hundreds.
MAX_MESSAGES_PER_MINUTE = 20
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
    # A lone surrogate cannot be stored by any database (and made Rasa's store exit the server).
    sender = _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub("", raw)).strip()
    return sender if 0 < len(sender) <= MAX_SENDER_CHARS else None


def _buttons_shown(events: list[Any]) -> Iterator[dict[str, Any]]:
    """The buttons the assistant showed since the person last wrote, newest first."""
    for event in reversed(events):
        if isinstance(event, UserUttered):
            return
        if isinstance(event, BotUttered):
            yield from (b for b in (event.data or {}).get("buttons") or []
                        if isinstance(b, dict) and b.get("payload"))


def offered_payloads(events: list[Any]) -> set[str]:
    """The payloads of the buttons the assistant showed since the person last wrote."""
    return {str(b["payload"]) for b in _buttons_shown(events)}


def offered_titles(events: list[Any]) -> dict[str, str]:
    """The buttons shown since the person last wrote: their title, as typed, to their payload."""
    titles: dict[str, str] = {}
    for button in _buttons_shown(events):
        if button.get("title"):
            titles.setdefault(_as_typed(str(button["title"])), str(button["payload"]))
    return titles


def _as_typed(text: str) -> str:
    return " ".join(normalize(text).split())


async def _last_events(agent: Any, sender_id: str) -> list[Any]:
    """`sender_id`'s events, read from the tracker store (empty if unreadable)."""
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return []
    try:
        tracker = await store.retrieve(sender_id)
    except Exception as error:  # database unavailable: a command is then read as text
        logger.warning("could not read the choices offered (%s)", type(error).__name__)
        return []
    return list(tracker.events) if tracker is not None else []


async def last_offered(agent: Any, sender_id: str) -> set[str]:
    """What `sender_id` was last offered, read from the tracker store (empty if unreadable)."""
    return offered_payloads(await _last_events(agent, sender_id))


async def mark_commands(agent: Any, message: UserMessage) -> None:
    """Mark the message as a command when it is one the person may send: a control message of
    the widget, or the payload of a button offered to this very conversation. A button's title
    typed as text (by SMS, or without clicking) is marked with that button's payload."""
    text = message.text or ""
    if not text.strip().startswith(COMMAND_PREFIX):
        if len(text) <= MAX_TITLE_LENGTH:
            payload = offered_titles(await _last_events(agent, message.sender_id)).get(_as_typed(text))
            if payload is not None:
                message.metadata = {**(message.metadata or {}), TYPED_BUTTON_KEY: payload}
        return
    offered = text in ALWAYS_ALLOWED or text in await last_offered(agent, message.sender_id)
    message.metadata = {**(message.metadata or {}), OFFERED_KEY: offered}


class MessageRate:
    """How many messages each conversation sent in the last minute, in this server's memory.
    Behind several servers each counts its own share: the limit is then per server, which
    still stops a script."""

    def __init__(self, limit: int = MAX_MESSAGES_PER_MINUTE, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self.seen: dict[str, deque[float]] = {}

    def allow(self, sender_id: str) -> bool:
        now = self.clock()
        recent = self.seen.setdefault(sender_id, deque())
        while recent and now - recent[0] > self.window:
            recent.popleft()
        if len(recent) >= self.limit:
            return False
        recent.append(now)
        if len(self.seen) > 10_000:  # forget the conversations that went quiet
            self.seen = {k: v for k, v in self.seen.items() if v and now - v[-1] <= self.window}
        return True


RATE = MessageRate()


async def deliver(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage,
                  agent: Any = None) -> bool:
    """Hand the message to Rasa. On failure, apologise on the same channel and return False.
    Messages beyond the rate are not handled: the person is told to send it again shortly."""
    if not RATE.allow(message.sender_id):
        logger.warning("message from %s channel refused: too many in a minute", message.input_channel)
        await _tell(message.output_channel, message.sender_id, say("trouble.too_fast"))
        return False
    await mark_commands(agent, message)
    try:
        await on_new_message(message)
        return True
    except Exception as error:
        logger.error("message from %s channel not handled (%s): the person is asked to send it again",
                     message.input_channel, type(error).__name__)
        await apologise(message.output_channel, message.sender_id)
        return False


async def apologise(output: OutputChannel, recipient_id: str) -> None:
    await _tell(output, recipient_id, trouble_text("not_saved"))


async def _tell(output: OutputChannel, recipient_id: str, words: str) -> None:
    try:
        await output.send_text_message(recipient_id, words)
    except Exception as error:  # the channel itself is failing: nothing more can be said
        logger.error("apology not sent (%s)", type(error).__name__)
