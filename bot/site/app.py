"""The public pages: a CCAS web page with the chat widget, and the privacy notice.

Everything is served from here: no font, script or style from another host. The widget
talks to Rasa's socket.io channel (rasa_ext/channels/webchat.py) at CHAT_SERVER_URL.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, file, html

from bot.callbacks.schedule import format_weekly_hours
from bot.configuration import output
from bot.configuration.ccas import current_ccas
from bot.configuration.settings import Settings

HERE = Path(__file__).resolve().parent
STATIC = {"chat.js": "application/javascript", "chat.css": "text/css",
          "socket.io.min.js": "application/javascript", "site.css": "text/css"}
templates = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                        autoescape=select_autoescape(["html"]))


def _headers(chat_server: str) -> dict[str, str]:
    server = urlsplit(chat_server)
    socket = f"{'wss' if server.scheme == 'https' else 'ws'}://{server.netloc}"
    return {
        "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                                   f"img-src 'self'; connect-src {chat_server} {socket}; "
                                   "form-action 'self'; frame-ancestors 'self'; base-uri 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


def create_app(settings: Settings, name: str = "ccas_site") -> Sanic:
    app = Sanic(name)
    chat_server = settings.chat_server_url

    def render(template: str) -> HTTPResponse:
        ccas = current_ccas()
        body = templates.get_template(template).render(
            ccas=ccas, hours=format_weekly_hours(ccas), chat_server=chat_server)
        return html(body, headers=_headers(chat_server))

    @app.get("/")
    async def home(request: Request) -> HTTPResponse:
        return render("index.html")

    @app.get("/confidentialite")
    async def privacy(request: Request) -> HTTPResponse:
        return render("privacy.html")

    @app.get("/chat/<name:str>")
    async def asset(request: Request, name: str) -> HTTPResponse:
        if name not in STATIC:
            return html("Introuvable", status=404)
        return await file(str(HERE / "static" / name), mime_type=STATIC[name],
                          headers={"Cache-Control": "public, max-age=3600"})

    return app


def run(settings: Settings) -> None:
    app = create_app(settings)
    output.quiet_libraries()
    app.run(host=settings.site_host, port=settings.site_port, access_log=False, motd=False, workers=1)
