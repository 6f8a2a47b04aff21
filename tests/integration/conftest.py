import glob
import os
import shutil
import uuid

import pytest
import requests

from tests.integration.servers import add_counsellor, start_servers, start_site, start_web

PASSWORD = "un mot de passe assez long"


@pytest.fixture(scope="session")
def model(request):
    chosen = request.config.getoption("--model")
    if chosen:
        return chosen
    found = sorted(glob.glob("models/*.tar.gz"), key=os.path.getmtime)
    if not found:
        pytest.fail("no trained model: run ./test.sh, which trains one")
    return found[-1]


@pytest.fixture(scope="session")
def servers(model):
    running = start_servers(model)
    yield running
    running.stop()


class Chat:
    """One person talking to the assistant over the REST channel."""

    def __init__(self, rasa_url: str):
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = f"test-{uuid.uuid4().hex[:12]}"
        self.replies: list[dict] = []

    def say(self, message: str) -> list[dict]:
        response = requests.post(self.url, json={"sender": self.sender, "message": message}, timeout=90)
        response.raise_for_status()
        replies = response.json()
        self.replies.extend(replies)
        return replies

    @staticmethod
    def texts(replies: list[dict]) -> list[str]:
        return [r["text"] for r in replies if "text" in r]

    @staticmethod
    def buttons(replies: list[dict]) -> list[dict]:
        return [b for r in replies for b in r.get("buttons", [])]


@pytest.fixture
def chat(servers):
    servers.set_clock(None)
    yield Chat(servers.rasa_url)
    servers.set_clock(None)


@pytest.fixture(scope="session")
def web(servers):
    """The counsellors' app on the servers' database, with one account: claire."""
    add_counsellor(servers.database_url, "claire", "Claire M.", PASSWORD)
    running = start_web(servers.database_url, servers.clock_file)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def site(servers):
    """The public page with the chat widget."""
    running = start_site(servers)
    yield running
    running.stop()


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's services, which this machine refuses.
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright (skipped where it is missing, unless CI asks)."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CCAS_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required here and missing: {CHROMIUM}")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
