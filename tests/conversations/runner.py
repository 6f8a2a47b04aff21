"""Plays household conversations (YAML: turns + expectations) against a running assistant and
checks them.

The format and its semantics are those of ../shared/conversations/README.md, and the verdicts
are meant to be exactly those of ../shared/conversations/run.py: that folder is not part of the
project (CI may not have it), so the project keeps its own runner, usable from the test suite
(tests/integration/test_conversations.py) and by hand against ./run.sh:

    python -m tests.conversations.runner [BASE_URL] --token T [--file F] [--only id1,id2]
        [--database-url URL | --handovers-cmd "CMD"] [--verbose] [--report FILE]

Each conversation runs with a fresh random sender id over Rasa's REST channel; slots are read
from the tracker (GET /conversations/<sender>/tracker?token=T); booked callbacks from the
project's command line ("<CMD> list --json", then "<CMD> show ID --json").

Side effect: after a conversation that ended with a booked callback, and once its checks are
evaluated, the conversation is erased through the chat itself ("je veux effacer mes données",
then yes), so that repeated runs do not fill the counsellors' callback slots.

Output of main(): one FAIL line per failed check, then exactly one line
"conversations: P/N checks passed, C/M conversations fully passed". Exit status 0 when every
check passed, 1 otherwise, 2 when the corpus cannot be read.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests
import yaml

ROOT = Path(__file__).resolve().parents[2]
PROJECT_SET = ROOT / "tests" / "conversations" / "households.yml"
SHARED_SET = ROOT.parent / "shared" / "conversations" / "households.yml"

# The corpus speaks of the CCAS's local days and hours, whatever offset callback_at carries.
LOCAL_TZ: tzinfo = ZoneInfo("Europe/Paris")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
ERASE_REQUEST = "je veux effacer mes données"
# A handover in one of these states no longer holds a slot: it is not "booked".
INACTIVE_STATUSES = {"cancelled", "canceled", "annule", "annulee", "erased", "deleted",
                     "efface", "supprime", "done", "closed"}
# Order matters: the first operator that fails gives the detail, as in run.py.
VALUE_OPERATORS = ("approx", "equals", "contains", "contains_any", "not_contains", "absent",
                   "weekday", "hour_range", "max_days_after_booking")
DEFAULT_TOLERANCE = 0.10
REQUEST_TIMEOUT = 90.0
COMMAND_TIMEOUT = 120.0


class _Missing:
    """A path that leads nowhere: distinct from a slot that exists and holds None."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

Message = dict[str, Any]  # one reply of Rasa's REST channel: text, buttons, ...
Check = dict[str, Any]  # one item of a conversation's `expect` list
Handover = dict[str, Any]  # the `list` row merged with the `show` output
# Runs the handovers command with these arguments ("list", "--json") and returns its JSON.
HandoverReader = Callable[[Sequence[str]], Any]


class CorpusError(Exception):
    """The conversations file cannot be read or is not a list of conversations."""


# --------------------------------------------------------------------------- text helpers

_TYPOGRAPHY = (("\u00a0", " "), ("\u202f", " "), ("\u2009", " "), ("\u2019", "'"), ("\u2018", "'"),
               ("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"))


def normalise(text: Any) -> str:
    """Lower case, no accents, typographic spaces and quotes unified, spaces inside numbers
    removed: the bot writes "1 440 €" and "34 14" with thin spaces, the corpus "1440" and "3414"."""
    s = "" if text is None else str(text)
    for typographic, plain in _TYPOGRAPHY:
        s = s.replace(typographic, plain)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"(?<=\d)[ \t]+(?=\d)", "", s)


def short(value: Any, limit: int = 260) -> str:
    """A value on one line, cut to `limit` characters (for FAIL lines)."""
    s = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def excerpt(text: str) -> str:
    """A failing reply on one line: its start and its end, because a first reply opens with the
    welcome and the answer that matters comes after it."""
    s = " ".join(text.split())
    return s if len(s) <= 320 else s[:110] + " … " + s[-200:]


