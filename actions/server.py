"""The action server, started as `python -m actions.server`: Rasa SDK's own server, made safe.

`rasa run actions` listens on every address without authentication: anyone reaching port
5055 could run any action for any conversation (an erasure, a booking). Here:
- it listens on loopback unless told otherwise (--host, ACTION_SERVER_HOST);
- with ACTION_SERVER_TOKEN set, every call but /health must carry it
  ("Authorization: Bearer ...", sent by Rasa from endpoints.yml);
- it refuses to listen beyond this machine without a token.
"""
from __future__ import annotations

import argparse
import asyncio
import hmac
import json
import logging
import sys

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.activity.recording import record_call
from bot.configuration import output
from bot.configuration.settings import ENVIRONMENT, SettingsError, is_loopback, load_settings

logger = logging.getLogger(__name__)
TOKEN_ENV = ENVIRONMENT["action_server_token"]
HOST_ENV = ENVIRONMENT["action_host"]
OPEN_PATHS = frozenset({"/health"})


def authorised(authorization: str | None, token: str | None) -> bool:
    if not token:
        return True
    presented = (authorization or "").removeprefix("Bearer ").strip()
    return hmac.compare_digest(presented.encode(), token.encode())


def refusal(host: str, token: str | None) -> str | None:
    """Why the server must not start with these settings, or None."""
    if not is_loopback(host) and not token:
        return (f"Le serveur d'actions ne peut pas écouter sur {host} sans {TOKEN_ENV} : "
                "n'importe qui pourrait effacer une conversation ou réserver un rappel.")
    return None


def build_app(token: str | None, recording: bool = True):
    from rasa_sdk.endpoint import create_app  # after bot.configuration.output is installed (main)

    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def check_token(request: Request):
        if request.path not in OPEN_PATHS and not authorised(request.headers.get("Authorization"), token):
            logger.warning("action server call without the right token: refused")
            return response.json({"error": "unauthorised"}, status=401)
        return None

    @app.middleware("response")
    async def count_activity(request: Request, reply: HTTPResponse):
        # The CCAS's figures (bot/activity/): what each answered action call adds.
        if request.path == "/webhook" and reply.status == 200 and recording:
            try:
                call, answer = request.json or {}, json.loads(reply.body or b"{}")
            except ValueError:
                return
            await asyncio.to_thread(record_call, call, answer)

    return app


def main(argv: list[str] | None = None) -> int:
    output.install()
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Réglage impossible : {error}", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(description="Serveur d'actions du CCAS")
    parser.add_argument("--host", default=settings.action_host)
    parser.add_argument("--port", type=int, default=settings.action_port)
    args = parser.parse_args(argv)
    token = settings.action_server_token
    reason = refusal(args.host, token)
    if reason:
        print(reason, file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-8s %(name)s - %(message)s")
    output.quiet_libraries()
    build_app(token).run(args.host, args.port, workers=1, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
