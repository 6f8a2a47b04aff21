"""Twilio stood in for: a local server in place of its REST API, keeping the SMS the assistant
would send, and the webhooks Twilio posts when an SMS arrives, signed as Twilio signs them."""
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import requests
from twilio.request_validator import RequestValidator

from bot.storage.conversation_ids import sms_conversation_id
from tests.integration.servers import TEST_SECRET, free_port

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
