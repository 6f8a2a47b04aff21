"""The CCAS's activity figures: what an action call adds, the daily counts in a real database,
weeks and months, the CSV and the charts, and figures that outlive the purge."""
import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

from bot.activity import counts, report
from bot.activity.figures import overall, period_of, periods
from bot.activity.recording import person_said, record_call
from bot.activity.seen import EVERY_MESSAGE, seen
from bot.callbacks import followup
from bot.callbacks.bookings import book
from bot.storage.db import session_factory
from bot.storage.migrate import upgrade
from bot.storage.retention import purge
from tests.ccas_configs import GRENOBLE

NS = {"svg": "http://www.w3.org/2000/svg"}
MONDAY = dt.date(2026, 11, 23)


def slot(name, value):
    return {"event": "slot", "name": name, "value": value}


def test_a_visit_and_only_what_is_new_is_counted():
    assert seen("action_session_start", {}, [], [], GRENOBLE) == [(counts.CONVERSATION, "")]
    found = seen("action_crisis_support", {"urgency_flags": ["eviction"], "themes": ["housing"]},
                 [slot("urgency_flags", ["eviction", "shelter"]), slot("themes", ["housing"])], [], GRENOBLE)
    assert found == [(counts.URGENCY, "shelter")]  # the eviction and the housing were already there


def test_arrears_count_once_per_conversation():
    late = {"status": "amount", "total": 1350.0}
    assert seen("x", {}, [slot("budget_arrears", late)], [], GRENOBLE) == [(counts.ARREARS, "")]
    assert seen("x", {"budget_arrears": late}, [slot("budget_arrears", {**late, "total": 1400.0})], [],
                GRENOBLE) == []
    assert seen("x", {}, [slot("budget_arrears", {"status": "zero"})], [], GRENOBLE) == []


def test_a_callback_counts_when_booked_early_or_at_the_last_answer_never_twice():
    early = seen("validate_callback_form", {"urgency_flags": ["energy_cut"]}, [slot("callback_reserved", 7)],
                 [], GRENOBLE)
    assert early == [(counts.BOOKED, "urgent")]
    # The last answer of a callback booked early: already counted.
    assert seen("validate_callback_form", {"callback_reserved": 7}, [slot("callback_outcome", "booked")],
                [], GRENOBLE) == []
    assert seen("validate_callback_form", {}, [slot("callback_outcome", "booked")], [], GRENOBLE) == [
        (counts.BOOKED, "")]
    assert seen("validate_callback_form", {}, [slot("callback_outcome", "moved")], [], GRENOBLE) == []


def test_who_sent_the_person_is_counted_when_first_said():
    said = ["bonjour", "c'est GEG qui m'a dit de vous contacter"]
    assert seen(EVERY_MESSAGE, {}, [], said, GRENOBLE) == [(counts.REFERRAL, "GEG")]
    assert seen(EVERY_MESSAGE, {}, [], [*said, "oui GEG m'a conseillé de vous écrire"], GRENOBLE) == []
    assert seen("action_next_step", {}, [], said, GRENOBLE) == []  # read once per message


def test_the_person_s_messages_are_those_of_the_current_visit():
    tracker = {"events": [{"event": "user", "text": "avant"}, {"event": "session_started"},
                          {"event": "user", "text": "maintenant"}, {"event": "bot", "text": "réponse"}]}
    assert person_said(tracker) == ["maintenant"]


def _database(database_url, monkeypatch):
    upgrade(database_url)
    monkeypatch.setenv("DATABASE_URL", database_url)
    return session_factory(database_url)


def test_counts_add_up_per_day_and_fill_weeks_and_months(database_url, monkeypatch):
    database = _database(database_url, monkeypatch)
    with database() as session:
        for day, seen_then in (
            (MONDAY, [(counts.CONVERSATION, ""), (counts.CONVERSATION, ""), (counts.THEME, "housing")]),
            (MONDAY + dt.timedelta(days=2), [(counts.CONVERSATION, ""), (counts.BOOKED, "urgent"),
                                            (counts.URGENCY, "eviction"), (counts.THEME, "housing")]),
            (MONDAY - dt.timedelta(days=14), [(counts.CONVERSATION, ""), (counts.BOOKED, ""),
                                              (counts.SOCIAL_WORKER, "yes"), (counts.SOCIAL_WORKER, "no")]),
        ):
            counts.add(session, day, seen_then)
        weeks = periods(session, MONDAY + dt.timedelta(days=3), "week", count=4)
        months = periods(session, MONDAY, "month", count=2)
    assert [w.label for w in weeks] == ["semaine du 2 novembre", "semaine du 9 novembre",
                                        "semaine du 16 novembre", "semaine du 23 novembre"]
    assert [w.conversations for w in weeks] == [0, 1, 0, 3]  # a quiet week is a figure too
    assert (weeks[-1].booked, weeks[-1].booked_urgent, weeks[-1].themes["housing"]) == (1, 1, 2)
    assert [m.label for m in months] == ["octobre 2026", "novembre 2026"]
    whole = overall(months)
    assert (whole.conversations, whole.booked, whole.social_worker_yes, whole.urgencies["eviction"]) == (
        4, 2, 1, 1)
    assert dict(report.shares(weeks)) == {"dont situation urgente": "50 %", "Personnes jointes": "—",
                                          "Avec des retards de paiement": "0 %",
                                          "Déjà suivies par un travailleur social": "50 %"}


