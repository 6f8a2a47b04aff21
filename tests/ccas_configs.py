"""The example CCAS configurations of config/ccas/, each loaded once for the whole test run.

Tests take Grenoble's through the `grenoble` fixture (tests/conftest.py); these constants are for
what is needed at import time: parametrize lists and module-level values built from a
configuration. Tests of the loading itself, or of a modified configuration, load their own."""
from bot.configuration.ccas import load_ccas
from bot.configuration.settings import CONFIG_DIR

GRENOBLE = load_ccas(CONFIG_DIR / "ccas" / "grenoble.yml")
BESANCON = load_ccas(CONFIG_DIR / "ccas" / "besancon.yml")
