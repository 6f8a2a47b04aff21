"""The budget form's validation and the summary actions, on trackers built like Rasa's."""
import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.budget import ActionBudgetCorrect, ActionBudgetSummary, ValidateBudgetForm
from actions.understanding import read_message
from bot.money.budget import Line
from bot.reading.amounts import parse_answer
from tests.unit.rasa_trackers import tracker, user


def validate(slot, text, slots=None, intent="inform"):
    dispatcher = CollectingDispatcher()
    method = getattr(ValidateBudgetForm(), f"validate_{slot}")
    track = tracker(text, intent, slots=slots)
    result = asyncio.run(method(text, dispatcher, track, {}))
    return result, [m.get("text") for m in dispatcher.messages]


def run(action, text, slots):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker(text, "inform", slots=slots), {}))
    return events, dispatcher.messages


def test_an_amount_is_stored_as_a_line():
    result, texts = validate("budget_income", "environ 1300")
    assert result["budget_income"]["total"] == 1300 and result["budget_income"]["approximate"]
    assert texts == []


def test_skip_is_accepted_kindly():
    result, texts = validate("budget_charges", "je préfère ne pas dire")
    assert result["budget_charges"]["status"] == "skip"
    assert texts == ["Pas de souci, on passe."]


def test_not_understood_twice_then_skipped():
    result, texts = validate("budget_loans", "bof c'est compliqué")
    assert result["budget_loans"] is None and "environ 1200" in texts[0]
    result, texts = validate("budget_loans", "euh", slots={"budget_failures": result["budget_failures"]})
    assert result["budget_loans"]["status"] == "not_understood"
    assert "question suivante" in texts[0]


def test_thanks_at_a_question_is_a_courtesy_not_a_failed_answer():
    for slot in ("budget_household", "budget_loans"):
        result, texts = validate(slot, "d'accord merci beaucoup", intent="thank")
        assert result == {slot: None} and texts == ["Avec plaisir."]
    result, _ = validate("budget_loans", "merci, non rien", intent="thank")
    assert result["budget_loans"]["total"] == 0  # an answer with the thanks is the answer


def test_when_the_adults_are_known_only_the_children_are_asked_once():
    from actions.budget import ActionAskBudgetHousehold

    known = {"budget_snapshot": {"adults": 1, "children": None}}
    _, messages = run(ActionAskBudgetHousehold(), "", known)
    assert "1 adulte" in messages[0]["text"] and "enfants" in messages[0]["text"]
    result, _ = validate("budget_household", "non", slots=known)
    assert result["budget_household"] == {"adults": 1, "children": 0}
    result, _ = validate("budget_household", "oui deux", slots=known)
    assert result["budget_household"] == {"adults": 1, "children": 2}
    # Anything else: the adults are kept and the question is not asked again (no loop).
    result, texts = validate("budget_household", "le crédit de la voiture 130 par mois", slots=known)
    assert result["budget_household"] == {"adults": 1, "children": None} and texts == []
    _, messages = run(ActionAskBudgetHousehold(), "", {})
    assert messages[0]["response"] == "utter_ask_budget_household"


def test_household_answer():
    result, _ = validate("budget_household", "seule avec mes 2 enfants")
    assert result["budget_household"] == {"adults": 1, "children": 2}


def test_correction_during_the_form_updates_the_earlier_answer_and_asks_again():
    charges = Line.from_answer(parse_answer("loyer 650 et électricité 90"), "charges").to_dict()
    message = "non attendez, mon loyer c'est 700"
    dispatcher = CollectingDispatcher()
    slots = {"budget_charges": charges, "requested_slot": "budget_loans"}
    events = read_message(dispatcher, tracker(message, "inform", slots=slots, active_loop="budget_form"))
    changed = {e["name"]: e["value"] for e in events}
    assert changed["budget_charges"]["detail"] == {"rent": 700, "energy": 90}
    assert "budget_loans" not in changed  # the loans question is still open
    assert [m["text"] for m in dispatcher.messages] == ["C'est corrigé : 700 € de loyer."]
    # The form then asks the loans question again, without counting a failure.
    form = ValidateBudgetForm()
    track = tracker(message, "inform", slots=slots, events=[user(message, "inform"), *events])
    result = asyncio.run(form.validate_budget_loans(message, CollectingDispatcher(), track, {}))
    assert result == {"budget_loans": None}


def test_arrears_keep_which_bills_are_late():
    result, _ = validate("budget_arrears", "le loyer 1300 et l'électricité 400")
    assert result["budget_arrears"]["detail"] == {"rent": 1300, "energy": 400}
    result, _ = validate("budget_arrears", "le loyer et l'électricité")
    assert set(result["budget_arrears"]["detail"]) == {"rent", "energy"}


def _answered():
    return {
        "budget_household": {"adults": 1, "children": 0},
        "budget_income": Line.from_answer(parse_answer("900"), "income").to_dict(),
        "budget_charges": Line.from_answer(parse_answer("loyer 500"), "charges").to_dict(),
        "budget_loans": Line.from_answer(parse_answer("150"), "loans").to_dict(),
        "budget_arrears": Line.from_answer(parse_answer("non"), "arrears").to_dict(),
    }


