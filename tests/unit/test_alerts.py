"""Alerts to the team, received by a real SMTP server started here (aiosmtpd): an urgent callback
booked, one due within the hour, each once, none for a callback without urgency, no personal
data in the email, and an alert that could not be sent is sent at the next round."""
import asyncio
import datetime as dt
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.alerts import rounds
from bot.callbacks.bookings import book
from bot.configuration.settings import ROOT, load_settings
from bot.storage.db import session_factory

NOW = dt.datetime(2026, 11, 24, 9, 20, tzinfo=dt.timezone(dt.timedelta(hours=1)))


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def conversation(url: str, sender: str, flags: list[str]) -> None:
    """A conversation stored as Rasa stores it, the urgency flags in its slot."""
    stamp = (NOW - dt.timedelta(minutes=20)).timestamp()
    domain = Domain.load(str(ROOT / "domain.yml"))
    events = [ActionExecuted("action_session_start", timestamp=stamp), SessionStarted(timestamp=stamp),
              UserUttered("on va nous couper le gaz", timestamp=stamp + 1,
                          intent={"name": "express_difficulty", "confidence": 1.0}),
              SlotSet("urgency_flags", flags, timestamp=stamp + 2)]
    store = SQLTrackerStore(domain, host=url)
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events, slots=domain.slots)))
    store.engine.dispose()


@pytest.fixture
def seeded(database_at):
    url = database_at(NOW)
    conversation(url, "urgent-soon", ["energy_cut"])
    conversation(url, "urgent-later", ["eviction"])
    conversation(url, "calm", [])
    ids = {}
    with session_factory(url)() as session:
        for sender, start in (("urgent-soon", NOW + dt.timedelta(minutes=40)),
                              ("urgent-later", NOW + dt.timedelta(days=1)),
                              ("calm", NOW + dt.timedelta(minutes=10))):
            ids[sender] = book(session, slot_start=start, capacity=2, sender_id=sender, phone="+33612345678",
                               pseudonym="Nadia").id
    return ids


def settings_for(port: int):
    return load_settings({"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port), "ALERT_TO": "equipe@ccas.example",
                          "ALERT_FROM": "assistant@ccas.example", "COUNSELLOR_APP_URL": "https://rappels.ccas.example"})


def test_urgent_callbacks_reach_the_team_once_without_personal_data(seeded, smtp):
    controller, inbox = smtp
    settings = settings_for(controller.port)
    assert rounds.send_due(settings) == 3  # the soon one: booked and due; the later one: booked
    subjects = sorted(message["Subject"] for _, message in inbox.messages)
    soon, later = seeded["urgent-soon"], seeded["urgent-later"]
    assert subjects == sorted([f"Rappel urgent dans moins d'une heure (n° {soon})",
                               f"Rappel urgent réservé (n° {soon})", f"Rappel urgent réservé (n° {later})"])
    for recipients, message in inbox.messages:
        body = message.get_content()
        assert recipients == ["equipe@ccas.example"]
        assert "https://rappels.ccas.example/rappels/" in body
        for personal in ("Nadia", "06 12 34 56 78", "+33612345678", "gaz", "coupure"):
            assert personal not in body and personal not in message["Subject"]
    assert not any(f"n° {seeded['calm']})" in s for s in subjects)  # no urgency: no email
    assert rounds.send_due(settings) == 0  # each alert once


def test_an_alert_that_could_not_be_sent_goes_at_the_next_round(seeded, smtp):
    controller, inbox = smtp
    assert rounds.send_due(settings_for(free_port())) == 0  # nothing listens there
    assert inbox.messages == []
    assert rounds.send_due(settings_for(controller.port)) == 3


def test_without_smtp_settings_alerts_are_off(seeded):
    assert not rounds.enabled(load_settings({}))
    assert rounds.send_due(load_settings({"SMTP_HOST": "127.0.0.1"})) == 0  # nobody to write to
