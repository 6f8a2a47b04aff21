"""Data are deleted 2 years after the person's last contact, and not before."""
import asyncio
import datetime as dt

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.callbacks.bookings import book
from bot.cli import main
from bot.configuration.settings import ROOT
from bot.storage.db import session_factory
from bot.storage.migrate import upgrade
from bot.storage.retention import last_contacts, purge

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone.utc)


def conversation(url: str, sender: str, at: dt.datetime) -> None:
    stamp = at.timestamp()
    domain = Domain.load(str(ROOT / "domain.yml"))
    events = [ActionExecuted("action_session_start", timestamp=stamp), SessionStarted(timestamp=stamp),
              UserUttered("bonjour", intent={"name": "greet", "confidence": 1.0}, timestamp=stamp + 1),
              BotUttered("Bonjour", timestamp=stamp + 2)]
    store = SQLTrackerStore(domain, host=url)
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events, slots=domain.slots)))
    store.engine.dispose()


def test_only_people_silent_for_longer_than_the_retention_are_erased(database_url):
    upgrade(database_url)
    conversation(database_url, "old", NOW - dt.timedelta(days=800))
    conversation(database_url, "recent", NOW - dt.timedelta(days=100))
    # Wrote long ago, but had a callback within the period: the last contact is the callback.
    conversation(database_url, "called", NOW - dt.timedelta(days=800))
    with session_factory(database_url)() as session:
        for sender, days in (("called", 600), ("old", 900)):
            book(session, slot_start=NOW - dt.timedelta(days=days), capacity=1, sender_id=sender,
                 phone="+33612345678")
        contacts = last_contacts(session)
        assert contacts["old"] < contacts["called"] < contacts["recent"]
        assert purge(session, NOW, 730, dry_run=True).persons == 1
        done = purge(session, NOW, 730)
        assert (done.persons, done.events, done.bookings) == (1, 4, 1)
        remaining = {row[0] for row in session.execute(text("SELECT DISTINCT sender_id FROM events"))}
    assert remaining == {"recent", "called"}


def test_purge_command(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'ccas.db'}"
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    conversation(url, "old", dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=800))
    assert main(["purge", "--dry-run"]) == 0
    assert "1 personne(s) à effacer" in capsys.readouterr().out
    assert main(["purge"]) == 0
    assert "1 personne(s) effacée(s) : 4 événements" in capsys.readouterr().out
    assert main(["purge", "--days", "0"]) == 1
