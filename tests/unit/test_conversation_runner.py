"""The conversation runner's checks (tests/conversations/runner.py) on hand-made replies,
trackers and handovers: no server. Each operator must pass and fail when it should."""
from __future__ import annotations

import importlib.util
import json
import sys
from typing import Any

import pytest

from tests.conversations import runner
from tests.conversations.runner import (
    ERASE_REQUEST,
    MISSING,
    ConversationResult,
    Played,
    RunResult,
    check_value,
    command_reader,
    evaluate_check,
    find_handover,
    normalise,
    run_conversation,
)

# A booking made on the corpus's Sunday evening (Europe/Paris is UTC+1 in November).
BOOKED_SUNDAY = "2026-11-22T19:30:00+00:00"  # 20:30 in Paris
MONDAY_9 = "2026-11-23T08:00:00+00:00"
THURSDAY_11 = "2026-11-26T10:00:00+00:00"
SNAPSHOT = {
    "adults": 2, "children": 2,
    "income": {"status": "amount", "total": 2100.0, "detail": {}},
    "charges": {"status": "amount", "total": 1130.0, "detail": {"rent": 720.0, "energy": 130.0}},
    "arrears": {"status": "amount", "total": 450.0, "detail": {}},
}


def text(value: str, *buttons: str) -> dict[str, Any]:
    message: dict[str, Any] = {"recipient_id": "x", "text": value}
    if buttons:
        message["buttons"] = [{"title": b, "payload": f"/{i}"} for i, b in enumerate(buttons)]
    return message


def played(*turns: list[dict[str, Any]], final_slots: dict | None = None,
           slots_after: dict[int, dict] | None = None) -> Played:
    result = Played(sender="s1", turns=[f"message {i}" for i in range(len(turns))], replies=list(turns))
    result.final_slots = final_slots or {}
    result.slots_after = slots_after or {}
    return result


def verdict(check: dict, conversation: Played | None = None, handover: dict | None = None,
            error: str | None = None) -> tuple[bool, str]:
    return evaluate_check(check, conversation or played(), handover, error)


# --------------------------------------------------------------------------- normalisation

