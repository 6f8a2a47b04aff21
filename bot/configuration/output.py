"""What the processes print, made readable: third-party deprecation notices (pkg_resources,
pyparsing, TensorFlow, SQLAlchemy 2.0, sanic_cors...) are dropped, and so are Rasa's data
validator's known false alarms about this project (the form questions "not used in any story",
which the forms use); every other warning, the project's own first, still shows; the servers'
start-up chatter (each action registered, Sanic's banner) is left to the debug level.

Installed first thing by `python -m rasa_ext`, `python -m actions.server` and `python -m bot`."""
from __future__ import annotations

import logging
import re
import warnings
from typing import TextIO

_SITE_PACKAGES = re.compile(r"[/\\](?:site|dist)-packages[/\\]")
_NOISE = (DeprecationWarning, PendingDeprecationWarning, FutureWarning, ImportWarning)
# Rasa's validator reading this project's domain: the form questions are uttered by the forms,
# utter_faq by the retrieval intent, utter_default by the fallback; faq is a retrieval intent.
KNOWN_FALSE_ALARMS = re.compile(
    r"The utterance '(?:utter_ask_budget_\w+|utter_faq|utter_default)' is not used in any story or rule"
    r"|The following duplicated intents have been found across multiple domain files: faq"
)


def is_noise(message: Warning | str, category: type[Warning], filename: str) -> bool:
    text = str(message)
    if KNOWN_FALSE_ALARMS.search(text):
        return True
    return issubclass(category, _NOISE) and bool(_SITE_PACKAGES.search(filename or ""))


def install() -> None:
    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: TextIO | None = None, line: str | None = None) -> None:
        if not is_noise(message, category, filename):
            shown(message, category, filename, lineno, file, line)

    warnings.showwarning = show


def quiet_libraries() -> None:
    """The libraries' INFO lines at start-up go; their warnings and errors stay."""
    for name in ("rasa_sdk", "sanic.root", "sanic.error", "sanic.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
