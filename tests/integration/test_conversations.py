"""Household conversations (turns + expectations, tests/conversations/runner.py) played against
the real servers: the project's own set, and the shared corpus next to the project when it is
there. Each set's full report goes to results/conversations-<set>.txt; the share of passed
checks must reach the set's floor (CONVERSATIONS_MIN_SHARE overrides it)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conversations.runner import (
    PROJECT_SET,
    SHARED_SET,
    Assistant,
    RunResult,
    active_senders,
    fail_lines,
    load_corpus,
    project_reader,
    report,
    run_corpus,
)

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "results"
MIN_SHARE_ENV = "CONVERSATIONS_MIN_SHARE"
# The target is 0.95 for both sets (issue "Every message counts"), reached on 2026-11-23. Each
# floor sits a little under the last measure (runs vary by a few checks), so that a regression
# fails while the work goes on: raise it with every improvement. Measured 2026-11-22 on the
# development server: shared 435/506 (0.860), project 488/589 (0.829); 2026-11-23: shared
# 475/506 (0.939), project 487/589 (0.827); the same day in ./test.sh (Sunday clock): shared
# 475/506, project 495/589 (0.840); later that day in ./test.sh: shared 497/506 (0.982),
# project 562/623 (0.902, 64 conversations); then shared 498/506; then, on servers with the
# Sunday clock and a fresh database as in ./test.sh: shared 500/506 (0.988), project 616/623
# (0.989).
TARGET_SHARE = 0.95
FLOORS = {"project": 0.96, "shared": 0.97}
# The corpus is written for a Sunday evening: the counsellors are away until Monday 9:00, and
# "demain" is Monday (../shared/conversations/README.md, "Clock and capacity").
SUNDAY_EVENING = "2026-11-22T20:30:00+01:00"
SETS = {"project": PROJECT_SET, "shared": SHARED_SET}
# About 3 s a conversation: 60 conversations take minutes, more than the default 600 s allows
# on a slow machine.
TIMEOUT = 3600


def min_share(name: str) -> float:
    return float(os.environ.get(MIN_SHARE_ENV) or FLOORS.get(name, TARGET_SHARE))


@dataclass
class PlayedSet:
    name: str
    run: RunResult
    left_booked: set[str]  # senders of this run whose callback is still booked at the end


@pytest.fixture(scope="module", params=list(SETS))
def played(request) -> PlayedSet:
    """One set played once on the Sunday-evening clock, its report written; both tests read it."""
    name, path = request.param, SETS[request.param]
    if not path.exists():
        why = ("does not exist yet" if name == "project"
               else "is not next to the project (it is not part of it, CI may not have it)")
        pytest.skip(f"conversation set {name!r}: {path} {why}")
    corpus = load_corpus(path)
    # Only now: a missing set must not cost a server start.
    servers = request.getfixturevalue("servers")
    # The servers' env names their database and their clock file: `bot handovers list` then
    # sees the bookings of these servers, from the same "today".
    read = project_reader(env=servers.env)
    servers.set_clock(SUNDAY_EVENING)
    try:
        run = run_corpus(corpus, Assistant(servers.rasa_url, servers.token), read)
        # Read while the clock is still Sunday: `list` shows callbacks from the servers' today.
        left_booked = active_senders(read) & {c.sender for c in run.conversations}
    finally:
        servers.set_clock(None)
    RESULTS.mkdir(exist_ok=True)
    title = (f"Conversations {name}: {path} (clock {SUNDAY_EVENING}, floor {min_share(name):.2f}, "
             f"target {TARGET_SHARE})")
    (RESULTS / f"conversations-{name}.txt").write_text(report(run, title) + "\n", encoding="utf-8")
    return PlayedSet(name, run, left_booked)


@pytest.mark.timeout(TIMEOUT)
def test_share_of_passed_checks_reaches_the_threshold(played):
    run = played.run
    assert run.total_checks > 0, "the set holds no checks"
    failures = [line for result in run.conversations for line in fail_lines(result)]
    floor = min_share(played.name)
    assert run.share >= floor, (
        f"{run.summary()}: share {run.share:.3f} < {floor:.2f} ({MIN_SHARE_ENV})\n"
        + "\n".join(failures))


@pytest.mark.timeout(TIMEOUT)
def test_no_conversation_leaves_a_callback_booked(played):
    """Each booking is erased through the chat once its checks are done, so that earlier
    conversations do not fill the slots later ones need."""
    warnings = [r.erase_warning for r in played.run.conversations if r.erase_warning]
    assert not warnings and not played.left_booked, "\n".join(
        warnings + [f"still booked: {sender}" for sender in sorted(played.left_booked)])
