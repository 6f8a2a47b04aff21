"""Rasa's HTTP API, when `./run.sh` leaves it open on this machine: read-only.

Locally (loopback, no RASA_AUTH_TOKEN nor RASA_JWT_SECRET) the API stays on so that the
conversation runners and the tools can read a conversation's slots without a secret. Writing
through it (inject an event, trigger an intent, run an action, replace or train the model)
would let anything on this machine rewrite what a counsellor reads: `run.sh` then sets
READ_ONLY_ENV, and these calls are refused before Rasa sees them. With a token or a JWT, Rasa's
own check applies to every call and this guard stays out of the way.
"""
from __future__ import annotations

import logging

from sanic import Blueprint, Sanic, response
from sanic.request import Request

from bot.configuration.settings import ENVIRONMENT, load_settings

logger = logging.getLogger(__name__)
READ_ONLY_ENV = ENVIRONMENT["rasa_api_read_only"]
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Compute-only calls that change nothing stored (the NLU reading of a text).
_ALLOWED_WRITES = frozenset({"/model/parse"})


def refuses(method: str, path: str) -> bool:
    """Whether a read-only API refuses this call: anything but reading under /conversations
    and /model (webhooks and the chat socket are not the API)."""
    if method.upper() in _SAFE_METHODS:
        return False
    path = "/" + path.strip("/")
    if path in _ALLOWED_WRITES:
        return False
    return path.startswith("/conversations/") or path == "/model" or path.startswith("/model/")


async def _guard(request: Request) -> response.HTTPResponse | None:
    if refuses(request.method, request.path):
        logger.warning("Rasa API write refused: the API is read-only without a token")
        return response.json(
            {"error": "forbidden", "message": "L'API est en lecture seule sans jeton (RASA_AUTH_TOKEN)."},
            status=403)
    return None


def attach(blueprint: Blueprint) -> None:
    """Guard the whole app (not only this blueprint's routes) once it starts, when run.sh asked."""

    @blueprint.listener("before_server_start")
    async def _register(app: Sanic, _loop: object) -> None:
        if not load_settings().rasa_api_read_only or getattr(app.ctx, "ccas_api_guard", False):
            return
        app.ctx.ccas_api_guard = True
        app.register_middleware(_guard, "request")
