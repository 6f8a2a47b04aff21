"""SMS through Twilio: realistic inbound webhooks posted to the running Rasa server; Twilio's
REST API is the only part stood in for, by a local server that records what would be sent."""
import uuid

import pytest

from bot.handovers import handover
from tests.integration.callbacks_booked import booking_of
from tests.integration.clock_moments import TUESDAY_10
from tests.integration.fake_twilio import NUMBER, SID, TOKEN, FakeTwilio, inbound, sms_id
from tests.integration.servers import start_servers


@pytest.fixture(scope="module")
def sms(model):
    twilio = FakeTwilio()
    servers = start_servers(model, extra_env={
        "TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_NUMBER": NUMBER,
        "TWILIO_API_BASE": twilio.url, "TWILIO_WEBHOOK_URL": "",
    })
    yield servers, twilio
    servers.stop()
    twilio.server.shutdown()


def test_a_conversation_and_a_booking_by_sms(sms):
    servers, twilio = sms
    servers.set_clock(TUESDAY_10)
    sender = "+3361" + str(uuid.uuid4().int)[:7]
    response = inbound(servers, sender, "Bonjour, j'ai reçu une lettre d'expulsion, je sais plus quoi faire")
    assert response.status_code == 200 and "<Response>" in response.text
    assert {m["path"] for m in twilio.sent} == {f"/2010-04-01/Accounts/{SID}/Messages.json"}
    assert {(m["To"], m["From"]) for m in twilio.sent} == {(sender, NUMBER)}
    replies = twilio.take()
    assert "assistant automatique" in replies[0]
    assert any("SOS Loyers" in r or "0805 16 00 75" in r for r in replies)
    assert "1. Oui, faisons le point\n2. Plutôt être rappelé·e" in replies[-1]

    inbound(servers, sender, "2")  # the second choice: a callback
    slots = twilio.take()[-1]
    assert "Quand préférez-vous être appelé·e" in slots and "1. Aujourd'hui à 10 h 30" in slots
    inbound(servers, sender, "1")
    assert "À quel numéro" in twilio.take()[-1]
    inbound(servers, sender, "06 12 34 56 78")
    assert "1. Passer" in twilio.take()[-1]
    inbound(servers, sender, "1")  # "Passer"
    inbound(servers, sender, "oui")
    confirmation = " ".join(twilio.take())
    assert ("une conseillère vous appellera aujourd'hui, mardi 24 novembre, à 10 h 30, "
            "au 06 12 34 56 78.") in confirmation
    booking = booking_of(servers, sms_id(sender))
    assert booking.sender_id != sender and sender not in booking.sender_id  # never the number itself
    assert booking.channel == "twilio" and handover.channel_name(booking.channel) == "SMS"


def test_a_forged_webhook_is_refused(sms):
    servers, twilio = sms
    sender = "+3362" + str(uuid.uuid4().int)[:7]
    response = inbound(servers, sender, "bonjour", sign=False)
    assert response.status_code == 403
    assert twilio.take() == [] and booking_of(servers, sms_id(sender)) is None
