"""Access to the French texts: what the assistant says (bot/wording/texts_fr.yml) and what the
counsellors read (bot/wording/counsellors_fr.yml)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

TEXTS_FILE = Path(__file__).with_name("texts_fr.yml")
COUNSELLORS_FILE = Path(__file__).with_name("counsellors_fr.yml")


@lru_cache(maxsize=2)
def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _texts() -> dict[str, Any]:
    return _load(TEXTS_FILE)


def _at(tree: dict[str, Any], key: str, values: dict[str, Any]) -> str:
    node: Any = tree
    for part in key.split("."):
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(f"{key} is not a text")
    return node.format(**values) if values else node


def text(key: str, **values: Any) -> str:
    """The assistant's text at dotted `key`, with its {placeholders} filled from `values`."""
    return _at(_texts(), key, values)


def counsellor_text(key: str, **values: Any) -> str:
    """The counsellors' text at dotted `key`, with its {placeholders} filled from `values`."""
    return _at(_load(COUNSELLORS_FILE), key, values)


def counsellor_labels(section: str) -> dict[str, str]:
    """A section of the counsellors' texts as {key: label}: the states, groups and actions the
    pages name."""
    node = _load(COUNSELLORS_FILE)
    for part in section.split("."):
        node = node[part]
    return {str(key): value for key, value in node.items()}


def has_text(key: str) -> bool:
    try:
        text(key)
    except KeyError:
        return False
    return True


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [found for value in node.values() for found in _strings(value)]
    return []


def all_texts() -> list[str]:
    """Every text of the assistant, for checks of wording."""
    return _strings(_texts())


def all_counsellor_texts() -> list[str]:
    """Every text the counsellors read outside the templates, for checks of wording."""
    return _strings(_load(COUNSELLORS_FILE))


def button(key: str, payload: str) -> dict[str, str]:
    """A button whose title is `buttons.<key>` in the texts: every title is written once."""
    return {"title": text(f"buttons.{key}"), "payload": payload}


def callback_buttons() -> list[dict[str, str]]:
    """The yes-to-a-callback and no-thanks buttons, after an offer of a callback."""
    return [button("callback_yes", "/request_human"), button("no_thanks", "/deny")]
