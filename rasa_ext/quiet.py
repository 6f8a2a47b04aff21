"""What Rasa's command line prints, made readable: third-party deprecation notices (pkg_resources,
pyparsing, TensorFlow, SQLAlchemy 2.0...) are dropped, and so are the data validator's known
false alarms about this project (the form questions "not used in any story", which the forms
use); every other warning, the project's own first, still shows. Training shows its epochs.

Installed by `python -m rasa_ext` before Rasa is imported."""
from __future__ import annotations

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


def epochs_shown() -> None:
    """`rasa train --quiet` without its progress bars hides that anything happens for minutes:
    the bars of the epochs come back, the log lines stay quiet."""
    import rasa.shared.utils.io

    rasa.shared.utils.io.is_logging_disabled = lambda: False  # type: ignore[assignment]

