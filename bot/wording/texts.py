"""Access to the French texts of bot/wording/texts_fr.yml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

TEXTS_FILE = Path(__file__).with_name("texts_fr.yml")


@lru_cache(maxsize=1)
def _texts() -> dict[str, Any]:
    with TEXTS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def text(key: str, **values: Any) -> str:
    """The text at dotted `key`, with its {placeholders} filled from `values`."""
    node: Any = _texts()
    for part in key.split("."):
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(f"{key} is not a text")
    return node.format(**values) if values else node


def has_text(key: str) -> bool:
    try:
        text(key)
    except KeyError:
        return False
    return True


def all_texts() -> list[str]:
    """Every text, for checks of wording."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(_texts())
    return found


def button(key: str, payload: str) -> dict[str, str]:
    """A button whose title is `buttons.<key>` in the texts: every title is written once."""
    return {"title": text(f"buttons.{key}"), "payload": payload}


def callback_buttons() -> list[dict[str, str]]:
    """The yes-to-a-callback and no-thanks buttons, after an offer of a callback."""
    return [button("callback_yes", "/request_human"), button("no_thanks", "/deny")]
