"""The layout keeps its promises: bot/ is free of Rasa, and importing the Rasa extensions changes
nothing in Rasa until they are installed on purpose."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_bot_never_imports_rasa():
    forbidden = {"rasa", "rasa_sdk", "rasa_ext", "actions"}
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & forbidden)
        for path in (ROOT / "bot").rglob("*.py")
    }
    assert {name: roots for name, roots in offenders.items() if roots} == {}


def test_bot_modules_live_in_subpackages():
    # Only the package's entry points stay at the top of bot/.
    flat = sorted(p.name for p in (ROOT / "bot").glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "cli.py"]


def test_importing_the_extensions_patches_nothing():
    probe = (
        "from rasa.core.actions.action import RemoteAction\n"
        "from rasa.core.tracker_store import FailSafeTrackerStore\n"
        "before = (RemoteAction.run, RemoteAction._validate_action_result,"
        " FailSafeTrackerStore.on_tracker_store_error)\n"
        "import rasa_ext, rasa_ext.components, rasa_ext.channels, rasa_ext.tracker_store\n"
        "import rasa_ext.components.crisis_policy, rasa_ext.channels.webchat\n"
        "after = (RemoteAction.run, RemoteAction._validate_action_result,"
        " FailSafeTrackerStore.on_tracker_store_error)\n"
        "assert before == after, 'patched on import'\n"
        "from rasa_ext.patches import install\n"
        "install()\n"
        "assert RemoteAction.run is not before[0] and FailSafeTrackerStore.on_tracker_store_error"
        " is not before[2], 'not installed'\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
