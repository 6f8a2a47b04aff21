"""The actions, run as the action server runs them, on trackers built like Rasa's."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import misunderstood_in_a_row
from actions.listening import ActionReflect, ActionTrackMisunderstanding
from actions.safety import ActionCrisisSupport
from actions.session import ActionSessionStart


def user(text, intent):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "text": text}}


def tracker(text="", intent="greet", slots=None, events=None):
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}},
        events=events if events is not None else [user(text, intent)],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(action, track):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    return [m["text"] for m in dispatcher.messages], events


def test_crisis_gives_the_number_first_and_flags_it():
    texts, events = run(ActionCrisisSupport(), tracker("je veux mourir", "crisis"))
    assert "3114" in texts[0]
    assert SlotSet("urgency_flags", ["suicide"]) in events


def test_crisis_keeps_earlier_flags():
    track = tracker("on dort dehors ce soir", "crisis", slots={"urgency_flags": ["violence"]})
    _, events = run(ActionCrisisSupport(), track)
    assert SlotSet("urgency_flags", ["violence", "shelter"]) in events


def test_crisis_seen_only_by_the_classifier_is_flagged_and_answered():
    texts, events = run(ActionCrisisSupport(), tracker("je n'en peux plus de tout", "crisis"))
    assert "3114" in texts[0] and "115" in texts[0]
    assert SlotSet("urgency_flags", ["crisis_unspecified"]) in events


def test_reflect_records_new_themes():
    track = tracker("le loyer et EDF me dépassent", "express_difficulty", slots={"themes": ["bank"]})
    texts, events = run(ActionReflect(), track)
    assert "loyer" in texts[0]
    assert events == [SlotSet("themes", ["bank", "housing", "energy"])]


def test_reflect_without_new_theme_sets_nothing():
    texts, events = run(ActionReflect(), tracker("c'est dur", "express_difficulty"))
    assert events == [] and texts


def test_misunderstandings_are_counted_in_a_row_within_the_session():
    events = [
        user("asdf", "nlu_fallback"),
        {"event": "session_started"},
        user("bonjour", "greet"),
        user("qsdf", "nlu_fallback"),
        user("la météo", "out_of_scope"),
    ]
    assert misunderstood_in_a_row(events) == 2
    assert misunderstood_in_a_row(events[:4]) == 1
    assert misunderstood_in_a_row(events[:3]) == 0
    assert misunderstood_in_a_row(events[:1] + [{"event": "session_started"}]) == 0


def test_track_misunderstanding_sets_once_then_twice():
    first = [user("qsdf", "nlu_fallback")]
    _, events = run(ActionTrackMisunderstanding(), tracker("qsdf", "nlu_fallback", events=first))
    assert events == [SlotSet("misunderstanding", "once")]
    second = first + [user("wxcv", "nlu_fallback")]
    _, events = run(ActionTrackMisunderstanding(), tracker("wxcv", "nlu_fallback", events=second))
    assert events == [SlotSet("misunderstanding", "twice")]


def test_session_start_welcomes_after_session_started_and_carries_themes():
    track = tracker(slots={"themes": ["housing"], "misunderstanding": "twice"}, events=[])
    texts, events = run(ActionSessionStart(), track)
    assert texts == []  # the welcome is returned as events, after SessionStarted
    assert events[0] == SessionStarted()
    assert SlotSet("themes", ["housing"]) in events
    assert SlotSet("misunderstanding", "twice") not in events
    assert SlotSet("ccas_phone", "04 76 69 45 94") in events
    bot_texts = [e["text"] for e in events if e.get("event") == "bot"]
    assert "assistant automatique" in bot_texts[0]
    assert events[-1]["event"] == "action" and events[-1]["name"] == "action_listen"


def test_reflect_gives_urgent_help_once_and_flags_it():
    track = tracker("le proprio a lancé une procédure d'expulsion", "express_difficulty")
    texts, events = run(ActionReflect(), track)
    assert any("0805 16 00 75" in t for t in texts)
    assert SlotSet("urgency_flags", ["eviction"]) in events
    again = tracker("toujours cette expulsion", "express_difficulty", slots={"urgency_flags": ["eviction"]})
    texts, events = run(ActionReflect(), again)
    assert not any("0805 16 00 75" in t for t in texts)
    assert not any(e.get("name") == "urgency_flags" for e in events)
