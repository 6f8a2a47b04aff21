"""Benchmark of the real servers: reply latency for one conversation and for 50 at once over
the REST channel (custom actions included), memory of each process, training time.

    .venv/bin/python scripts/benchmark.py [--model models/ccas-....tar.gz] [--concurrent 50]

It prints figures; targets on 2 cores: p95 <= 100 ms alone, 0 errors and p95 <= 1 s with 50
conversations at once.
"""
from __future__ import annotations

import argparse
import glob
import os
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.servers import start_servers  # noqa: E402

CONVERSATION = [
    "bonjour",
    "j'ai deux mois de loyer en retard et l'électricité aussi",
    "/request_snapshot",
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


def converse(url: str, rounds: int = 1) -> tuple[list[float], int]:
    latencies, errors = [], 0
    for _ in range(rounds):
        sender = f"bench-{uuid.uuid4().hex[:10]}"
        for message in CONVERSATION:
            start = time.perf_counter()
            try:
                response = requests.post(url, json={"sender": sender, "message": message}, timeout=30)
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model")
    parser.add_argument("--concurrent", type=int, default=50)
    args = parser.parse_args()
    model = args.model or max(glob.glob(str(ROOT / "models" / "*.tar.gz")), key=os.path.getmtime)
    print(f"Modèle : {model}")
    servers = start_servers(model)
    url = f"{servers.rasa_url}/webhooks/rest/webhook"
    try:
        converse(url)  # warm-up: first loads of the pipeline and of the database
        alone, errors_alone = converse(url, rounds=3)
        print(f"Une conversation ({len(alone)} messages) : p50 {statistics.median(alone) * 1000:.0f} ms, "
              f"p95 {percentile(alone, 0.95) * 1000:.0f} ms, erreurs {errors_alone}")
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrent) as pool:
            results = list(pool.map(lambda _: converse(url), range(args.concurrent)))
        elapsed = time.perf_counter() - start
        together = [latency for latencies, _ in results for latency in latencies]
        errors = sum(e for _, e in results)
        print(f"{args.concurrent} conversations en même temps ({len(together)} messages en "
              f"{elapsed:.1f} s) : p50 {statistics.median(together) * 1000:.0f} ms, "
              f"p95 {percentile(together, 0.95) * 1000:.0f} ms, erreurs {errors}")
        action, rasa = servers.processes
        print(f"Mémoire : serveur Rasa {rss_mb(rasa.pid):.0f} Mo, "
              f"serveur d'actions {rss_mb(action.pid):.0f} Mo")
    finally:
        servers.stop()
    times = ROOT / "models" / "training-times.txt"
    if times.exists():
        print(f"Entraînement (dernier) : {times.read_text().strip().splitlines()[-1]}")
    else:
        print("Entraînement : pas encore mesuré ici (il l'est à chaque entraînement par run.sh/test.sh)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
