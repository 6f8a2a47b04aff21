"""The counsellors' web application (French): sign in, the work list, a handover, its
follow-up, notes and erasure.

Built on Sanic, which Rasa already brings, and Jinja2 with autoescaping: whatever a person
wrote in the chat is shown as text, never as HTML. No JavaScript: every action is a form.
Every route but the sign-in page and the stylesheet requires a signed-in counsellor, and every
form a CSRF token tied to the session; the sign-in form carries a token signed by the server.
Passwords are checked in worker threads (argon2 is slow on purpose), sign-ins are slowed down
after failures, and every answer, error pages included, is French and carries the same
security headers.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import ipaddress
import logging
import math
import secrets
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import BaseHTTPResponse, HTTPResponse, file, html, raw, redirect
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.activity import report
from bot.activity.figures import By, Period, latest
from bot.alerts import rounds
from bot.callbacks import clock, followup
from bot.callbacks.bookings import Booking
from bot.callbacks.schedule import local_now
from bot.callbacks.states import Status
from bot.callbacks.worklist import GROUPS, Row, arrange
from bot.configuration import output
from bot.configuration.ccas import current_ccas, current_national
from bot.configuration.settings import Settings, app_secret
from bot.handovers import budget_picture, handover
from bot.reading.themes import THEMES
from bot.storage import accounts, audit
from bot.storage.db import session_scope, stored_utc
from bot.storage.erasure import erase_person
from bot.wording.texts import counsellor_labels, counsellor_text

HERE = Path(__file__).resolve().parent
COOKIE = "ccas_session"
STYLESHEET = "/static/app.css"
PUBLIC = {"/connexion", STYLESHEET}
GONE = counsellor_text("web.gone")
# Ids are INTEGER columns: a larger number cannot be a callback (and SQLite would raise on it).
MAX_ID = 2**31 - 1
# How long a sign-in form may wait before being sent.
LOGIN_FORM_LIFETIME = dt.timedelta(hours=1)
# Two passwords checked at a time, off the event loop: each argon2 check takes some 50 ms of CPU
# and 64 MiB; more at once would only add memory, and pages keep being served meanwhile.
PASSWORD_CHECKS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="password-check")
UNKNOWN_LOGIN = counsellor_text("audit.unknown_login")
ERRORS = {int(status): message for status, message in counsellor_labels("web.errors").items()}
logger = logging.getLogger(__name__)
# Only what counsellors still work on, and what they did in the last weeks.
DONE_HORIZON = dt.timedelta(days=30)

templates = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
def _local_time(moment: dt.datetime) -> str:
    """A stored time as the CCAS reads it."""
    return stored_utc(moment).astimezone(current_ccas().timezone).strftime("%d/%m/%Y %H:%M")


templates.filters["local_time"] = _local_time
templates.filters["theme"] = handover.theme_label
templates.filters["flag"] = lambda flag: handover.flag_label(flag, current_national())


def _set_cookie(response: HTTPResponse, name: str, value: str, max_age: int | None, secure: bool) -> None:
    response.cookies[name] = value
    cookie = response.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/"
    cookie["secure"] = secure
    if max_age is not None:
        cookie["max-age"] = max_age


def _headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
                                   "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def page(name: str, request: Request, status: int = 200, **context: Any) -> HTTPResponse:
    user = getattr(request.ctx, "user", None)
    body = templates.get_template(name).render(user=user, ccas=current_ccas(), **context)
    return html(body, status=status, headers=_headers())


def refuse(request: Request, status: int, message: str) -> HTTPResponse:
    return page("error.html", request, status=status, message=message)


def _same(a: str | None, b: str | None) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII characters, which anyone can send.
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def _login_mac(secret: bytes, issued: int, nonce: str) -> str:
    return hmac.new(secret, f"login-form|{issued}|{nonce}".encode(), hashlib.sha256).hexdigest()


def login_form_token(secret: bytes) -> str:
    """The sign-in form's CSRF token: its time, a random part and their HMAC with the app's
    secret. Nothing a browser holds (a cookie an attacker could inject) makes one valid."""
    issued, nonce = int(clock.now().timestamp()), secrets.token_urlsafe(16)
    return f"{issued}.{nonce}.{_login_mac(secret, issued, nonce)}"


def valid_login_form_token(secret: bytes, token: str | None) -> bool:
    """Signed by this app and less than LOGIN_FORM_LIFETIME old."""
    if not token or len(token) > 200:  # a real one is some 80 characters; int() of 5 000 digits fails
        return False
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isascii() or not parts[0].isdigit() or len(parts[0]) > 12:
        return False
    issued_text, nonce, mac = parts
    issued = int(issued_text)
    age = clock.now().timestamp() - issued
    # A minute ahead is tolerated: several instances of the app may not share the exact time.
    fresh = -60 <= age <= LOGIN_FORM_LIFETIME.total_seconds()
    return fresh and str(issued) == issued_text and _same(mac, _login_mac(secret, issued, nonce))


def client_address(request: Request) -> str:
    """Who is asking: the address the proxy saw when COUNSELLOR_PROXIES says there is one (else
    anyone could claim any address in a header), otherwise the connection's."""
    return throttling_address(request.remote_addr or request.ip or "")


