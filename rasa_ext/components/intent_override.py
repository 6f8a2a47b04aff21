"""What the project's NLU components share: they add nothing to train, and overrule the
classifier's intent in some cases."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


class IntentOverride(GraphComponent):
    """A component without training or state; subclasses implement process()."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentOverride:
        return cls()


def intent_of(message: Message) -> str | None:
    """The message's intent as it stands after the components before this one."""
    return (message.get(INTENT) or {}).get("name")


def force_intent(message: Message, name: str) -> None:
    """Make `name` the message's intent, with full confidence, first in the ranking."""
    others = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, {"name": name, "confidence": 1.0}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": 1.0}, *others], add_to_output=True)


def override_where(messages: list[Message], gives_way: Callable[[str | None], bool],
                   reads: Callable[[str], bool], intent: str) -> list[Message]:
    """For the components driven by one reader of the words: each message whose intent gives
    way and whose words the reader recognises gets `intent`."""
    for message in messages:
        if gives_way(intent_of(message)) and reads(message.get(TEXT) or ""):
            force_intent(message, intent)
    return messages