@pytest.mark.parametrize("raw, expected", [
    ("1\u202f440 €", "1440 €"),
    ("appelez le 34 14", "appelez le 3414"),
    ("Électricité À DÉCOUVERT", "electricite a decouvert"),
    ("l\u2019aide au cœur", "l'aide au coeur"),
    ("2 adultes et 3 enfants", "2 adultes et 3 enfants"),  # a space before a word stays
    (None, ""),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


# --------------------------------------------------------------------------- replies

CONVERSATION = played(
    [text("Bonjour, je suis l'assistant.", "Faire le point", "Être rappelé·e")],
    [text("Appelez le 31\u202f14, jour et nuit."), text("Êtes-vous en sécurité ?")],
    [text("Il reste environ 1 440 € pour vivre.", "Oui, être rappelé·e", "Non merci")],
)


def test_reply_contains_any_passes_at_any_turn_after_normalisation():
    assert verdict({"reply_contains_any": ["3114"]}, CONVERSATION) == (True, "")
    assert verdict({"reply_contains_any": ["pas la", "1440"]}, CONVERSATION)[0]
    assert verdict({"reply_contains_any": "securite"}, CONVERSATION)[0]  # a single string too


def test_reply_contains_any_fails_when_no_turn_says_it():
    assert verdict({"reply_contains_any": ["3919"]}, CONVERSATION) == (False, "no reply contains it")


def test_reply_contains_any_at_turn_looks_at_that_turn_only():
    assert verdict({"reply_contains_any": ["3114"], "at_turn": 1}, CONVERSATION)[0]
    ok, why = verdict({"reply_contains_any": ["3114"], "at_turn": 0}, CONVERSATION)
    assert not ok and why == "turn 0 reply: Bonjour, je suis l'assistant."


def test_reply_contains_any_does_not_read_button_titles():
    ok, _ = verdict({"reply_contains_any": ["faire le point"]}, CONVERSATION)
    assert not ok


def test_reply_at_a_turn_that_was_not_played_fails():
    not_played = (False, "turn 7 was not played")
    assert verdict({"reply_contains_any": ["x"], "at_turn": 7}, CONVERSATION) == not_played
    assert not verdict({"reply_not_contains_any": ["x"], "at_turn": 7}, CONVERSATION)[0]


def test_reply_not_contains_any_passes_when_nothing_says_it():
    assert verdict({"reply_not_contains_any": ["surendette", "mauvais payeur"]}, CONVERSATION) == (True, "")


def test_reply_not_contains_any_reads_texts_and_button_titles_at_every_turn():
    ok, why = verdict({"reply_not_contains_any": ["mauvais payeur", "etre rappele"]}, CONVERSATION)
    assert not ok and why.startswith("turn 0 says 'etre rappele': Bonjour")
    ok, why = verdict({"reply_not_contains_any": ["securite"]}, CONVERSATION)
    assert not ok and why.startswith("turn 1 says 'securite'")


def test_reply_not_contains_any_at_turn_ignores_the_other_turns():
    assert verdict({"reply_not_contains_any": ["3114"], "at_turn": 2}, CONVERSATION)[0]
    assert not verdict({"reply_not_contains_any": ["3114"], "at_turn": 1}, CONVERSATION)[0]


def test_every_turn_replies():
    assert verdict({"every_turn_replies": True}, CONVERSATION) == (True, "")
    silent = played([text("Bonjour")], [], [{"buttons": [{"title": "Oui"}]}], [text("  ")])
    assert verdict({"every_turn_replies": True}, silent) == (False, "no text reply at turn(s) [1, 2, 3]")
    assert verdict({"every_turn_replies": False}, silent)[0]


# --------------------------------------------------------------------------- slots

def test_slot_reads_a_dotted_path_in_the_final_slots():
    conversation = played([text("ok")], final_slots={"budget_snapshot": SNAPSHOT})
    assert verdict({"slot": "budget_snapshot.charges.detail.rent", "approx": 720}, conversation)[0]
    ok, why = verdict({"slot": "budget_snapshot.charges.detail.rent", "approx": 900}, conversation)
    assert not ok and why == "value: 720.0 (expected about 900)"
    ok, why = verdict({"slot": "budget_snapshot.charges.detail.water", "approx": 35}, conversation)
    assert not ok and why == "value: missing (expected about 35)"


def test_slot_at_turn_reads_the_slots_after_that_turn():
    conversation = played([text("a")], [text("b")], final_slots={"urgency_flags": []},
                          slots_after={0: {"urgency_flags": ["suicide"]}})
    assert verdict({"slot": "urgency_flags", "contains": "suicide", "at_turn": 0}, conversation)[0]
    assert not verdict({"slot": "urgency_flags", "contains": "suicide"}, conversation)[0]
    # Slots never read after that turn: nothing is there.
    assert not verdict({"slot": "urgency_flags", "contains": "suicide", "at_turn": 1}, conversation)[0]


def test_an_unknown_check_fails():
    assert verdict({"sentiment": "calm"}) == (False, "unknown check")


# --------------------------------------------------------------------------- value operators

@pytest.mark.parametrize("value, check, passes", [
    (720, {"approx": 720}, True),
    (792, {"approx": 720}, True),          # exactly 10 % over
    (648, {"approx": 720}, True),          # exactly 10 % under
    (793, {"approx": 720}, False),
    (640, {"approx": 720}, False),
    ({"status": "amount", "total": 1450.0}, {"approx": 1440}, True),  # an amount slot
    ("1 440,5", {"approx": 1440}, True),
    (0.6, {"approx": 0}, True),            # at least one euro of margin
    (2.0, {"approx": 0}, False),
    (None, {"approx": 0}, False),
    (MISSING, {"approx": 0}, False),
    (True, {"approx": 1}, False),          # a flag is not an amount
    (800, {"approx": 720, "tolerance": 0.2}, True),
    (2.0, {"equals": 2}, True),
    (3, {"equals": 2}, False),
    ("+33645789012", {"equals": "+33645789012"}, True),
    ("Électricité", {"equals": "electricite"}, True),
    ("+33645789013", {"equals": "+33645789012"}, False),
    (True, {"equals": True}, True),
    (False, {"equals": True}, False),
    ("true", {"equals": True}, True),
    (None, {"equals": None}, True),
    (MISSING, {"equals": None}, False),
    (None, {"equals": "x"}, False),
    (["suicide", "violence"], {"contains": "suicide"}, True),
    (["violence"], {"contains": "suicide"}, False),
    ("Orientée par GEG (fournisseur d'énergie)", {"contains": "geg"}, True),
    ("Orientée par la CAF", {"contains": "GEG"}, False),
    ({"rent": 720}, {"contains": "rent"}, True),
    (None, {"contains": "suicide"}, False),
    (MISSING, {"contains": "suicide"}, False),
    (["energy", "housing"], {"contains_any": ["bank", "housing"]}, True),
    (["energy"], {"contains_any": ["bank", "housing"]}, False),
    (["energy"], {"not_contains": "suicide"}, True),
    (MISSING, {"not_contains": "suicide"}, True),
    (["energy", "suicide"], {"not_contains": ["suicide", "violence"]}, False),
    (MISSING, {"absent": True}, True),
    (None, {"absent": True}, True),
    ("", {"absent": True}, True),
    ([], {"absent": True}, True),
    ({}, {"absent": True}, True),
    ("GEG", {"absent": True}, False),
    (0, {"absent": True}, False),          # zero is a value
    ("GEG", {"absent": False}, True),
    (MISSING, {"absent": False}, False),
    (THURSDAY_11, {"weekday": "thursday"}, True),
    (THURSDAY_11, {"weekday": ["Monday", "Thursday"]}, True),
    (THURSDAY_11, {"weekday": "friday"}, False),
    ("2026-11-22T23:30:00+00:00", {"weekday": "monday"}, True),   # 00:30 on Monday in Paris
    ("2026-11-22T23:30:00Z", {"weekday": "sunday"}, False),
    ("not a date", {"weekday": "monday"}, False),
    (None, {"weekday": "monday"}, False),
    (THURSDAY_11, {"hour_range": [9, 12]}, True),                  # 11:00 in Paris
    (THURSDAY_11, {"hour_range": [11, 11]}, True),                 # both ends included
    (THURSDAY_11, {"hour_range": [14, 17]}, False),
    ("2026-11-26T16:00:00+00:00", {"hour_range": [14, 17]}, True),  # 17:00: included
    ("2026-11-26T16:30:00+00:00", {"hour_range": [14, 17]}, False),  # 17:30
    ("2026-11-26T13:30:00+00:00", {"hour_range": [14.5, 17]}, True),  # 14:30, half hours
    (MISSING, {"hour_range": [9, 12]}, False),
    (THURSDAY_11, {"weekday": "thursday", "hour_range": [9, 12]}, True),
    (THURSDAY_11, {"weekday": "thursday", "hour_range": [14, 17]}, False),
])
def test_value_operators(value, check, passes):
    ok, why = check_value(value, check)
    assert ok is passes, why
    assert (why == "") is passes


@pytest.mark.parametrize("callback_at, booked_at, days, passes", [
    (MONDAY_9, BOOKED_SUNDAY, 1, True),
    (MONDAY_9, BOOKED_SUNDAY, 0, False),
    ("2026-11-24T08:00:00+00:00", BOOKED_SUNDAY, 2, True),       # Tuesday
    (THURSDAY_11, BOOKED_SUNDAY, 2, False),
    # Booked at 23:30 Paris on Sunday: the local dates count, not 24-hour periods.
    (MONDAY_9, "2026-11-22T22:30:00+00:00", 1, True),
    (MONDAY_9, None, 2, False),
])
def test_max_days_after_booking_counts_local_days_from_booked_at(callback_at, booked_at, days, passes):
    handover = {"callback_at": callback_at, "booked_at": booked_at}
    ok, why = check_value(callback_at, {"max_days_after_booking": days}, handover)
    assert ok is passes, why


def test_a_failure_says_what_was_found():
    assert check_value(THURSDAY_11, {"weekday": "monday"}) == (
        False, f"value: {THURSDAY_11} (jeudi 26/11 11:00, expected monday)")
    assert check_value(THURSDAY_11, {"hour_range": [14, 17]}) == (
        False, f"value: {THURSDAY_11} (local 11:00, expected 14h-17h)")
    assert check_value(["violence"], {"contains": "suicide"}) == (False, 'value: ["violence"]')
    assert check_value(THURSDAY_11, {"max_days_after_booking": 2}, {"booked_at": BOOKED_SUNDAY}) == (
        False, f"value: {THURSDAY_11} (4 days after booking on 22/11, expected at most 2)")


# --------------------------------------------------------------------------- handovers

HANDOVER = {"id": 7, "status": "booked", "sender_id": "s1", "callback_at": THURSDAY_11,
            "booked_at": BOOKED_SUNDAY, "referral": "GEG", "urgency_flags": ["suicide"],
            "phone": "+33678124589", "budget_snapshot": SNAPSHOT}


def test_handover_true_and_false():
    assert verdict({"handover": True}, handover=HANDOVER) == (True, "")
    assert verdict({"handover": False}) == (True, "")
    assert verdict({"handover": True}) == (False, "no callback booked for this sender")
    assert verdict({"handover": False}, handover=HANDOVER) == (False, f"a callback is booked: {THURSDAY_11}")


def test_handover_command_failure_fails_the_handover_checks():
    ok, why = verdict({"handover": False}, error="`bot handovers list --json` failed: no table")
    assert not ok and why.startswith("handover command failed: `bot handovers")
    assert not verdict({"handover_field": "referral", "contains": "GEG"}, error="boom")[0]


def test_handover_field_reads_the_booked_callback():
    assert verdict({"handover_field": "referral", "contains": "GEG"}, handover=HANDOVER)[0]
    assert verdict({"handover_field": "budget_snapshot.arrears.total", "approx": 450}, handover=HANDOVER)[0]
    assert verdict({"handover_field": "callback_at", "weekday": "thursday"}, handover=HANDOVER)[0]
    assert verdict({"handover_field": "callback_at", "max_days_after_booking": 4}, handover=HANDOVER)[0]
    assert not verdict({"handover_field": "callback_at", "max_days_after_booking": 2}, handover=HANDOVER)[0]
    assert not verdict({"handover_field": "phone", "equals": "+33600000000"}, handover=HANDOVER)[0]
    assert verdict({"handover_field": "referral", "contains": "GEG"}) == (
        False, "no callback booked for this sender")


class Handovers:
    """The `bot handovers` command on hand-made rows: `list` gives the rows without the
    transcript, `show` the whole handover."""

    def __init__(self, rows: list[dict], shown: dict[int, dict] | None = None, as_object: bool = False):
        self.rows, self.shown, self.as_object = rows, shown or {}, as_object
        self.calls: list[list[str]] = []

    def __call__(self, args):
        self.calls.append(list(args))
        if args[0] == "list":
            return {"handovers": self.rows} if self.as_object else self.rows
        if int(args[1]) not in self.shown:
            raise RuntimeError("Aucun rappel")
        return self.shown[int(args[1])]


def test_find_handover_takes_the_sender_s_latest_active_callback_merged_with_show():
    rows = [
        {"id": 1, "sender_id": "other", "status": "booked", "booked_at": "2026-11-22T20:00:00+00:00"},
        {"id": 2, "sender_id": "s1", "status": "booked", "booked_at": "2026-11-22T19:00:00+00:00"},
        {"id": 3, "sender_id": "s1", "status": "booked", "booked_at": "2026-11-22T19:30:00+00:00"},
        {"id": 4, "sender_id": "s1", "status": "cancelled", "booked_at": "2026-11-22T19:40:00+00:00"},
    ]
    read = Handovers(rows, {3: {"id": 3, "transcript": [{"text": "bonjour"}]}})
    found = find_handover(read, "s1")
    assert found["id"] == 3 and found["transcript"] == [{"text": "bonjour"}] and found["status"] == "booked"
    assert read.calls == [["list", "--json"], ["show", "3", "--json"]]
    assert find_handover(Handovers(rows), "nobody") is None
    assert find_handover(Handovers(rows[3:]), "s1") is None  # a cancelled callback holds no slot


def test_find_handover_keeps_the_list_row_when_show_fails_and_reads_a_list_in_an_object():
    found = find_handover(Handovers([HANDOVER], as_object=True), "s1")
    assert found == HANDOVER


def test_command_reader_runs_the_command_and_reads_its_json(tmp_path):
    script = tmp_path / "handovers.py"
    script.write_text("import json, os, sys\n"
                      "if sys.argv[1] == 'fail': sys.exit('no database')\n"
                      "print(json.dumps({'args': sys.argv[1:], 'db': os.environ.get('DATABASE_URL')}))\n")
    read = command_reader([sys.executable, str(script)], env={"DATABASE_URL": "sqlite:///x.db"})
    assert read(["list", "--json"]) == {"args": ["list", "--json"], "db": "sqlite:///x.db"}
    as_shell = command_reader(f"DATABASE_URL=sqlite:///y.db {sys.executable} {script}")
    assert as_shell(["show", "3", "--json"]) == {"args": ["show", "3", "--json"], "db": "sqlite:///y.db"}
    with pytest.raises(RuntimeError, match="failed: no database"):
        read(["fail"])


# --------------------------------------------------------------------------- a whole conversation

class Assistant:
    """A scripted assistant: a reply per message; books a callback on "oui" to the callback
    question and cancels it when the erasure is confirmed (unless told not to)."""

    def __init__(self, handovers: Handovers, erases: bool = True, fails_at: str | None = None):
        self.handovers, self.erases, self.fails_at = handovers, erases, fails_at
        self.sent: list[str] = []
        self.slot_reads = 0
        self.slots_now: dict[str, Any] = {"urgency_flags": []}

    def send(self, sender, message):
        self.sent.append(message)
        if message == self.fails_at:
            raise ConnectionError("connection refused")
        if message == ERASE_REQUEST:
            return [text("Voulez-vous vraiment tout effacer ?", "Oui, tout effacer", "Non")]
        if message == "Oui, tout effacer" and self.erases:
            for row in self.handovers.rows:
                row["status"] = "erased"
            return [text("C'est effacé.")]
        if message == "je veux disparaitre":
            self.slots_now = {"urgency_flags": ["suicide"]}
            return [text("Appelez le 3114.")]
        if message == "rappelez-moi jeudi":
            self.handovers.rows.append({**HANDOVER, "sender_id": sender})
            return [text("C'est noté : jeudi 26 novembre à 11 h.")]
        return [text("Je vous écoute.")]

    def slots(self, sender):
        self.slot_reads += 1
        return dict(self.slots_now)


BOOKING = {
    "id": "booking",
    "turns": ["bonjour", "je veux disparaitre", "rappelez-moi jeudi"],
    "expect": [
        {"reply_contains_any": ["3114"], "at_turn": 1},
        {"slot": "urgency_flags", "contains": "suicide", "at_turn": 1},
        {"slot": "urgency_flags", "contains": "suicide", "at_turn": 0},
        {"handover": True},
        {"handover_field": "callback_at", "weekday": "thursday"},
        {"handover_field": "callback_at", "hour_range": [14, 17]},
        {"every_turn_replies": True},
    ],
}


def test_a_conversation_is_played_checked_and_its_booking_erased():
    handovers = Handovers([])
    assistant = Assistant(handovers)
    result = run_conversation(BOOKING, assistant, handovers, sender="s1")
    assert [(c.passed, c.detail) for c in result.checks] == [
        (True, ""), (True, ""), (False, "value: []"), (True, ""), (True, ""),
        (False, f"value: {THURSDAY_11} (local 11:00, expected 14h-17h)"), (True, "")]
    assert not result.passed and len(result.failures) == 2
    # Slots read after turns 0 and 1 (named by at_turn) and at the end.
    assert assistant.slot_reads == 3
    # Erased after the checks, by clicking the bot's own confirmation button.
    assert assistant.sent[3:] == [ERASE_REQUEST, "Oui, tout effacer"]
    assert result.erase_warning is None and handovers.rows[0]["status"] == "erased"
    assert runner.fail_lines(result)[0] == (
        'FAIL booking: {"slot": "urgency_flags", "contains": "suicide", "at_turn": 0} -> value: []')


def test_a_booking_still_there_after_erasure_is_a_warning():
    handovers = Handovers([])
    assistant = Assistant(handovers, erases=False)
    result = run_conversation(BOOKING, assistant, handovers, sender="s1")
    # A second attempt answers "oui" again before giving up.
    assert assistant.sent[3:] == [ERASE_REQUEST, "Oui, tout effacer", "oui", "oui"]
    assert result.erase_warning == ("WARN booking: callback 7 of sender s1 is still booked after "
                                    "asking the assistant to erase the conversation")


def test_without_a_booking_nothing_is_erased_and_a_failed_turn_is_kept_as_an_error():
    handovers = Handovers([])
    assistant = Assistant(handovers, fails_at="je veux disparaitre")
    spec = {"id": "quiet", "turns": ["bonjour", "je veux disparaitre"],
            "expect": [{"handover": False}, {"every_turn_replies": True}]}
    result = run_conversation(spec, assistant, handovers, sender="s2")
    assert assistant.sent == ["bonjour", "je veux disparaitre"]
    assert result.played.errors == ["turn 1: connection refused"]
    assert [c.passed for c in result.checks] == [True, False]
    assert result.erase_warning is None


def test_the_summary_counts_checks_and_fully_passed_conversations():
    def result(*verdicts: bool) -> ConversationResult:
        checks = [runner.CheckResult({"handover": True}, ok) for ok in verdicts]
        return ConversationResult(id="c", sender="s", checks=checks, played=played())

    run = RunResult([result(True, True), result(True, False), result()])
    assert run.summary() == "conversations: 3/4 checks passed, 1/3 conversations fully passed"
    assert run.share == 0.75
    assert RunResult([]).share == 0.0


# --------------------------------------------------------------------------- command line

def test_main_prints_fail_lines_and_the_final_line(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "households.yml"
    corpus.write_text(json.dumps([BOOKING, {"id": "other", "turns": ["bonjour"],
                                            "expect": [{"every_turn_replies": True}]}]))
    handovers = Handovers([])
    assistant = Assistant(handovers)
    monkeypatch.setattr(runner, "Assistant", lambda url, token: assistant)
    monkeypatch.setattr(runner, "project_reader", lambda database_url: handovers)
    report = tmp_path / "report.txt"
    assert runner.main(["--file", str(corpus), "--token", "t", "--report", str(report)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith('FAIL booking: {"slot": "urgency_flags", "contains": "suicide", "at_turn": 0}')
    assert out[1].startswith('FAIL booking: {"handover_field": "callback_at", "hour_range": [14, 17]}')
    assert out[-1] == "conversations: 6/8 checks passed, 1/2 conversations fully passed"
    assert "[2] > rappelez-moi jeudi" in report.read_text()

    assert runner.main(["--file", str(corpus), "--only", "other"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "conversations: 1/1 checks passed, 1/1 conversations fully passed"]


def test_main_cannot_read_the_corpus(tmp_path, capsys):
    assert runner.main(["--file", str(tmp_path / "none.yml")]) == 2
    (tmp_path / "dict.yml").write_text("id: x\n")
    assert runner.main(["--file", str(tmp_path / "dict.yml")]) == 2


# --------------------------------------------------------------------------- same verdicts as run.py

def shared_run_py():
    path = runner.ROOT.parent / "shared" / "conversations" / "run.py"
    if not path.exists():
        pytest.skip(f"{path} is not here (it is not part of the project)")
    spec = importlib.util.spec_from_file_location("shared_conversations_run", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_value_verdicts_as_the_shared_run_py():
    shared = shared_run_py()
    cases = test_value_operators.pytestmark[0].args[1]
    for value, check, _ in cases:
        theirs = shared.check_value(shared.MISSING if value is MISSING else value, check)
        assert check_value(value, check) == theirs, (value, check)
    for raw in ("1\u202f440 €", "Électricité l\u2019aide œuvre 34 14", "2 adultes"):
        assert normalise(raw) == shared.norm(raw)