def reply_text(messages: Sequence[Message], buttons: bool = True) -> str:
    """What the person sees after one turn: every text, then (if asked) every button title in
    brackets. Buttons are kept apart because only the negative checks search them."""
    parts: list[str] = []
    for message in messages:
        if message.get("text"):
            parts.append(str(message["text"]))
        for button in (message.get("buttons") or []) if buttons else []:
            if button.get("title"):
                parts.append("[" + str(button["title"]) + "]")
    return " ".join(parts)


def describe(check: Check) -> str:
    """A check as written in the corpus, on one line (the FAIL line format of run.py)."""
    return json.dumps(check, ensure_ascii=False, separators=(", ", ": "))


# --------------------------------------------------------------------------- server access

class Assistant:
    """The Rasa server, over its REST channel and HTTP API. The token goes in the query string,
    as Rasa's --auth-token expects (tests/integration reads trackers the same way)."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = REQUEST_TIMEOUT):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.http = requests.Session()  # keep-alive: a corpus is hundreds of requests

    def _params(self, **params: str) -> dict[str, str]:
        return {**params, "token": self.token} if self.token else params

    def send(self, sender: str, message: str) -> list[Message]:
        response = self.http.post(f"{self.base_url}/webhooks/rest/webhook", params=self._params(),
                                  json={"sender": sender, "message": message}, timeout=self.timeout)
        response.raise_for_status()
        body = json.loads(response.text or "[]")
        return body if isinstance(body, list) else []

    def slots(self, sender: str) -> dict[str, Any]:
        # Events are not needed and make long trackers slow to send.
        url = f"{self.base_url}/conversations/{requests.utils.quote(sender, safe='')}/tracker"
        response = self.http.get(url, params=self._params(include_events="NONE"), timeout=self.timeout)
        response.raise_for_status()
        return response.json().get("slots") or {}


def command_reader(command: Sequence[str] | str, env: dict[str, str] | None = None,
                   cwd: Path | str | None = None) -> HandoverReader:
    """A HandoverReader running `command` + arguments. A string is a shell command prefix (as
    run.py's --handovers-cmd, e.g. "cd /srv && DATABASE_URL=... python -m bot handovers"); a
    list is run without a shell. `env` must name the server's DATABASE_URL (and its test clock
    file: `list` shows the callbacks from the server's today)."""

    def read(args: Sequence[str]) -> Any:
        if isinstance(command, str):
            shown = f"{command} {' '.join(shlex.quote(a) for a in args)}"
            argv: str | list[str] = shown
        else:
            argv = [*command, *args]
            shown = " ".join(shlex.quote(a) for a in argv)
        done = subprocess.run(argv, shell=isinstance(command, str), capture_output=True, text=True,
                              timeout=COMMAND_TIMEOUT, env=env, cwd=cwd)
        if done.returncode != 0:
            raise RuntimeError(f"`{shown}` failed: " + short(done.stderr or done.stdout, 300))
        return json.loads(done.stdout)

    return read


def project_reader(database_url: str | None = None, env: dict[str, str] | None = None) -> HandoverReader:
    """The project's own command (`python -m bot handovers`), with this interpreter, from the
    project root, on `database_url` if given (else the one in `env` or the environment)."""
    full_env = dict(env if env is not None else os.environ)
    if database_url:
        full_env["DATABASE_URL"] = database_url
    return command_reader([sys.executable, "-m", "bot", "handovers"], env=full_env, cwd=ROOT)


def _rows(listing: Any) -> list[Any]:
    """The rows of `list --json`: a list, or the first list in an object ({"handovers": [...]})."""
    if isinstance(listing, dict):
        return next((v for v in listing.values() if isinstance(v, list)), [])
    return listing if isinstance(listing, list) else []


def _holds_a_slot(row: Any) -> bool:
    return isinstance(row, dict) and normalise(row.get("status", "")).strip() not in INACTIVE_STATUSES


def find_handover(read: HandoverReader, sender: str) -> Handover | None:
    """The active callback booked by `sender` (the latest if several), with every field `show`
    gives, or None. Raises if the `list` command fails."""
    mine = [row for row in _rows(read(["list", "--json"]))
            if _holds_a_slot(row) and row.get("sender_id") == sender]
    if not mine:
        return None
    latest = max(mine, key=lambda h: (str(h.get("booked_at") or ""), h.get("id") or 0))
    merged = dict(latest)
    if latest.get("id") is not None:
        try:
            shown = read(["show", str(latest["id"]), "--json"])
        except Exception:  # the list row alone still answers most checks
            shown = None
        if isinstance(shown, dict):
            merged.update(shown)
    return merged


def active_senders(read: HandoverReader) -> set[str]:
    """Senders that still hold a callback slot (to check that a run left nothing booked)."""
    return {str(row.get("sender_id")) for row in _rows(read(["list", "--json"])) if _holds_a_slot(row)}


# --------------------------------------------------------------------------- values

def dig(data: Any, path: str) -> Any:
    """Follows a dotted path (budget_snapshot.charges.detail.rent, or a list index); MISSING
    when any step is absent."""
    current = data
    for part in path.split("."):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return MISSING
    return current


def as_number(value: Any) -> float | None:
    """A number from a number, a French decimal string, or an amount slot ({"total": ...})."""
    if isinstance(value, bool) or value is None or value is MISSING:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict) and "total" in value:
        return as_number(value["total"])
    try:
        return float(str(value).replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


def local_datetime(value: Any) -> datetime | None:
    """An ISO time in Europe/Paris (a naive one is taken as already local)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(LOCAL_TZ) if moment.tzinfo is not None else moment


def items_of(value: Any) -> list[str]:
    """The normalised items a `contains` looks into: list items, dict keys and values, or the
    value itself."""
    if isinstance(value, list | tuple | set):
        return [normalise(v if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False))
                for v in value]
    if isinstance(value, dict):
        return [normalise(k) for k in value] + [normalise(v) for v in value.values()]
    return [normalise(value)]


def _shown(value: Any) -> str:
    return "missing" if value is MISSING else short(value, 200)


# Each operator returns None when the value passes, else the detail of the failure.
Operator = Callable[[Any, Any, Check, Handover | None], str | None]


def _absent(value: Any, want: Any, check: Check, context: Handover | None) -> str | None:
    empty = value is MISSING or value is None or value == "" or value == [] or value == {}
    return None if bool(want) == empty else f"value: {_shown(value)}"


def _approx(value: Any, want: Any, check: Check, context: Handover | None) -> str | None:
    got = as_number(value)
    tolerance = float(check.get("tolerance", DEFAULT_TOLERANCE))
    # At least one euro of margin: "approx: 0" must accept 0.4 of rounding.
    margin = max(abs(float(want)) * tolerance, 1.0)
    if got is None or abs(got - float(want)) > margin:
        return f"value: {_shown(value)} (expected about {want})"
    return None


def _equals(value: Any, want: Any, check: Check, context: Handover | None) -> str | None:
    if value is MISSING:
        return "value: missing"
    if isinstance(want, bool) or want is None:
        ok = value is want or (isinstance(value, str) and normalise(value) == normalise(want).lower())
    elif isinstance(want, int | float):
        got = as_number(value)
        ok = got is not None and abs(got - float(want)) < 0.01
    else:
        ok = value is not None and normalise(value).strip() == normalise(want).strip()
    return None if ok else f"value: {_shown(value)}"


def _substring_hit(value: Any, want: Any) -> bool:
    wanted = want if isinstance(want, list) else [want]
    have = [] if value is MISSING or value is None else items_of(value)
    return any(normalise(w) in item for w in wanted for item in have)


def _contains(value: Any, want: Any, check: Check, context: Handover | None) -> str | None:
    return None if _substring_hit(value, want) else f"value: {_shown(value)}"


def _not_contains(value: Any, want: Any, check: Check, context: Handover | None) -> str | None:
    return f"value: {_shown(value)}" if _substring_hit(value, want) else None


def _weekday(value: Any, want: Any, check: Check, context: Handover | None) -> str | None:
    moment = local_datetime(value)
    if moment is None:
        return f"value: {_shown(value)}"
    allowed = [str(day).lower() for day in (want if isinstance(want, list) else [want])]
    day = moment.weekday()
    if WEEKDAYS[day] not in allowed:
        return f"value: {value} ({WEEKDAYS_FR[day]} {moment:%d/%m %H:%M}, expected {'/'.join(allowed)})"
    return None


def _hour_range(value: Any, want: Any, check: Check, context: Handover | None) -> str | None:
    moment = local_datetime(value)
    low, high = float(want[0]), float(want[1])
    if moment is None:
        return f"value: {_shown(value)}"
    hour = moment.hour + moment.minute / 60
    if not low <= hour <= high:
        return f"value: {value} (local {moment:%H:%M}, expected {low:g}h-{high:g}h)"
    return None


def _max_days_after_booking(value: Any, want: Any, check: Check, context: Handover | None) -> str | None:
    # "le plus tôt possible": measured from the day the server booked it (booked_at, the
    # server's own clock), so that the check does not depend on the date the corpus is played.
    moment = local_datetime(value)
    booked_at = (context or {}).get("booked_at")
    booked = local_datetime(booked_at)
    if moment is None or booked is None:
        return f"value: {_shown(value)}, booked_at: {booked_at}"
    days = (moment.date() - booked.date()).days
    if days > int(want):
        return (f"value: {value} ({days} days after booking on {booked:%d/%m}, "
                f"expected at most {want})")
    return None


OPERATORS: dict[str, Operator] = {
    "approx": _approx, "equals": _equals, "contains": _contains, "contains_any": _contains,
    "not_contains": _not_contains, "absent": _absent, "weekday": _weekday,
    "hour_range": _hour_range, "max_days_after_booking": _max_days_after_booking,
}


def check_value(value: Any, check: Check, context: Handover | None = None) -> tuple[bool, str]:
    """Applies every value operator the check holds; (passed, detail of the first failure).
    `context` is the handover the value comes from (max_days_after_booking reads booked_at)."""
    for name in VALUE_OPERATORS:
        if name in check:
            failure = OPERATORS[name](value, check[name], check, context)
            if failure is not None:
                return False, failure
    return True, ""


# --------------------------------------------------------------------------- one conversation

@dataclass
class Played:
    """What happened in one conversation: the replies of every turn and the slots read."""

    sender: str
    turns: list[str]
    replies: list[list[Message]] = field(default_factory=list)
    slots_after: dict[int, dict[str, Any]] = field(default_factory=dict)  # turn -> slots after it
    final_slots: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # transport errors: checks show the effect

    def reply(self, turn: int, buttons: bool) -> str | None:
        return reply_text(self.replies[turn], buttons) if 0 <= turn < len(self.replies) else None

    def all_replies(self, buttons: bool) -> list[str]:
        return [reply_text(messages, buttons) for messages in self.replies]


@dataclass
class CheckResult:
    check: Check
    passed: bool
    detail: str = ""


@dataclass
class ConversationResult:
    id: str
    sender: str
    checks: list[CheckResult]
    played: Played
    handover: Handover | None = None
    handover_error: str | None = None
    erase_warning: str | None = None  # the booked callback could not be erased

    @property
    def passed(self) -> bool:
        # A conversation without checks proves nothing: not counted as fully passed (run.py).
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def failures(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]


@dataclass
class RunResult:
    conversations: list[ConversationResult]

    @property
    def total_checks(self) -> int:
        return sum(len(c.checks) for c in self.conversations)

    @property
    def passed_checks(self) -> int:
        return sum(1 for c in self.conversations for check in c.checks if check.passed)

    @property
    def fully_passed(self) -> int:
        return sum(1 for c in self.conversations if c.passed)

    @property
    def share(self) -> float:
        return self.passed_checks / self.total_checks if self.total_checks else 0.0

    def summary(self) -> str:
        return (f"conversations: {self.passed_checks}/{self.total_checks} checks passed, "
                f"{self.fully_passed}/{len(self.conversations)} conversations fully passed")


def _checks_of(spec: dict[str, Any]) -> list[Check]:
    return [c for c in spec.get("expect") or [] if isinstance(c, dict)]


def _read_slots(assistant: Assistant, played: Played) -> dict[str, Any]:
    try:
        return assistant.slots(played.sender)
    except Exception as error:  # the slot checks will fail and say so
        played.errors.append(f"tracker: {error}")
        return {}


def play(spec: dict[str, Any], assistant: Assistant, sender: str | None = None) -> Played:
    """Sends every turn; reads the slots after the turns an `at_turn` slot check names, and at
    the end. A failed request does not stop the conversation: its checks show what is missing."""
    played = Played(sender=sender or "corpus-" + uuid.uuid4().hex[:16],
                    turns=[str(t) for t in spec.get("turns") or []])
    slots_wanted_at = {int(c["at_turn"]) for c in _checks_of(spec) if "slot" in c and "at_turn" in c}
    for turn, text in enumerate(played.turns):
        try:
            messages = assistant.send(played.sender, text)
        except Exception as error:
            messages = []
            played.errors.append(f"turn {turn}: {error}")
        played.replies.append(messages)
        if turn in slots_wanted_at:
            played.slots_after[turn] = _read_slots(assistant, played)
    played.final_slots = _read_slots(assistant, played)
    return played


def _check_reply(check: Check, played: Played) -> tuple[bool, str]:
    negative = "reply_not_contains_any" in check
    needles = check["reply_not_contains_any"] if negative else check["reply_contains_any"]
    needles = [normalise(n) for n in (needles if isinstance(needles, list) else [needles])]
    # What must be said is looked for in the texts; what must never be said in the button
    # titles too ("Oui, être rappelé·e" does not answer a question).
    if "at_turn" in check:
        turn = int(check["at_turn"])
        reply = played.reply(turn, buttons=negative)
        if reply is None:
            return False, f"turn {turn} was not played"
        scope = [(turn, reply)]
    else:
        scope = list(enumerate(played.all_replies(buttons=negative)))
    if negative:
        for turn, reply in scope:
            hits = [n for n in needles if n in normalise(reply)]
            if hits:
                return False, f"turn {turn} says {hits[0]!r}: {excerpt(reply)}"
        return True, ""
    if any(n in normalise(reply) for _, reply in scope for n in needles):
        return True, ""
    if len(scope) == 1:
        return False, f"turn {scope[0][0]} reply: {excerpt(scope[0][1]) or '(nothing)'}"
    return False, "no reply contains it"


def _check_every_turn_replies(check: Check, played: Played) -> tuple[bool, str]:
    silent = [turn for turn, messages in enumerate(played.replies)
              if not any((m.get("text") or "").strip() for m in messages)]
    if bool(check["every_turn_replies"]) and silent:
        return False, f"no text reply at turn(s) {silent}"
    return True, ""


def _check_slot(check: Check, played: Played) -> tuple[bool, str]:
    slots = played.slots_after.get(int(check["at_turn"]), {}) if "at_turn" in check else played.final_slots
    return check_value(dig(slots, str(check["slot"])), check)


def _check_handover(check: Check, handover: Handover | None, error: str | None) -> tuple[bool, str]:
    if error:
        return False, f"handover command failed: {short(error)}"
    booked = handover is not None
    if booked != bool(check["handover"]):
        if handover is not None:
            return False, f"a callback is booked: {handover.get('callback_at')}"
        return False, "no callback booked for this sender"
    return True, ""


def _check_handover_field(check: Check, handover: Handover | None, error: str | None) -> tuple[bool, str]:
    if error:
        return False, f"handover command failed: {short(error)}"
    if handover is None:
        return False, "no callback booked for this sender"
    return check_value(dig(handover, str(check["handover_field"])), check, handover)


def evaluate_check(check: Check, played: Played, handover: Handover | None = None,
                   handover_error: str | None = None) -> tuple[bool, str]:
    """One expectation against a played conversation and its booked callback (if any)."""
    if "reply_contains_any" in check or "reply_not_contains_any" in check:
        return _check_reply(check, played)
    if "every_turn_replies" in check:
        return _check_every_turn_replies(check, played)
    if "slot" in check:
        return _check_slot(check, played)
    if "handover" in check and "handover_field" not in check:
        return _check_handover(check, handover, handover_error)
    if "handover_field" in check:
        return _check_handover_field(check, handover, handover_error)
    return False, "unknown check"


def erase(assistant: Assistant, read: HandoverReader, conversation_id: str, sender: str,
          handover: Handover | None) -> str | None:
    """Erases a conversation that booked a callback, through the chat, so that repeated runs do
    not fill the slots; a WARN line if the callback is still booked. Like run.py, a second
    attempt answers "oui" again in case the first confirmation was not taken."""
    if handover is None:
        return None
    try:
        for attempt in range(2):
            messages = assistant.send(sender, ERASE_REQUEST if attempt == 0 else "oui")
            titles = [str(b.get("title")) for m in messages for b in m.get("buttons") or []]
            # Clicking the confirmation button the bot offers, or typing "oui" if it offers none.
            yes = next((t for t in titles if normalise(t).startswith("oui")), "oui")
            assistant.send(sender, yes)
            if find_handover(read, sender) is None:
                return None
        return (f"WARN {conversation_id}: callback {handover.get('id')} of sender {sender} "
                f"is still booked after asking the assistant to erase the conversation")
    except Exception as error:
        return f"WARN {conversation_id}: could not erase sender {sender}: {error}"


def run_conversation(spec: dict[str, Any], assistant: Assistant, read: HandoverReader,
                     sender: str | None = None) -> ConversationResult:
    """Plays one conversation, evaluates its checks, then erases it if it booked a callback."""
    played = play(spec, assistant, sender)
    handover: Handover | None = None
    handover_error: str | None = None
    # Looked up even without a handover check: a booked callback must be erased.
    try:
        handover = find_handover(read, played.sender)
    except Exception as error:
        handover_error = str(error)
    checks = [CheckResult(c, *evaluate_check(c, played, handover, handover_error))
              for c in _checks_of(spec)]
    conversation_id = str(spec.get("id"))
    result = ConversationResult(id=conversation_id, sender=played.sender, checks=checks, played=played,
                                handover=handover, handover_error=handover_error)
    result.erase_warning = erase(assistant, read, conversation_id, played.sender, handover)
    return result


def run_corpus(corpus: Iterable[dict[str, Any]], assistant: Assistant, read: HandoverReader,
               on_result: Callable[[ConversationResult], None] | None = None) -> RunResult:
    """Plays the conversations one after the other (a later one must find the slots an earlier
    one freed). `on_result` sees each result as soon as it is known (live output)."""
    results: list[ConversationResult] = []
    for spec in corpus:
        result = run_conversation(spec, assistant, read)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return RunResult(results)


# --------------------------------------------------------------------------- corpus and output

def load_corpus(path: Path | str) -> list[dict[str, Any]]:
    try:
        corpus = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except Exception as error:
        raise CorpusError(f"cannot read {path}: {error}") from error
    if not isinstance(corpus, list):
        raise CorpusError(f"{path}: expected a list of conversations")
    return corpus


def select(corpus: list[dict[str, Any]], only: Iterable[str]) -> tuple[list[dict[str, Any]], set[str]]:
    """The conversations named in `only` (all if empty), and the names that match none."""
    wanted = {s.strip() for s in only if s.strip()}
    if not wanted:
        return corpus, set()
    unknown = wanted - {str(c.get("id")) for c in corpus}
    return [c for c in corpus if str(c.get("id")) in wanted], unknown


def fail_lines(result: ConversationResult) -> list[str]:
    return [f"FAIL {result.id}: {describe(c.check)} -> {c.detail}" for c in result.failures]


def dialogue_lines(played: Played, indent: str = "  ") -> list[str]:
    """The dialogue as run.py --verbose prints it."""
    lines: list[str] = []
    for turn, text in enumerate(played.turns):
        lines.append(f"{indent}[{turn}] > {text}")
        for message in played.replies[turn] if turn < len(played.replies) else []:
            if message.get("text"):
                lines += [f"{indent}      < {line}" for line in str(message["text"]).splitlines()]
            titles = [b.get("title") for b in message.get("buttons") or []]
            if titles:
                lines.append(f"{indent}      < buttons: " + " | ".join(map(str, titles)))
    return lines


def report(run: RunResult, title: str = "") -> str:
    """The full report: the summary, then every conversation with every check and its
    dialogue, so that a failure can be understood without playing it again."""
    lines = [title] if title else []
    lines += [run.summary(), ""]
    for result in run.conversations:
        verdict = "PASS" if result.passed else "FAIL"
        passed = len(result.checks) - len(result.failures)
        lines.append(f"{verdict} {result.id}  (sender {result.sender}, {passed}/{len(result.checks)} checks)")
        for check in result.checks:
            mark = "ok  " if check.passed else "FAIL"
            detail = f" -> {check.detail}" if check.detail else ""
            lines.append(f"  {mark} {describe(check.check)}{detail}")
        lines += [f"  WARN {error}" for error in result.played.errors]
        if result.erase_warning:
            lines.append(f"  {result.erase_warning}")
        lines += dialogue_lines(result.played, "    ")
        lines.append("")
    return "\n".join(lines)


def _print_result(result: ConversationResult, verbose: bool) -> None:
    # Same streams and order as run.py: dialogue, transport WARNs (stderr), FAILs, erasure WARN.
    if verbose:
        print(f"=== {result.id}  (sender {result.sender})")
        print("\n".join(dialogue_lines(result.played)))
    for error in result.played.errors:
        print(f"WARN {result.id}: {error}", file=sys.stderr)
    for line in fail_lines(result):
        print(line, flush=True)
    if result.erase_warning:
        print(result.erase_warning, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:5005")
    parser.add_argument("--token", help="Rasa auth token, appended as ?token=")
    parser.add_argument("--file", default=str(PROJECT_SET), help="conversations (YAML)")
    parser.add_argument("--only", default="", help="comma-separated conversation ids")
    parser.add_argument("--database-url", help="DATABASE_URL of the server, for `python -m bot handovers`")
    parser.add_argument("--handovers-cmd", help='shell command prefix instead: "<cmd> list --json", '
                        '"<cmd> show ID --json"')
    parser.add_argument("--verbose", action="store_true", help="print every dialogue")
    parser.add_argument("--report", type=Path, help="also write the full report to this file")
    args = parser.parse_args(argv)

    try:
        corpus = load_corpus(args.file)
    except CorpusError as error:
        print(error, file=sys.stderr)
        return 2
    corpus, unknown = select(corpus, args.only.split(","))
    if unknown:
        print("unknown conversation id(s): " + ", ".join(sorted(unknown)), file=sys.stderr)
    read = (command_reader(args.handovers_cmd) if args.handovers_cmd
            else project_reader(args.database_url))
    run = run_corpus(corpus, Assistant(args.base_url, args.token), read,
                     on_result=lambda result: _print_result(result, args.verbose))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report(run, f"Conversations: {args.file}") + "\n", encoding="utf-8")
    print(run.summary())
    return 0 if run.passed_checks == run.total_checks else 1


if __name__ == "__main__":
    sys.exit(main())
