"""Where the browser tests leave their screenshots."""
from pathlib import Path

SHOTS = Path(__file__).resolve().parents[2] / "results" / "screenshots"