def test_summary_is_shown_and_stored_with_the_conversation():
    events, messages = run(ActionBudgetSummary(), "non", _answered())
    stored = next(e["value"] for e in events if e["name"] == "budget_snapshot")
    # 900 € in, 150 € of repayments: above the RSA floor for one person, no arrears.
    assert stored["left_to_live"] == 250 and stored["needs_help"] is False
    assert "il reste 250 €" in messages[0]["text"]
    assert messages[-1]["buttons"][0]["payload"] == "/request_human"


def test_correction_at_the_summary_recomputes_it():
    dispatcher = CollectingDispatcher()
    track = tracker("non, mon loyer c'est 700", "inform", slots=_answered())
    track.events.append({"event": "action", "name": "action_budget_summary"})
    events = read_message(dispatcher, track)
    assert any(e["name"] == "budget_charges" and e["value"]["total"] == 700 for e in events)
    stored = next(e["value"] for e in events if e["name"] == "budget_snapshot")
    assert stored["left_to_live"] == 50
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0] == "C'est corrigé : 700 € de loyer."
    assert "il reste 50 €" in texts[1]


def test_a_plain_no_at_the_summary_corrects_nothing():
    events, messages = run(ActionBudgetCorrect(), "non merci", _answered())
    assert events == [] and messages[0]["response"] == "utter_ok_stay_here"


def test_going_along_at_a_question_gets_the_question_again_without_an_apology():
    dispatcher = CollectingDispatcher()
    track = tracker("allez c'est parti, on fait le point", "request_snapshot")
    result = asyncio.run(ValidateBudgetForm().validate_budget_household(
        "allez c'est parti, on fait le point", dispatcher, track, {}))
    assert result["budget_household"] is None and dispatcher.messages == []
    assert result["budget_failures"] == {"budget_household": 1}  # counted: it cannot loop


def test_a_household_listed_member_by_member_is_the_answer():
    result, _ = validate("budget_household", "moi mon homme et nos 3 loulous")
    assert result["budget_household"] == {"adults": 2, "children": 3}


def test_the_children_question_answered_with_other_facts_comes_once_more():
    said = "loyer 480, box 25"
    read = {"event": "slot", "name": "budget_charges", "value": {"status": "amount", "total": 505.0}}
    slots = {"budget_snapshot": {"adults": 1, "children": None}}
    dispatcher = CollectingDispatcher()
    track = tracker(said, "inform", slots=slots, events=[user(said, "inform"), read])
    result = asyncio.run(ValidateBudgetForm().validate_budget_household(said, dispatcher, track, {}))
    assert result["budget_household"] is None and dispatcher.messages == []
    # The second time, the adults are kept and the questions go on.
    slots["budget_failures"] = result["budget_failures"]
    track = tracker(said, "inform", slots=slots, events=[user(said, "inform"), read])
    validation = ValidateBudgetForm().validate_budget_household(said, CollectingDispatcher(), track, {})
    result = asyncio.run(validation)
    assert result["budget_household"] == {"adults": 1, "children": None}


def test_a_crisis_message_keeps_the_writers_own_household_quietly():
    said = "on nous a mis dehors, on dort dans la voiture avec mon mari et nos 2 enfants ce soir"
    dispatcher = CollectingDispatcher()
    events = read_message(dispatcher, tracker(said, "crisis"))
    stored = next(e["value"] for e in events if e["name"] == "budget_snapshot")
    assert (stored["adults"], stored["children"]) == (2, 2)
    assert dispatcher.messages == []  # the numbers come first, nothing said of the budget
    # Someone else's children are not the writer's household.
    said = "ma voisine laisse ses 3 enfants seuls toute la nuit"
    events = read_message(CollectingDispatcher(), tracker(said, "crisis"))
    assert not any(e["name"] == "budget_snapshot" and e["value"].get("children") for e in events)


def test_the_household_of_a_crisis_message_leaves_the_form_question_as_it_was():
    said = "je dors dans la voiture avec mon fils de 8 ans, je sais pas ou aller ce soir"
    events = read_message(CollectingDispatcher(), tracker(said, "crisis", active_loop="budget_form"))
    assert not any(e["name"] == "budget_household" for e in events)


def test_a_crisis_message_never_changes_a_household_already_given():
    # Given at the household question: two adults and a child. A crisis message about a
    # grown-up son living there, or about a late husband, changes neither.
    household = {"adults": 2, "children": 1}
    slots = {"budget_snapshot": dict(household), "budget_household": household}
    for said in ("mon fils de 30 ans me menace, je vis seule avec lui et j'ai peur",
                 "depuis que mon mari est parti je suis seule et je veux en finir"):
        events = read_message(CollectingDispatcher(),
                              tracker(said, "crisis", slots=slots, active_loop="budget_form"))
        snapshots = [e["value"] for e in events if e["name"] == "budget_snapshot"]
        assert all((s["adults"], s["children"]) == (2, 1) for s in snapshots), said
        assert not any(e["name"] == "budget_household" for e in events)
