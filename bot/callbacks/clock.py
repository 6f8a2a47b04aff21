"""The current time. Tests of the real servers move it through a file, so that a conversation
on a Friday evening or on the eve of a public holiday can be checked on any day."""
from __future__ import annotations

import datetime as dt
import os

# Only the test harness sets this: it names a file holding an ISO time with its offset.
CLOCK_FILE_ENV = "CCAS_TEST_CLOCK_FILE"


def now(tz: dt.tzinfo = dt.timezone.utc) -> dt.datetime:
    path = os.environ.get(CLOCK_FILE_ENV)
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                frozen = handle.read().strip()
        except OSError:
            frozen = ""
        if frozen:
            moment = dt.datetime.fromisoformat(frozen)
            if moment.tzinfo is None:
                raise ValueError(f"{path}: the test clock needs a UTC offset, got {frozen!r}")
            return moment.astimezone(tz)
    return dt.datetime.now(tz)
