"""SMS through Twilio: realistic inbound webhooks posted to the running Rasa server; Twilio's
REST API is the only part stood in for, by a local server that records what would be sent."""
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
import requests
from twilio.request_validator import RequestValidator

from bot.handovers import handover
from bot.storage.conversation_ids import sms_conversation_id
from tests.integration.servers import TEST_SECRET, free_port, start_servers
from tests.integration.test_http_callback import TUESDAY_10, booking_of

SID, TOKEN, NUMBER = "AC" + "0" * 32, "test-auth-token", "+33757000000"


class FakeTwilio:
    """Answers POST /2010-04-01/Accounts/<sid>/Messages.json as Twilio does, keeping the SMS."""

    def __init__(self):
        self.sent: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                message = {k: v[0] for k, v in form.items()}
                message["path"] = self.path
                fake.sent.append(message)
                body = json.dumps({"sid": "SM" + uuid.uuid4().hex, "status": "queued", "to": message["To"],
                                   "from": message["From"], "body": message["Body"],
                                   "account_sid": SID, "num_segments": "1"}).encode()
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def take(self) -> list[str]:
        bodies = [m["Body"] for m in self.sent]
        self.sent.clear()
        return bodies


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


def sms_id(number: str) -> str:
    """The conversation id the test servers give to SMS from `number`."""
    return sms_conversation_id(number, TEST_SECRET.encode())


def inbound(servers, sender, body, sign=True):
    """What Twilio posts when an SMS arrives, signed with the account's auth token."""
    url = f"{servers.rasa_url}/webhooks/twilio/webhook"
    form = {"ToCountry": "FR", "SmsMessageSid": "SM" + uuid.uuid4().hex, "NumMedia": "0",
            "SmsSid": "SM" + uuid.uuid4().hex, "SmsStatus": "received", "Body": body, "To": NUMBER,
            "NumSegments": "1", "MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": SID,
            "From": sender, "ApiVersion": "2010-04-01", "FromCountry": "FR"}
    signature = RequestValidator(TOKEN if sign else "wrong").compute_signature(url, form)
    return requests.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=30)


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
