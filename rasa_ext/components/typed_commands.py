"""Rasa NLU component: a text starting with "/" triggers an intent only when it is the payload
of a button the assistant offered to this conversation.

Rasa reads "/intent" typed as text as that intent, bypassing the language model: typing
"/erase_my_data" or "/request_human{...}" would act without any button. The channels mark every
"/" message as offered or not (rasa_ext/channels/inbound.py, `OFFERED_KEY`, set by the server only);
one not offered loses its leading slashes here, so that Rasa's last step, which unpacks
"/intent" messages, leaves it alone. A command-shaped text ("/erase_my_data") has no French
words for the classifier, which still named some intent with confidence: it is read as not
understood, unless the crisis safety net recognised something ("/suicide"). Words after a
slash ("/ j'ai un souci") stay with the classifier. The conversation keeps what the person
typed: only the copy read for understanding changes.
"""
from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.channels.inbound import COMMAND_PREFIX, OFFERED_KEY, TYPED_BUTTON_KEY
from rasa_ext.components.crisis_net import CRISIS_INTENT
from rasa_ext.components.gibberish import FALLBACK_INTENT
from rasa_ext.components.intent_override import IntentOverride, force_intent, intent_of

_COMMAND_SHAPE = re.compile(r"[A-Za-z_][\w.]*(@[\d.]+)?(\{.*\})?", re.DOTALL)
_PLAIN_INTENT = re.compile(r"/[a-z_]+")


def is_refused(metadata: Any) -> bool:
    """Whether a channel checked the command and found it was not offered. Messages that came
    through no channel (Rasa's own conversation tests, /model/parse: operators only, the HTTP
    API being closed in production) carry no mark and are read as Rasa reads them."""
    return isinstance(metadata, dict) and OFFERED_KEY in metadata and metadata[OFFERED_KEY] is not True


def as_plain_text(text: str) -> str:
    """The text without the slashes, and the spaces of any kind between them, that would make
    Rasa read it as a command: Rasa strips the text before looking for "/", so "/\t/restart"
    must lose both slashes."""
    start = 0
    while start < len(text) and (text[start] == COMMAND_PREFIX or text[start].isspace()):
        start += 1
    return text[start:]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TypedCommandGuard(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text.strip().startswith(COMMAND_PREFIX) \
                    and is_refused(message.get("metadata")):
                plain = as_plain_text(text.strip())
                message.set(TEXT, plain)
                intent = intent_of(message)
                if _COMMAND_SHAPE.fullmatch(plain) and intent != CRISIS_INTENT:
                    force_intent(message, FALLBACK_INTENT)
            typed = button_intent(message.get("metadata"))
            if typed is not None and intent_of(message) != CRISIS_INTENT:
                force_intent(message, typed)
        return messages


def button_intent(metadata: Any) -> str | None:
    """The intent of the offered button whose title the person typed, when its payload is a
    plain intent ("/affirm"); payloads with entities are read from the text by the actions."""
    if not isinstance(metadata, dict):
        return None
    payload = metadata.get(TYPED_BUTTON_KEY)
    if isinstance(payload, str) and _PLAIN_INTENT.fullmatch(payload):
        return payload[1:]
    return None
