"""The floor a turn is measured against: a bare `rasa init` bot (Rasa's own starter project: its
stories, rules and responses, no custom action, no database) with the project's French pipeline
(the components Rasa ships, from config.yml) and Rasa's default policies.

It is trained once and cached under models/floor/, named after what it was built from, so that
`scripts/benchmark.py --floor` pays the training only the first time.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "models" / "floor"


def starter_project() -> Path:
    import rasa.cli

    return Path(rasa.cli.__file__).parent / "initial_project"


def floor_config() -> dict:
    """The project's pipeline without its own components (they are the project's cost, not the
    floor's), and Rasa's default policies with the project's epochs."""
    project = yaml.safe_load((ROOT / "config.yml").read_text())
    pipeline = [dict(c) for c in project["pipeline"] if "." not in c["name"]]
    ted = next((p for p in project["policies"] if p["name"] == "TEDPolicy"), {})
    return {
        "recipe": "default.v1",
        "assistant_id": "floor",
        "language": "fr",
        "pipeline": [c for c in pipeline if c["name"] != "ResponseSelector"],
        "policies": [
            {"name": "MemoizationPolicy"},
            {"name": "RulePolicy"},
            {"name": "TEDPolicy", "max_history": 5, "epochs": ted.get("epochs", 100),
             "constrain_similarities": True},
        ],
    }


def prepare() -> Path:
    """The floor bot's model, trained now if it is not in the cache yet."""
    config = yaml.safe_dump(floor_config(), sort_keys=False)
    key = hashlib.sha256((config + (ROOT / "requirements.txt").read_text()).encode()).hexdigest()[:12]
    model = CACHE / f"floor-{key}.tar.gz"
    if model.exists():
        return model
    project = CACHE / "project"
    shutil.rmtree(project, ignore_errors=True)
    left_out = shutil.ignore_patterns("actions", "tests", "__pycache__")
    shutil.copytree(starter_project(), project, ignore=left_out)
    (project / "config.yml").write_text(config)
    print(f"Entraînement du robot de référence (rasa init, pipeline français) : {model.name}", flush=True)
    subprocess.run([sys.executable, "-m", "rasa", "train", "--quiet", "--config", "config.yml",
                    "--domain", "domain.yml", "--data", "data", "--out", str(CACHE),
                    "--fixed-model-name", model.name.removesuffix(".tar.gz")],
                   cwd=project, check=True)
    return model


def start(model: Path, port: int, log: Path) -> subprocess.Popen:
    """`rasa run` on the floor model: REST channel, in-memory tracker store, no action server."""
    return subprocess.Popen(
        [sys.executable, "-m", "rasa", "run", "--enable-api", "--model", str(model),
         "--interface", "127.0.0.1", "--port", str(port), "--credentials", "credentials.yml"],
        cwd=CACHE / "project", stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
