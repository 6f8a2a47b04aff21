"""Start the real action server and Rasa server for tests, on free local ports."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from bot.callbacks.clock import CLOCK_FILE_ENV
from tests.processes import end

ROOT = Path(__file__).resolve().parents[2]


# credentials.yml reads these; empty leaves the SMS channel off.
SMS_OFF = {"TWILIO_ACCOUNT_SID": "", "TWILIO_AUTH_TOKEN": "", "TWILIO_NUMBER": "", "TWILIO_WEBHOOK_URL": "",
           "TWILIO_API_BASE": "https://api.twilio.com"}
# The installation secret of the test servers (conversation ids) and the action server's token.
TEST_SECRET = "test-secret-key-of-the-ccas-servers-0123456789"
ACTION_TOKEN = "test-action-server-token"


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-4000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"server not ready after {timeout}s:\n{log.read_text()[-4000:]}")


@dataclass
class Servers:
    site_port: int
    database_url: str
    clock_file: Path
    rasa_url: str
    rasa_urls: list[str]
    action_url: str
    token: str
    processes: list[subprocess.Popen]
    logs: list[Path]
    action_command: list[str]
    env: dict[str, str]

    def set_clock(self, moment: str | None) -> None:
        """Move the action server's clock to `moment` (ISO with offset), or back to real time."""
        self.clock_file.write_text(moment or "")

    def stop_actions(self) -> None:
        """The action server goes down (the Rasa server stays up)."""
        end(self.processes[0])

    def start_actions(self) -> None:
        """The action server comes back, on the same port."""
        log = self.logs[0]
        self.processes[0] = subprocess.Popen(self.action_command, cwd=ROOT, env=self.env,
                                             stdout=log.open("a"), stderr=subprocess.STDOUT)
        wait_for(f"{self.action_url}/health", 60, self.processes[0], log)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def start_servers(model: str, token: str = "test-token", extra_env: dict | None = None,
                  endpoints: str = "endpoints.yml", rasa_servers: int = 1) -> Servers:
    """The action server and `rasa_servers` Rasa servers, on a fresh SQLite database unless
    extra_env names a DATABASE_URL.

    The schema is migrated first, as run.sh does. A test clock file (bot.callbacks.clock) is created
    empty, which means the real time, and can be written to move the servers' clock.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", **SMS_OFF,
           "CCAS_SECRET_KEY": TEST_SECRET, "ACTION_SERVER_TOKEN": ACTION_TOKEN,
           "SANIC_REQUEST_MAX_SIZE": "1048576", **(extra_env or {})}
    logdir = Path(tempfile.mkdtemp(prefix="ccas-servers-"))
    env["DATABASE_URL"] = (extra_env or {}).get("DATABASE_URL") or f"sqlite:///{logdir / 'ccas.db'}"
    clock_file = logdir / "clock.txt"
    clock_file.write_text("")
    env.setdefault(CLOCK_FILE_ENV, str(clock_file))
    subprocess.run([sys.executable, "-m", "bot", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    action_port, site_port = free_port(), free_port()
    rasa_ports = [free_port() for _ in range(rasa_servers)]
    # The chat page (start_site) will be served from this port: its origin may open the chat.
    env.setdefault("CHAT_ALLOWED_ORIGINS", f"http://localhost:{site_port},http://127.0.0.1:{site_port}")
    env["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{action_port}/webhook"

    action_log = logdir / "actions.log"
    action_command = [sys.executable, "-m", "actions.server", "--port", str(action_port)]
    action = subprocess.Popen(action_command, cwd=ROOT, env=env, stdout=action_log.open("w"),
                              stderr=subprocess.STDOUT)
    processes, logs = [action], [action_log]
    for index, port in enumerate(rasa_ports):
        rasa_log = logdir / f"rasa-{index}.log"
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "rasa_ext", "run", "--enable-api", "--model", model,
             "--endpoints", endpoints, "--credentials", "credentials.yml", "--interface", "127.0.0.1",
             "--port", str(port), "--auth-token", token],
            cwd=ROOT, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT,
        ))
        logs.append(rasa_log)
    urls = [f"http://127.0.0.1:{port}" for port in rasa_ports]
    servers = Servers(
        site_port=site_port,
        database_url=env["DATABASE_URL"],
        clock_file=Path(env[CLOCK_FILE_ENV]),
        rasa_url=urls[0],
        rasa_urls=urls,
        action_url=f"http://127.0.0.1:{action_port}",
        token=token,
        processes=processes,
        logs=logs,
        action_command=action_command,
        env=env,
    )
    try:
        wait_for(f"{servers.action_url}/health", 60, action, action_log)
        for url, process, log in zip(urls, processes[1:], logs[1:], strict=True):
            wait_for(f"{url}/status?token={token}", 240, process, log)
    except Exception:
        servers.stop()
        raise
    return servers


@dataclass
class Web:
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        end(self.process)


def _start_app(command: str, port: int, ready_path: str, env: dict[str, str]) -> Web:
    """`python -m bot <command>` (web or site) on `port`, once it answers on `ready_path`."""
    log = Path(tempfile.mkdtemp(prefix=f"ccas-{command}-")) / f"{command}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", command, "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env}, stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    app = Web(url=f"http://localhost:{port}", process=process, log=log)
    try:
        wait_for(f"http://127.0.0.1:{port}{ready_path}", 60, process, log)
    except Exception:
        app.stop()
        raise
    return app


def start_web(
    database_url: str, clock_file: Path | None = None, extra_env: dict[str, str] | None = None
) -> Web:
    """The counsellors' web app on a free port, on the given database (already migrated)."""
    env = {"DATABASE_URL": database_url, **(extra_env or {})}
    if clock_file is not None:
        env[CLOCK_FILE_ENV] = str(clock_file)
    return _start_app("web", free_port(), "/connexion", env)


def start_site(servers: Servers) -> Web:
    """The public page with the chat widget, talking to these servers."""
    return _start_app("site", servers.site_port, "/", {"CHAT_SERVER_URL": servers.rasa_url})


def add_counsellor(database_url: str, login: str, name: str, password: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "bot", "counsellors", "add", login, "--name", name,
                    "--password-stdin"], input=password + "\n", text=True, env=env, check=True,
                   capture_output=True, cwd=ROOT)
