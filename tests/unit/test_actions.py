"""The actions, run as the action server runs them, on trackers built like Rasa's."""
from rasa_sdk.events import SessionStarted, SlotSet

from actions.common import misunderstood_in_a_row
from actions.listening import ActionReflect, ActionTrackMisunderstanding
from actions.safety import ActionCrisisFollowup, ActionCrisisSupport
from actions.session import ActionSessionStart
from tests.unit.rasa_trackers import run, run_with_buttons, tracker, user


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
    again = tracker("toujours cette expulsion", "express_difficulty", slots={"urgency_flags": ["eviction"]},
                    events=[{"event": "slot", "name": "urgency_flags", "value": ["eviction"]},
                            user("toujours cette expulsion", "express_difficulty")])
    texts, events = run(ActionReflect(), again)
    assert not any("0805 16 00 75" in t for t in texts)
    assert not any(e.get("name") == "urgency_flags" for e in events)


def test_crisis_answer_asks_whether_the_person_is_safe_and_remembers_it():
    texts, events = run(ActionCrisisSupport(), tracker("je sais plus pourquoi je me bats", "stop"))
    assert "3114" in texts[0] and "idées noires" in texts[0]
    # Asked plainly, last, after the numbers; the counsellor is not an emergency service.
    assert texts[-1].endswith("Pensez-vous à vous faire du mal en ce moment ?")
    assert "pas un service d'urgence" in texts[-1]
    assert SlotSet("crisis_context", {"kinds": ["suicide"], "step": "asked_safe"}) in events


def test_violence_and_a_child_in_one_message_get_both_numbers_and_flags():
    track = tracker("mon mari frappe les enfants et garde tout l'argent", "crisis")
    texts, events = run(ActionCrisisSupport(), track)
    assert "3919" in texts[0] and "119" in texts[1]
    assert SlotSet("urgency_flags", ["violence", "child"]) in events


SHELTER_ASKED = {"crisis_context": {"kinds": ["shelter"], "step": "asked_safe"}}


def test_the_line_does_not_answer_gets_next_steps_and_a_callback_offer():
    track = tracker("j'ai appelé le 115, personne ne répond", "nlu_fallback", slots=SHELTER_ASKED)
    messages, events = run_with_buttons(ActionCrisisFollowup(), track)
    assert "115" in messages[0]["text"] and "rappelez" in messages[0]["text"]
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/request_human", "/deny"]
    assert SlotSet("crisis_context", {"kinds": ["shelter"], "step": "offered_callback"}) in events


def test_not_safe_gets_the_danger_numbers_at_once():
    track = tracker("non", "deny", slots={"crisis_context": {"kinds": ["violence"], "step": "asked_safe"}})
    texts, events = run(ActionCrisisFollowup(), track)
    assert "17 ou le 112" in texts[0] and "114" in texts[0] and "Avez-vous pu appeler" in texts[0]
    assert SlotSet("crisis_context", {"kinds": ["violence"], "step": "in_danger"}) in events
    # "oui" now means "I called", not "I am safe".
    track = tracker("oui", "affirm", slots={"crisis_context": {"kinds": ["violence"], "step": "in_danger"}})
    texts, _ = run(ActionCrisisFollowup(), track)
    assert "Je reste là" in texts[0] and "rassure" not in texts[0]


def test_for_suicidal_ideation_yes_means_danger_and_no_means_safe():
    asked = {"crisis_context": {"kinds": ["suicide"], "step": "asked_safe"}}
    texts, _ = run(ActionCrisisFollowup(), tracker("oui", "affirm", slots=asked))
    assert "3114" in texts[0] and "Avez-vous pu appeler" in texts[0]
    texts, _ = run(ActionCrisisFollowup(), tracker("non", "deny", slots=asked))
    assert texts[0] == "Merci de me le dire."


def test_safe_inside_the_budget_questions_goes_back_to_them_without_buttons():
    slots = {"crisis_context": {"kinds": ["suicide"], "step": "asked_safe"}}
    track = tracker("ça va, je suis chez moi", "affirm", slots=slots, active_loop="budget_form")
    messages, events = run_with_buttons(ActionCrisisFollowup(), track)
    assert "reprenons" in messages[-1]["text"] and not messages[-1]["buttons"]
    assert SlotSet("crisis_context", {"kinds": ["suicide"], "step": "done"}) in events


def test_a_booked_callback_is_not_offered_again():
    slots = {"crisis_context": {"kinds": ["violence"], "step": "asked_safe"}, "callback_booking_id": 4}
    texts, _ = run(ActionCrisisFollowup(), tracker("oui", "affirm", slots=slots))
    assert "reste prévu" in texts[-1]


def test_shame_is_answered_once_whatever_the_assistant_was_doing():
    from actions.understanding import ActionReadEveryMessage

    first = tracker("j'ose à peine vous écrire, je suis gênée de tout ça", "express_difficulty")
    texts, _ = run(ActionReadEveryMessage(), first)
    assert any("aucune honte" in t for t in texts)
    said = {"event": "bot", "text": texts[0]}
    again = tracker("j'ai honte", "express_difficulty",
                    events=[said, user("j'ai honte", "express_difficulty")])
    texts, _ = run(ActionReadEveryMessage(), again)
    assert not any("aucune honte" in t for t in texts)
    # In the middle of the booking, at the time question: heard all the same.
    booking = tracker("j'ai honte de tout ça, mardi matin", "inform", active_loop="callback_form",
                      slots={"requested_slot": "callback_time"})
    texts, _ = run(ActionReadEveryMessage(), booking)
    assert any("aucune honte" in t for t in texts)


def test_unpaid_child_support_gets_the_caf_recovery_service_once():
    from actions.understanding import ActionReadEveryMessage

    said = "ok. et la pension alimentaire qu'il verse plus depuis l'été, on en parle après ?"
    texts, _ = run(ActionReadEveryMessage(), tracker(said, "affirm"))
    assert any("ARIPA" in t for t in texts)
    texts, _ = run(ActionReadEveryMessage(), tracker("je touche une petite pension de retraite", "inform"))
    assert not any("ARIPA" in t for t in texts)
