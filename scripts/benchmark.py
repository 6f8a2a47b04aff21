"""Benchmark of the real servers: reply latency for one conversation and for 50 at once over
the REST channel (custom actions included), memory of each process, training time.

    .venv/bin/python scripts/benchmark.py [--model models/ccas-....tar.gz] [--concurrent 50]
                                          [--rasa-servers 2] [--floor [--rounds 20]]

--floor measures one turn against the floor instead: a bare `rasa init` bot with the project's
French pipeline (scripts/floor_bot.py, trained once and cached), started beside the project's
servers. Both get the same messages, one after the other, in the same run, and the script prints
`p95 project/floor: X` and `p50 project/floor: X`, with the custom actions called per message and
the size of the tracker the action server receives, at the start and at the end of the
conversation (the cost must not grow with its length).

Fifty conversations at once are measured twice:
- at a person's pace: after each answer, a pause of 3 to 8 seconds (reading, then typing a
  short message; people in difficulty usually take longer), which is what 50 people chatting
  at the same time send;
- without any pause: every simulated person writes again the moment the answer arrives, which
  measures how many messages per second the servers can take (the saturation point).

--rasa-servers 2 runs two Rasa servers on PostgreSQL with a Redis lock store, as in production
(deploy/endpoints.yml), the messages spread over both.

It prints figures; targets on 2 cores: p95 <= 100 ms alone, 0 errors and p95 <= 1 s with 50
conversations at once.
"""
from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import postgres, redis_server  # noqa: E402
from tests.integration.servers import Servers, free_port, start_servers, wait_for  # noqa: E402
from tests.processes import end  # noqa: E402

