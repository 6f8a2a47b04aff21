"""At the default log level, the servers' logs carry no phone number, amount or message text."""
import re

from tests.integration.clock_moments import TUESDAY_10
from tests.integration.conftest import Chat


def test_logs_keep_nothing_personal(servers):
    servers.set_clock(TUESDAY_10)
    chat = Chat(servers.rasa_url)
    said = ["bonjour, mon loyer de 687 euros est en retard, GEG va couper le gaz",
            "je voudrais qu'une conseillère me rappelle", "demain à 11h", "07 68 42 19 53", "Maëlys", "oui"]
    for message in said:
        chat.say(message)
    assert "vous appellera" in " ".join(chat.texts(chat.replies))
    logs = "\n".join(log.read_text(errors="replace") for log in servers.logs)
    for secret in ("07 68 42 19 53", "+33768421953", "0768421953", "687", "Maëlys", "loyer", "GEG"):
        # A figure may appear inside a port number ("127.0.0.1:43687"): only whole words count.
        assert not re.search(rf"(?<![\w:]){re.escape(secret)}(?!\w)", logs), secret
