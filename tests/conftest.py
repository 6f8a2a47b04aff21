import os

import pytest
from hypothesis import settings

from tests import postgres, redis_server
from tests.ccas_configs import GRENOBLE

# The project's root is on the import path through `pythonpath` in pyproject.toml.

# The property tests draw the same examples on every run, so that CI is red only for a change
# and not by chance; HYPOTHESIS_PROFILE=explore draws new ones, to look for new failures.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_addoption(parser):
    parser.addoption("--model", default=None, help="trained Rasa model for the integration tests")


def start_postgres_or_skip() -> postgres.Server:
    """A real PostgreSQL server (skipped only where none is installed and CI did not ask)."""
    try:
        return postgres.start()
    except postgres.Unavailable as missing:
        if os.environ.get(postgres.REQUIRE_ENV):
            pytest.fail(f"PostgreSQL is required here: {missing}")
        pytest.skip(f"PostgreSQL tests skipped: {missing}")


@pytest.fixture(scope="session")
def grenoble():
    """The standard configuration, config/ccas/grenoble.yml, loaded once (tests/ccas_configs.py)."""
    return GRENOBLE


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the whole test run."""
    server = start_postgres_or_skip()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, then a database on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ccas.db'}"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture(scope="session")
def redis():
    """A real Redis server for the whole test run (skipped only where none is installed and CI
    did not ask)."""
    try:
        server = redis_server.start()
    except redis_server.Unavailable as missing:
        if os.environ.get(redis_server.REQUIRE_ENV):
            pytest.fail(f"Redis is required here: {missing}")
        pytest.skip(str(missing))
    yield server
    server.stop()


@pytest.fixture
def database_at(tmp_path, monkeypatch):
    """A fresh SQLite database as DATABASE_URL, with the clock stopped at the moment given:
    `url = database_at(moment)`."""
    from bot.callbacks import clock
    from bot.storage.migrate import upgrade

    def at(moment) -> str:
        url = f"sqlite:///{tmp_path / 'ccas.db'}"
        upgrade(url)
        monkeypatch.setenv("DATABASE_URL", url)
        clock_file = tmp_path / "clock"
        clock_file.write_text(moment.isoformat())
        monkeypatch.setenv(clock.CLOCK_FILE_ENV, str(clock_file))
        return url

    return at
