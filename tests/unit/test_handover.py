"""The handover read from a real database, where Rasa's own tracker store wrote the
conversation: SQLite file and PostgreSQL server."""
import asyncio
import datetime as dt
import json
import time
from zoneinfo import ZoneInfo

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.callbacks.bookings import book
from bot.cli import main
from bot.configuration.ccas import load_national
from bot.configuration.settings import CONFIG_DIR, ROOT
from bot.handovers import handover
from bot.reading.amounts import format_euros
from bot.storage.db import session_factory
from bot.storage.migrate import upgrade

PARIS = ZoneInfo("Europe/Paris")
NATIONAL = load_national(CONFIG_DIR / "national.yml")
MONDAY_9 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
SNAPSHOT = {
    "adults": 1, "children": 2,
    "income": {"status": "amount", "total": 1400.0, "approximate": True, "detail": {}},
    "charges": {"status": "amount", "total": 900.0, "approximate": False,
                "detail": {"rent": 650.0, "energy": 250.0}},
    "loans": {"status": "zero", "total": 0.0, "approximate": False, "detail": {}},
    "arrears": {"status": "amount", "total": 1300.0, "approximate": False, "detail": {"rent": 1300.0}},
}


def _say(text, at):
    return UserUttered(text, intent={"name": "express_difficulty", "confidence": 1.0}, timestamp=at)


def write_conversation(url: str, sender: str) -> list[str]:
    """Two sessions of one person, written by Rasa's SQLTrackerStore; the texts, in order."""
    domain = Domain.load(str(ROOT / "domain.yml"))
    start = time.time() - 3600
    events = [
        ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start),
        ActionExecuted("action_listen", timestamp=start),
        _say("bonjour, c'est GEG qui m'a donné votre numéro", start + 1),
        BotUttered("Bonjour, je vous écoute.", timestamp=start + 2),
        _say("on va me couper le gaz et j'ai 2 mois de loyer en retard", start + 3),
        SlotSet("themes", ["energy", "housing"], timestamp=start + 4),
        SlotSet("urgency_flags", ["energy_cut"], timestamp=start + 4),
        BotUttered("Je comprends, c'est lourd.", timestamp=start + 5),
        SlotSet("budget_snapshot", SNAPSHOT, timestamp=start + 6),
        ActionExecuted("action_session_start", timestamp=start + 1800),
        SessionStarted(timestamp=start + 1800),
        _say("c'est encore moi, j'ai reçu une lettre d'expulsion", start + 1801),
        SlotSet("themes", ["housing"], timestamp=start + 1802),
        SlotSet("urgency_flags", ["energy_cut", "eviction"], timestamp=start + 1802),
        BotUttered("Appelez SOS Loyers impayés.", timestamp=start + 1803),
        SlotSet("callback_constraints", {"excluded_days": [2], "part": None, "after": "16:00:00",
                                         "before": None}, timestamp=start + 1804),
    ]
    store = SQLTrackerStore(domain, host=url)
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events, slots=domain.slots)))
    store.engine.dispose()
    return [e.text for e in events if isinstance(e, (UserUttered, BotUttered))]


@pytest.fixture
def database(database_url, monkeypatch):
    upgrade(database_url)
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def _book(url, sender, consent, pseudonym="Sam"):
    with session_factory(url)() as session:
        return book(session, slot_start=MONDAY_9, capacity=2, sender_id=sender, phone="+33612345678",
                    pseudonym=pseudonym, consent_transcript=consent).id