def throttling_address(address: str) -> str:
    """The address sign-ins are counted against. An IPv6 one is counted by its /64 network: a
    single machine commonly holds a whole /64, and would otherwise get a fresh address per try."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address[:64] or "inconnue"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _cross_site(request: Request) -> bool:
    # Browsers say where a form comes from; a page of another site (even a sibling subdomain,
    # which can set cookies for this one) must not send forms here.
    return request.headers.get("sec-fetch-site", "").lower() in ("cross-site", "same-site")


def _in_range(booking_id: int) -> bool:
    return 0 < booking_id <= MAX_ID


@dataclass(frozen=True)
class LoginOutcome:
    token: str | None = None  # the new session's, when signed in
    wait: dt.timedelta | None = None  # when slowed down: how long before trying again


def _check_login(address: str, login_name: str, password: str) -> LoginOutcome:
    """The whole sign-in, blocking (argon2, database): run in PASSWORD_CHECKS."""
    with session_scope() as session:
        wait = accounts.throttled_for(session, address, login_name)
        if wait is not None:
            # Refused before the password is checked: a guess made now tells nothing.
            return LoginOutcome(wait=wait)
        counsellor = accounts.authenticate(session, login_name, password, address=address)
        if counsellor is None:
            # What was typed as a login may be a password typed in the wrong field: it is kept
            # only when it is a login indeed.
            known = accounts.find(session, login_name) is not None
            audit.record(session, "login_failed",
                         detail=accounts.normalize_login(login_name) if known else UNKNOWN_LOGIN)
            return LoginOutcome()
        token = accounts.open_session(session, counsellor)
        audit.record(session, "login", counsellor_id=counsellor.id, counsellor_name=counsellor.name)
        return LoginOutcome(token=token)


async def check_login(address: str, login_name: str, password: str) -> LoginOutcome:
    """`_check_login` in a worker thread: the event loop keeps serving pages meanwhile."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(PASSWORD_CHECKS, _check_login, address, login_name, password)


def wait_fr(wait: dt.timedelta) -> str:
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        return counsellor_text("web.seconds", count=seconds, plural="s" if seconds > 1 else "")
    minutes = math.ceil(seconds / 60)
    return counsellor_text("web.minutes", count=minutes, plural="s" if minutes > 1 else "")


class Gone(SanicException):
    """The handover asked for is not there (erased, never made): a 404 with its own words."""

    status_code = 404
    quiet = True