CONVERSATION = [
    "bonjour",
    "j'ai deux mois de loyer en retard et l'électricité aussi",
    "je voudrais faire le point sur mon budget",
    "seule avec 2 enfants",
    "environ 1400 avec la CAF",
    "loyer 650, électricité 90",
    "non",
    "1300 de loyer",
    "c'est quoi la trêve hivernale",
    "merci beaucoup",
    "au revoir",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def converse(urls: list[str], rounds: int = 1, pause: tuple[float, float] | None = None
             ) -> tuple[list[float], int]:
    latencies, errors = [], 0
    # Successive messages go to the servers in turn, as a load balancer would send them.
    servers = itertools.cycle(random.sample(urls, len(urls)))
    for _ in range(rounds):
        sender = f"bench-{uuid.uuid4().hex[:10]}"
        for message in CONVERSATION:
            if pause:
                time.sleep(random.uniform(*pause))
            url = next(servers)
            start = time.perf_counter()
            try:
                response = requests.post(url, json={"sender": sender, "message": message}, timeout=60)
                if response.status_code != 200 or not response.json():
                    errors += 1
            except requests.RequestException:
                errors += 1
            latencies.append(time.perf_counter() - start)
    return latencies, errors


def rss_mb(pid: int) -> float:
    total = 0
    for process in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return found + [c for child in found for c in _children(child)]


def at_once(urls: list[str], count: int, pause: tuple[float, float] | None) -> str:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(lambda _: converse(urls, pause=pause), range(count)))
    elapsed = time.perf_counter() - start
    together = [latency for latencies, _ in results for latency in latencies]
    errors = sum(e for _, e in results)
    p50, p95 = statistics.median(together) * 1000, percentile(together, 0.95) * 1000
    return (f"{len(together)} messages en {elapsed:.1f} s, {len(together) / elapsed:.1f} messages/s : "
            f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, erreurs {errors}")


def start(model: str, rasa_servers: int) -> tuple[Servers, list]:
    """The servers to measure, and what else was started for them (database, Redis)."""
    if rasa_servers == 1:
        return start_servers(model), []
    database, redis = postgres.start(), redis_server.start()
    env = {"DATABASE_URL": database.new_database(), "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(redis.port),
           "REDIS_PASSWORD": "", "REDIS_DB": "1"}
    servers = start_servers(model, extra_env=env, endpoints="deploy/endpoints.yml", rasa_servers=rasa_servers)
    return servers, [database, redis]


def stop(servers: Servers, others: list) -> None:
    servers.stop()
    for other in others:
        other.stop()


def turn(url: str, sender: str, message: str) -> float:
    start = time.perf_counter()
    response = requests.post(url, json={"sender": sender, "message": message}, timeout=60)
    response.raise_for_status()
    return time.perf_counter() - start


def actions_per_message(servers: Servers, sender: str) -> tuple[float, list[int]]:
    """Custom actions called per person's message, and the size in bytes of the tracker an
    action server call carries, after each message."""
    tracker = requests.get(f"{servers.rasa_url}/conversations/{sender}/tracker?token={servers.token}",
                           timeout=30).json()
    events = tracker["events"]
    messages = sum(1 for e in events if e["event"] == "user")
    custom = sum(1 for e in events if e["event"] == "action"
                 and e["name"].startswith(("action_", "validate_")) and e["name"] != "action_listen"
                 and not e["name"].startswith(("action_session_start", "action_default")))
    sizes, seen = [], []
    for event in events:
        seen.append(event)
        if event["event"] == "user":
            sizes.append(len(json.dumps(seen)))
    return custom / max(messages, 1), sizes


def against_floor(servers: Servers, rounds: int) -> None:
    """The same conversation, message by message, to the project and to the floor bot."""
    from scripts import floor_bot

    model = floor_bot.prepare()
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="ccas-floor-")) / "floor.log"
    process = floor_bot.start(model, port, log)
    floor_url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{floor_url}/status", 240, process, log)
        project_url = f"{servers.rasa_url}/webhooks/rest/webhook"
        floor_chat = f"{floor_url}/webhooks/rest/webhook"
        ours: list[float] = []
        floor: list[float] = []
        sender = ""
        for index in range(rounds + 1):
            sender = f"bench-{uuid.uuid4().hex[:10]}"
            for message in CONVERSATION:
                project_time = turn(project_url, sender, message)
                floor_time = turn(floor_chat, sender, message)
                if index:  # the first round warms both up
                    ours.append(project_time)
                    floor.append(floor_time)
        per_message, sizes = actions_per_message(servers, sender)
    finally:
        end(process)
    p50s = statistics.median(ours) * 1000, statistics.median(floor) * 1000
    p95s = percentile(ours, 0.95) * 1000, percentile(floor, 0.95) * 1000
    print(f"{len(ours)} messages chacun ({rounds} conversations de {len(CONVERSATION)} messages)")
    print(f"Projet   : p50 {p50s[0]:.0f} ms, p95 {p95s[0]:.0f} ms")
    print(f"Plancher : p50 {p50s[1]:.0f} ms, p95 {p95s[1]:.0f} ms (rasa init, pipeline français)")
    print(f"Actions personnalisées par message : {per_message:.1f} ; suivi envoyé au serveur d'actions : "
          f"{sizes[0] / 1000:.1f} ko au premier message, {sizes[-1] / 1000:.1f} ko au dernier")
    print(f"p50 project/floor: {p50s[0] / p50s[1]:.2f}")
    print(f"p95 project/floor: {p95s[0] / p95s[1]:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model")
    parser.add_argument("--concurrent", type=int, default=50)
    parser.add_argument("--rasa-servers", type=int, default=1)
    parser.add_argument("--floor", action="store_true", help="one turn against a bare rasa init bot")
    parser.add_argument("--rounds", type=int, default=20, help="with --floor: conversations measured")
    args = parser.parse_args()
    model = args.model or max(glob.glob(str(ROOT / "models" / "*.tar.gz")), key=os.path.getmtime)
    print(f"Modèle : {model} ; {args.rasa_servers} serveur(s) Rasa, {os.cpu_count()} cœurs")
    servers, others = start(model, args.rasa_servers)
    urls = [f"{url}/webhooks/rest/webhook" for url in servers.rasa_urls]
    if args.floor:
        try:
            against_floor(servers, args.rounds)
        finally:
            stop(servers, others)
        return 0
    try:
        converse(urls)  # warm-up: first loads of the pipeline and of the database
        alone, errors_alone = converse(urls, rounds=3)
        print(f"Une conversation ({len(alone)} messages) : p50 {statistics.median(alone) * 1000:.0f} ms, "
              f"p95 {percentile(alone, 0.95) * 1000:.0f} ms, erreurs {errors_alone}")
        print(f"{args.concurrent} conversations en même temps, au rythme d'une personne (3 à 8 s avant "
              f"chaque message) : {at_once(urls, args.concurrent, (3.0, 8.0))}")
        print(f"{args.concurrent} conversations en même temps, sans aucune pause (saturation) : "
              f"{at_once(urls, args.concurrent, None)}")
        action, *rasa = servers.processes
        print("Mémoire : " + ", ".join(f"serveur Rasa {rss_mb(p.pid):.0f} Mo" for p in rasa)
              + f", serveur d'actions {rss_mb(action.pid):.0f} Mo")
    finally:
        stop(servers, others)
    times = ROOT / "models" / "training-times.txt"
    if times.exists():
        print(f"Entraînement (dernier) : {times.read_text().strip().splitlines()[-1]}")
    else:
        print("Entraînement : pas encore mesuré ici (il l'est à chaque entraînement par run.sh/test.sh)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