def test_handover_holds_everything_across_sessions(database, grenoble):
    said = write_conversation(database, "alice")
    booking_id = _book(database, "alice", consent=True)
    with session_factory(database)() as session:
        item = handover.load(session, booking_id, grenoble, NATIONAL)
    assert (item.pseudonym, item.phone, item.callback_at) == ("Sam", "06 12 34 56 78", MONDAY_9)
    assert item.referral == ["GEG"]
    assert item.themes == ["energy", "housing"]
    assert item.urgency_flags == ["energy_cut", "eviction"]
    assert [line.text for line in item.transcript] == said
    assert [line.session for line in item.transcript] == [1, 1, 1, 1, 2, 2]
    assert item.snapshot["left_to_live"] == 500.0 and item.snapshot["has_arrears"] is True
    # Income minus repayments, compared with the RSA floor for this household (not what is
    # left after rent and bills).
    floor = item.snapshot["living_floor"]
    left = item.snapshot["left_after_loans"]
    assert item.snapshot["below_living_floor"] is (left < floor)
    label = "Ressources moins crédits, face au minimum qu'une commission doit laisser (RSA du foyer)"
    rows = dict(handover.snapshot_rows(item.snapshot))
    assert rows[label].startswith(f"{format_euros(left)} pour {format_euros(floor)}")
    text = handover.render_text(item, NATIONAL)
    assert "Orientation : GEG" in text
    owed = format_euros(1300)
    assert f"Retards : {owed} en tout (le loyer {owed})" in text and "Crédits : aucun" in text
    assert "coupure ou réduction d'énergie ; expulsion, loyers impayés" in text
    assert f"Reste pour vivre : {format_euros(500)} par mois" in text
    assert "— visite 2 —" in text and said[-1] in text
    assert item.call_constraints == ["pas le mercredi", "après 16 h"]
    assert "Pour l'appel, la personne a demandé : pas le mercredi ; après 16 h" in text


def test_without_consent_only_who_when_how_to_call_and_the_danger_are_shared(database, grenoble):
    write_conversation(database, "bob")
    booking_id = _book(database, "bob", consent=False, pseudonym=None)
    with session_factory(database)() as session:
        item = handover.load(session, booking_id, grenoble, NATIONAL)
    data = handover.to_json(item)
    assert data["transcript"] is None and data["budget_snapshot"] is None
    assert data["themes"] == [] and data["referral"] == []
    # What bears on the call itself: how to call, and the danger the person spoke of.
    assert data["callback_constraints"] == ["pas le mercredi", "après 16 h"]
    assert data["urgency_flags"] == ["energy_cut", "eviction"]
    assert data["phone"] == "+33612345678"
    text = handover.render_text(item, NATIONAL)
    assert "pas souhaité partager la conversation" in text
    assert "Pour l'appel, la personne a demandé : pas le mercredi" in text and "Signalements : " in text
    assert "gaz" not in text and "GEG" not in text and "Retards" not in text


def test_cli_lists_and_shows_handovers(database, capsys, monkeypatch):
    said = write_conversation(database, "carole")
    booking_id = _book(database, "carole", consent=True)
    assert main(["handovers", "list", "--since", "2026-11-30"]) == 0
    listed = capsys.readouterr().out
    assert f"n° {booking_id}" in listed and "lundi 30 novembre 2026 à 9 h" in listed and "Sam" in listed
    assert main(["handovers", "list", "--json", "--since", "2026-11-30"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [booking_id] and "transcript" not in rows[0]
    assert rows[0]["callback_at"] == "2026-11-30T09:00:00+01:00"
    assert main(["handovers", "show", str(booking_id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [line["text"] for line in shown["transcript"]] == said
    assert shown["urgency_flags"] == ["energy_cut", "eviction"]
    assert main(["handovers", "show", str(booking_id)]) == 0
    assert "À appeler : lundi 30 novembre 2026 à 9 h" in capsys.readouterr().out
    assert main(["handovers", "list", "--since", "2026-12-01"]) == 0
    assert "Aucun rappel prévu." in capsys.readouterr().out


def test_cli_says_kindly_when_a_handover_does_not_exist(database, capsys):
    assert main(["handovers", "show", "999"]) == 1
    assert "Aucun rappel n° 999." in capsys.readouterr().err


def test_cli_on_a_database_never_set_up(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["handovers", "list"]) == 2
    err = capsys.readouterr().err
    assert "python -m bot migrate" in err and "Traceback" not in err