def error_page(request: Request, error: Exception) -> HTTPResponse:
    """A French page for any error, with the usual headers; never a stack trace."""
    if isinstance(error, Gone):
        return refuse(request, 404, GONE)
    if isinstance(error, SanicException):
        status = error.status_code
    else:
        # Before any route was found, an error is Sanic failing to read a malformed request
        # (a Content-Length that is not a number...): the client's mistake, not ours.
        status = 500 if getattr(request, "route", None) is not None else 400
    if status >= 500:
        # The trace's code lines only: an exception's message may quote a statement's values.
        logger.error("error %s on %s %s: %s\n%s", status, request.method, request.path,
                     type(error).__name__, "".join(traceback.format_tb(error.__traceback__)))
    message = ERRORS.get(status) or ERRORS[500 if status >= 500 else 400]
    return refuse(request, status, message)


def create_app(settings: Settings, name: str = "ccas_counsellors", secret: bytes | None = None) -> Sanic:
    app = Sanic(name)
    app.config.FORWARDED_SECRET = None
    app.config.PROXIES_COUNT = settings.counsellor_proxies or None
    app.config.REQUEST_MAX_SIZE = 1_000_000
    signing_key = secret or app_secret(settings)
    secure = settings.counsellor_cookie_secure

    @app.middleware("request")
    async def require_counsellor(request: Request):
        if getattr(request.ctx, "checked", False):
            # Sanic runs request middleware again before an error page: the request was let
            # through once (or this check itself failed, the database being down: the error
            # page must not try again).
            return None
        request.ctx.checked = True
        if request.path == STYLESHEET:
            return None  # nothing personal: no need to read the session
        if request.method == "POST" and _cross_site(request):
            request.ctx.user = None
            return refuse(request, 403, counsellor_text("web.form_expired_reload"))
        token = request.cookies.get(COOKIE)
        with session_scope() as session:
            request.ctx.user = accounts.signed_in(session, token)
        if request.path in PUBLIC:
            return None
        if request.ctx.user is None:
            if request.method == "GET":
                return redirect("/connexion", status=303)
            return refuse(request, 403, counsellor_text("web.session_expired"))
        if request.method == "POST" and not _same(request.form.get("csrf"), request.ctx.user.csrf_token):
            return refuse(request, 403, counsellor_text("web.form_expired_reload"))
        return None

    @app.middleware("response")
    async def security_headers(request: Request, response: BaseHTTPResponse):
        # Every answer: redirects, the stylesheet, error pages made by Sanic itself.
        for header, value in _headers().items():
            if header not in response.headers:
                response.headers[header] = value

    if rounds.enabled(settings):
        @app.after_server_start
        async def start_alerts(app: Sanic, _loop: object) -> None:
            app.add_task(_alert_rounds(settings))

    @app.exception(Exception)
    async def on_error(request: Request, error: Exception) -> HTTPResponse:
        return error_page(request, error)

    @app.get(STYLESHEET)
    async def stylesheet(request: Request) -> HTTPResponse:
        return await file(str(HERE / "static" / "app.css"), mime_type="text/css")

    @app.get("/connexion")
    async def login_form(request: Request) -> HTTPResponse:
        if request.ctx.user is not None:
            return redirect("/", status=303)
        return _login_page(request, signing_key)

    @app.post("/connexion")
    async def login(request: Request) -> HTTPResponse:
        if not valid_login_form_token(signing_key, request.form.get("csrf")):
            return _login_page(request, signing_key, status=403,
                               error=counsellor_text("web.login_form_expired"))
        login_name = (request.form.get("login") or "").strip()[:120]
        password = request.form.get("password") or ""
        outcome = await check_login(client_address(request), login_name, password)
        if outcome.wait is not None:
            response = _login_page(request, signing_key, status=429, login=login_name,
                                   error=counsellor_text("web.login_slowed", wait=wait_fr(outcome.wait)))
            response.headers["Retry-After"] = str(max(1, math.ceil(outcome.wait.total_seconds())))
            return response
        if outcome.token is None:
            return _login_page(request, signing_key, status=401, login=login_name,
                               error=counsellor_text("web.login_wrong"))
        token = outcome.token
        response = redirect("/", status=303)
        _set_cookie(response, COOKIE, token, int(accounts.SESSION_LIFETIME.total_seconds()), secure)
        return response

    @app.post("/deconnexion")
    async def logout(request: Request) -> HTTPResponse:
        with session_scope() as session:
            accounts.close_session(session, request.cookies.get(COOKIE))
            audit.record(session, "logout", counsellor_id=request.ctx.user.counsellor_id,
                         counsellor_name=request.ctx.user.name)
        response = redirect("/connexion", status=303)
        _set_cookie(response, COOKIE, "", 0, secure)
        return response

    @app.get("/")
    async def worklist(request: Request) -> HTTPResponse:
        ccas, national = current_ccas(), current_national()
        now = local_now(ccas)
        wanted_status = request.args.get("statut") or None
        wanted_theme = request.args.get("theme") or None
        if wanted_status not in followup.LABELS:
            wanted_status = None
        with session_scope() as session:
            # Done callbacks (called, closed, or cancelled by the person) only for DONE_HORIZON:
            # filtered in the database, so that the handovers of years of calls are not built
            # (each reads the person's conversation) only to be left out.
            still_open = and_(Booking.status == Status.BOOKED.value, Booking.followup.in_(followup.OPEN))
            recent = Booking.slot_start >= (now - DONE_HORIZON).astimezone(dt.timezone.utc)
            query = select(Booking).where(Booking.status != Status.MOVED.value, or_(still_open, recent))
            items = {}
            for booking in session.execute(query).scalars():
                item = handover.build(booking, session.get_bind(), ccas, national, with_transcript=False)
                items[booking.id] = (item, booking.followup)
        rows = [Row(booking_id=i.id, callback_at=i.callback_at, status=i.status, followup=f,
                    urgent=bool(i.urgency_flags), themes=tuple(i.themes)) for i, f in items.values()]
        groups = arrange(rows, now, wanted_status, wanted_theme)
        return page("list.html", request, groups=groups, group_names=GROUPS, items=items, now=now,
                    followup_labels=followup.LABELS, themes=_theme_choices(), wanted_status=wanted_status,
                    wanted_theme=wanted_theme, national=national, handover=handover,
                    notice=request.args.get("info"))

    @app.get("/activite")
    async def activity(request: Request) -> HTTPResponse:
        by, spans = _activity_periods(request)
        return page("stats.html", request, by=by, shares=report.shares(spans),
                    charts=[report.Chart(Markup(c.svg), c.table) for c in report.charts_of(spans)],
                    summary=report.summary(spans), nothing=counsellor_text("stats.nothing"))

    @app.get("/activite.csv")
    async def activity_csv(request: Request) -> HTTPResponse:
        by, spans = _activity_periods(request)
        name = f"activite-{'mois' if by == 'month' else 'semaines'}-{spans[-1].end.isoformat()}.csv"
        return raw(("\ufeff" + report.as_csv(spans)).encode("utf-8"), content_type="text/csv; charset=utf-8",
                   headers={**_headers(), "Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/rappels/<booking_id:int>")
    async def handover_page(request: Request, booking_id: int) -> HTTPResponse:
        ccas, national = current_ccas(), current_national()
        user = request.ctx.user
        with session_scope() as session:
            booking = _booking(session, booking_id)
            item = handover.build(booking, session.get_bind(), ccas, national)
            _record(session, user, "view", booking_id)
            notes = followup.notes_about(session, booking.sender_id)
            trail = audit.trail(session, [booking_id])
            state = booking.followup
        return page("handover.html", request, item=item, state=state, notes=notes, trail=trail,
                    followup_labels=followup.LABELS, next_states=followup.NEXT.get(state, ()),
                    audit_labels=audit.ACTIONS, national=national, handover=handover,
                    snapshot_rows=handover.snapshot_rows(item.snapshot) if item.snapshot else [],
                    # Every text in it is escaped by budget_picture itself.
                    budget_svg=Markup(budget_picture.svg(item.snapshot)) if item.snapshot else None,
                    notice=request.args.get("info"))

    @app.post("/rappels/<booking_id:int>/statut")
    async def change_status(request: Request, booking_id: int) -> HTTPResponse:
        user = request.ctx.user
        new = request.form.get("statut") or ""
        note = (request.form.get("note") or "").strip()
        with session_scope() as session:
            booking = _booking(session, booking_id)
            try:
                old = followup.set_followup(session, booking, new)
            except followup.FollowupError:
                return refuse(request, 400, counsellor_text("web.status_impossible"))
            _record(session, user, "status", booking_id,
                    detail=f"{followup.LABELS[old]} → {followup.LABELS[new]}")
            if note:
                followup.add_note(session, booking, user.counsellor_id, user.name, note)
                _record(session, user, "note", booking_id)
        return redirect(f"/rappels/{booking_id}?info=statut", status=303)

    @app.post("/rappels/<booking_id:int>/notes")
    async def add_note(request: Request, booking_id: int) -> HTTPResponse:
        user = request.ctx.user
        with session_scope() as session:
            booking = _booking(session, booking_id)
            try:
                followup.add_note(session, booking, user.counsellor_id, user.name,
                                  request.form.get("note") or "")
            except followup.FollowupError:
                return redirect(f"/rappels/{booking_id}?info=note_vide", status=303)
            _record(session, user, "note", booking_id)
        return redirect(f"/rappels/{booking_id}?info=note", status=303)

    @app.post("/rappels/<booking_id:int>/effacer")
    async def erase(request: Request, booking_id: int) -> HTTPResponse:
        user = request.ctx.user
        if request.form.get("confirmation") != "oui":
            return redirect(f"/rappels/{booking_id}?info=confirmer", status=303)
        with session_scope() as session:
            booking = _booking(session, booking_id)
            erased = erase_person(session, booking.sender_id)
            for erased_id in erased.bookings:
                _record(session, user, "erase", erased_id,
                        detail=counsellor_text("audit.erased_detail", events=erased.events,
                                               notes=erased.notes))
        return redirect("/?info=efface", status=303)

    return app


async def _alert_rounds(settings: Settings) -> None:
    """Every minute, the alerts due to the team (bot/alerts/): never the app's downfall."""
    while True:
        try:
            await asyncio.to_thread(rounds.send_due, settings)
        except Exception as error:
            logger.warning("alert round failed: %s", type(error).__name__)
        await asyncio.sleep(rounds.EVERY_SECONDS)


def _activity_periods(request: Request) -> tuple[By, list[Period]]:
    """The periods asked for: the 12 last weeks, or months with ?par=mois."""
    by: By = "month" if request.args.get("par") == "mois" else "week"
    return by, latest(by)


def _booking(session: Session, booking_id: int) -> Booking:
    """The booking; Gone (a 404 page) when it was erased, never made, or is a number no id can be."""
    booking = session.get(Booking, booking_id) if _in_range(booking_id) else None
    if booking is None:
        raise Gone()
    return booking


def _record(session: Session, user: accounts.SignedIn, action: str, booking_id: int,
            detail: str | None = None) -> None:
    """Audit what the signed-in counsellor did to a handover."""
    audit.record(session, action, counsellor_id=user.counsellor_id, counsellor_name=user.name,
                 booking_id=booking_id, detail=detail)


def _login_page(
    request: Request, secret: bytes, error: str | None = None, status: int = 200, login: str = ""
) -> HTTPResponse:
    # A new token each time, and no cookie: any token this app signed in the last hour is valid,
    # so a browser's background request (a favicon...) cannot spoil the form already shown.
    return page("login.html", request, status=status, csrf=login_form_token(secret), error=error,
                login=login)


def _theme_choices() -> list[tuple[str, str]]:
    return [(key, handover.theme_label(key)) for key in THEMES]


def run(settings: Settings) -> None:
    app = create_app(settings)
    output.quiet_libraries()
    app.run(host=settings.counsellor_host, port=settings.counsellor_port, access_log=False, motd=False,
            workers=1)
