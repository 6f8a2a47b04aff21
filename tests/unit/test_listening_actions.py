"""The actions that answer when the assistant could not help: what it can do, and a counsellor
offered after two misunderstandings, with the CCAS's own number and hours."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.listening import ActionExplainWhatIDo, ActionOfferHumanAfterMisunderstanding
from bot.configuration.ccas import current_ccas


def _run(action, text: str):
    message = {"text": text, "intent": {"name": "nlu_fallback"}}
    tracker = Tracker("t", {}, message, [{"event": "user", "text": text, "parse_data": message}], False, None,
                      {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_what_the_assistant_does_is_said_with_the_three_ways_on():
    messages, events = _run(ActionExplainWhatIDo(), "jcomprend rien a ce truc")
    assert "assistant automatique" in messages[0]["text"] and events == []
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/request_snapshot", "/request_human",
                                                              "/request_info"]


def test_after_two_misunderstandings_a_counsellor_is_offered_with_the_direct_line():
    messages, _ = _run(ActionOfferHumanAfterMisunderstanding(), "qsdfqsdf")
    ccas = current_ccas()
    assert ccas.phone in messages[0]["text"] and "rappel" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/request_human", "/deny"]
