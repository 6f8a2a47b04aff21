"""Trackers built like Rasa's, and actions run on them as the action server runs them."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def user(text, intent):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "text": text}}


def tracker(text="", intent="greet", slots=None, events=None, active_loop=None):
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}},
        events=events if events is not None else [user(text, intent)],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run(action, track):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    return [m["text"] for m in dispatcher.messages], events


def run_with_buttons(action, track):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    return dispatcher.messages, events
