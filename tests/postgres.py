"""A real PostgreSQL server for the tests, started from Debian's binaries in a temporary
directory, or the one named by CCAS_TEST_POSTGRES_URL.

PostgreSQL refuses to run as root: when the tests run as root, the server runs as the
`postgres` system user that Debian's package creates.
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

URL_ENV = "CCAS_TEST_POSTGRES_URL"
REQUIRE_ENV = "CCAS_REQUIRE_POSTGRES"  # set by .ci/run: no PostgreSQL is a failure, not a skip


class Unavailable(RuntimeError):
    pass


def _bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return os.path.dirname(found[0])
    initdb = shutil.which("initdb")
    return os.path.dirname(os.path.realpath(initdb)) if initdb else None


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class Server:
    admin_url: str
    _stop: list[str] | None = None
    _datadir: str | None = None
    _start: list[str] | None = None

    def new_database(self) -> str:
        """A fresh, empty database on this server; its URL."""
        name = f"ccas_test_{uuid.uuid4().hex[:10]}"
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", future=True)
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def halt(self) -> None:
        """Stop the server, keeping its data (an outage); `resume` starts it again."""
        subprocess.run(self._stop, capture_output=True, check=True)

    def resume(self) -> None:
        subprocess.run(self._start, capture_output=True, check=True)

    def stop(self) -> None:
        if self._stop:
            subprocess.run(self._stop, capture_output=True, check=False)
        if self._datadir:
            shutil.rmtree(self._datadir, ignore_errors=True)


def start() -> Server:
    if os.environ.get(URL_ENV):
        return Server(admin_url=os.environ[URL_ENV])
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise Unavailable("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        raise Unavailable("running as root without runuser: cannot start PostgreSQL")
    datadir = tempfile.mkdtemp(prefix="ccas-pg-")
    if os.geteuid() == 0:
        shutil.chown(datadir, user="postgres", group="postgres")
    port = _free_port()
    subprocess.run(
        _as_server_user([f"{bin_dir}/initdb", "-D", datadir, "-U", "postgres", "--auth=trust",
                         "--encoding=UTF8", "--locale=C.UTF-8"]),
        check=True, capture_output=True,
    )
    log = os.path.join(datadir, "server.log")
    start_command = _as_server_user([
        f"{bin_dir}/pg_ctl", "-D", datadir, "-l", log, "-w", "-t", "60", "-o",
        f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
    subprocess.run(start_command, check=True, capture_output=True)
    server = Server(
        admin_url=f"postgresql://postgres@127.0.0.1:{port}/postgres",
        _stop=_as_server_user([f"{bin_dir}/pg_ctl", "-D", datadir, "-m", "fast", "-w", "stop"]),
        _datadir=datadir,
        _start=start_command,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            engine = create_engine(server.admin_url, future=True)
            with engine.connect():
                pass
            engine.dispose()
            return server
        except Exception:
            if time.monotonic() > deadline:
                server.stop()
                raise
            time.sleep(0.3)


@contextlib.contextmanager
def running() -> Iterator[Server]:
    server = start()
    try:
        yield server
    finally:
        server.stop()
