"""A real Redis server for the tests, from Debian's redis-server package, on a free port with
nothing written to disk."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass

from tests.processes import end

REQUIRE_ENV = "CCAS_REQUIRE_REDIS"  # set by .ci/run: no Redis is a failure, not a skip


class Unavailable(RuntimeError):
    pass


@dataclass
class Redis:
    port: int
    process: subprocess.Popen

    def stop(self) -> None:
        end(self.process, timeout=10)


def start() -> Redis:
    binary = shutil.which("redis-server")
    if binary is None:
        raise Unavailable("Redis is not installed (Debian: apt-get install redis-server)")
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    workdir = tempfile.mkdtemp(prefix="ccas-redis-")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", workdir],
        stdout=open(os.path.join(workdir, "redis.log"), "w"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            if conn.recv(16).startswith(b"+PONG"):
                return Redis(port=port, process=process)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"redis-server did not start on port {port}")
