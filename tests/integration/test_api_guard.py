"""The Rasa HTTP API that `./run.sh` leaves open on this machine without a token is read-only.

Rasa's own API app (rasa.server.create_app, no token, as run.sh starts it locally) with the
project's channels registered, served for real: with run.sh's read-only flag, the calls that
rewrite a conversation or the model are refused before Rasa sees them; reading still works for
the conversation runners. Without the flag (a token or JWT given), Rasa's own check decides.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import requests

from rasa_ext.channels import api_guard

SERVE = """
import sys
from rasa.server import create_app
from rasa.core.channels.channel import register
from rasa_ext.channels.rest import RestInput
from rasa_ext.channels.webchat import WebChatInput
app = create_app(agent=None, auth_token=None)
register([RestInput(), WebChatInput()], app, route="/webhooks/")
app.run(host="127.0.0.1", port=int(sys.argv[1]), workers=1, access_log=False, motd=False)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(read_only: bool) -> Iterator[str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != api_guard.READ_ONLY_ENV}
    if read_only:
        env[api_guard.READ_ONLY_ENV] = "1"
    proc = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                requests.get(f"{base}/version", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.25)
        else:
            pytest.fail("the API app did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def read_only() -> Iterator[str]:
    yield from _serve(read_only=True)


@pytest.fixture(scope="module")
def open_api() -> Iterator[str]:
    yield from _serve(read_only=False)


WRITES = [
    ("POST", "/conversations/someone/tracker/events", [{"event": "bot", "text": "faux message"}]),
    ("PUT", "/conversations/someone/tracker/events", []),
    ("POST", "/conversations/someone/trigger_intent", {"name": "erase_my_data"}),
    ("POST", "/conversations/someone/execute", {"name": "action_erase_my_data"}),
    ("POST", "/conversations/someone/messages", {"text": "bonjour", "sender": "user"}),
    ("PUT", "/model", {"model_file": "/tmp/other.tar.gz"}),
    ("DELETE", "/model", None),
    ("POST", "/model/train", {}),
]


@pytest.mark.parametrize("method,path,body", WRITES)
def test_writes_are_refused_without_a_token(read_only: str, method: str, path: str, body: object) -> None:
    answer = requests.request(method, read_only + path, json=body, timeout=30)
    assert answer.status_code == 403
    assert "lecture seule" in answer.json()["message"]


@pytest.mark.parametrize("method,path,body", WRITES[:3])
def test_the_same_writes_reach_rasa_when_it_checks_them_itself(open_api: str, method: str, path: str,
                                                               body: object) -> None:
    # Proves the refusal above is the guard's: without the flag the call reaches Rasa's handler.
    assert requests.request(method, open_api + path, json=body, timeout=30).status_code != 403


def test_reading_and_chatting_still_work(read_only: str) -> None:
    assert requests.get(read_only + "/version", timeout=30).status_code == 200
    # No agent in this app: Rasa answers the read itself (not the guard's 403).
    assert requests.get(read_only + "/conversations/someone/tracker", timeout=30).status_code != 403
    assert requests.get(read_only + "/webhooks/rest/", timeout=30).json() == {"status": "ok"}


def test_refuses_reads_the_path_not_only_its_start() -> None:
    assert api_guard.refuses("POST", "/conversations/x/tracker/events")
    assert api_guard.refuses("delete", "/model/")
    assert not api_guard.refuses("POST", "/model/parse")
    assert not api_guard.refuses("POST", "/webhooks/rest/webhook")
    assert not api_guard.refuses("GET", "/conversations/x/tracker")
    assert not api_guard.refuses("POST", "/modelisation")
