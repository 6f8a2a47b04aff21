"""The three changes the project makes to how Rasa behaves, installed in one place and on
purpose (by `python -m rasa_ext`), never as a side effect of an import:

- an answer to the person when the action server is unreachable (`rasa_ext.action_fallback`);
- the action server's replies checked against a schema compiled once
  (`rasa_ext.action_response_check`);
- a tracker store that stays unavailable reaches the channel instead of a blank conversation
  kept in memory (`rasa_ext.tracker_store`).
"""
from __future__ import annotations

from rasa_ext import action_fallback, action_response_check, tracker_store


def install() -> None:
    """Applies every change; calling it twice changes nothing more."""
    action_fallback.install()
    action_response_check.install()
    tracker_store.install()