def test_a_week_starts_on_monday_and_a_month_on_the_first():
    week = (MONDAY, dt.date(2026, 11, 29), "semaine du 23 novembre", "23 nov.")
    assert period_of(dt.date(2026, 11, 29), "week") == week
    february = (dt.date(2026, 2, 1), dt.date(2026, 2, 28), "février 2026", "févr. 26")
    assert period_of(dt.date(2026, 2, 14), "month") == february


def test_the_figures_outlive_the_purge_of_the_conversations(database_url, monkeypatch):
    database = _database(database_url, monkeypatch)
    long_ago = dt.datetime(2024, 1, 8, 10, 0, tzinfo=dt.timezone.utc)
    with database() as session:
        book(session, slot_start=long_ago, capacity=1, sender_id="old", phone="+33612345678")
        counts.add(session, long_ago.date(), [(counts.CONVERSATION, ""), (counts.BOOKED, "")])
        erased = purge(session, long_ago + dt.timedelta(days=900), retention_days=730)
        kept = counts.between(session, long_ago.date(), long_ago.date())
    assert erased.bookings == 1
    assert sorted((c.measure, c.count) for c in kept) == [(counts.BOOKED, 1), (counts.CONVERSATION, 1)]


def test_reached_and_not_reached_are_counted_from_the_follow_up(database_url, monkeypatch):
    database = _database(database_url, monkeypatch)
    with database() as session:
        first = book(session, slot_start=dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc), capacity=2,
                     sender_id="a", phone="+33612345678")
        second = book(session, slot_start=dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc), capacity=2,
                      sender_id="b", phone="+33612345679")
        followup.set_followup(session, first, "no_answer")
        followup.set_followup(session, first, "called")
        followup.set_followup(session, second, "closed")
        rows = counts.between(session, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    assert sorted((c.measure, c.count) for c in rows) == [(counts.NOT_REACHED, 1), (counts.REACHED, 1)]


def test_an_action_call_is_recorded_and_a_broken_one_costs_nothing(database_url, monkeypatch):
    database = _database(database_url, monkeypatch)
    call = {"next_action": "action_session_start", "tracker": {"slots": {}, "events": []}}
    assert record_call(call, {"events": []}) == [(counts.CONVERSATION, "")]
    assert record_call({"tracker": "not a tracker"}, {"events": None}) == []
    with database() as session:
        kept = counts.between(session, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    assert [(c.measure, c.count) for c in kept] == [(counts.CONVERSATION, 1)]


def test_csv_and_charts_say_the_same_numbers(database_url, monkeypatch):
    database = _database(database_url, monkeypatch)
    with database() as session:
        counts.add(session, MONDAY, [(counts.CONVERSATION, ""), (counts.URGENCY, "eviction"),
                                     (counts.REFERRAL, "GEG"), (counts.THEME, "energy")])
        weeks = periods(session, MONDAY, "week", count=2)
    rows = list(csv.reader(io.StringIO(report.as_csv(weeks)), delimiter=";"))
    assert rows[0][:4] == ["Période", "Début", "Fin", "Conversations"]
    assert "expulsion, loyers impayés" in rows[0] and "GEG" in rows[0] and "énergie" in rows[0]
    assert rows[2][:4] == ["semaine du 23 novembre", "2026-11-23", "2026-11-29", "1"]
    made = report.charts_of(weeks)
    for chart in made:
        root = ET.fromstring(chart.svg)
        assert root.get("role") == "img" and root.find("svg:title", NS).text == chart.table.caption
    activity, urgencies = made[0], made[1]
    assert activity.table.rows[-1] == ("semaine du 23 novembre", "1", "0", "0")
    assert urgencies.table.rows == [("expulsion, loyers impayés", "1", "100 %")]


def test_the_social_worker_answer_counts_once_and_a_skip_not_at_all():
    assert seen("action_validate_slot_mappings", {}, [slot("social_worker", "yes")], [], GRENOBLE) == [
        (counts.SOCIAL_WORKER, "yes")]
    assert seen("x", {"social_worker": "yes"}, [slot("social_worker", "no")], [], GRENOBLE) == []
    assert seen("x", {}, [slot("social_worker", "skip")], [], GRENOBLE) == []
