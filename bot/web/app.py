"""The counsellors' web application (French): sign in, the work list, a handover, its
follow-up, notes and erasure.

Built on Sanic, which Rasa already brings, and Jinja2 with autoescaping: whatever a person
wrote in the chat is shown as text, never as HTML. No JavaScript: every action is a form.
Every route but the sign-in page and the stylesheet requires a signed-in counsellor, and every
form a CSRF token tied to the session.
"""
from __future__ import annotations

import datetime as dt
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, file, html, redirect
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot import accounts, audit, followup, handover
from bot.bookings import Booking
from bot.ccas import current_ccas, current_national
from bot.db import session_scope, stored_utc
from bot.erasure import erase_person
from bot.schedule import local_now
from bot.worklist import GROUPS, Row, arrange

HERE = Path(__file__).resolve().parent
COOKIE = "ccas_session"
LOGIN_CSRF_COOKIE = "ccas_login_csrf"
PUBLIC = {"/connexion", "/static/app.css"}
GONE = "Ce rappel n'existe pas, ou les données ont été effacées."
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


def _secure_cookies() -> bool:
    # Off only for local use over plain http (tests, a laptop); on behind HTTPS in production.
    return os.environ.get("COUNSELLOR_COOKIE_SECURE", "1") != "0"


def _set_cookie(response: HTTPResponse, name: str, value: str, max_age: int | None) -> None:
    response.cookies[name] = value
    cookie = response.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/"
    cookie["secure"] = _secure_cookies()
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
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def create_app(name: str = "ccas_counsellors") -> Sanic:
    app = Sanic(name)
    app.config.FORWARDED_SECRET = None
    app.config.REQUEST_MAX_SIZE = 1_000_000

    @app.middleware("request")
    async def require_counsellor(request: Request):
        token = request.cookies.get(COOKIE)
        with session_scope() as session:
            request.ctx.user = accounts.signed_in(session, token)
        if request.path in PUBLIC:
            return None
        if request.ctx.user is None:
            if request.method == "GET":
                return redirect("/connexion", status=303)
            return refuse(request, 403, "Votre session a expiré. Reconnectez-vous pour continuer.")
        if request.method == "POST" and not _same(request.form.get("csrf"), request.ctx.user.csrf_token):
            return refuse(request, 403, "Ce formulaire n'est plus valable. Rechargez la page et recommencez.")
        return None

    @app.get("/static/app.css")
    async def stylesheet(request: Request) -> HTTPResponse:
        return await file(str(HERE / "static" / "app.css"), mime_type="text/css")

    @app.get("/connexion")
    async def login_form(request: Request) -> HTTPResponse:
        if request.ctx.user is not None:
            return redirect("/", status=303)
        return _login_page(request)

    @app.post("/connexion")
    async def login(request: Request) -> HTTPResponse:
        if not _same(request.form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)):
            return _login_page(request, error="Le formulaire a expiré. Réessayez.", status=403)
        login_name = (request.form.get("login") or "").strip()[:120]
        password = request.form.get("password") or ""
        with session_scope() as session:
            pause = accounts.paused_for(session, login_name)
            if pause is not None:
                minutes = max(1, int(pause.total_seconds() // 60) + 1)
                return _login_page(request, status=429, login=login_name, error=(
                    f"Trop d'essais infructueux. Par sécurité, réessayez dans {minutes} minute(s)."))
            counsellor = accounts.authenticate(session, login_name, password)
            if counsellor is None:
                audit.record(session, "login_failed", detail=login_name)
                return _login_page(request, status=401, login=login_name,
                                   error="Identifiant ou mot de passe incorrect.")
            token = accounts.open_session(session, counsellor)
            audit.record(session, "login", counsellor_id=counsellor.id, counsellor_name=counsellor.name)
        response = redirect("/", status=303)
        _set_cookie(response, COOKIE, token, int(accounts.SESSION_LIFETIME.total_seconds()))
        return response

    @app.post("/deconnexion")
    async def logout(request: Request) -> HTTPResponse:
        with session_scope() as session:
            accounts.close_session(session, request.cookies.get(COOKIE))
            audit.record(session, "logout", counsellor_id=request.ctx.user.counsellor_id,
                         counsellor_name=request.ctx.user.name)
        response = redirect("/connexion", status=303)
        _set_cookie(response, COOKIE, "", 0)
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
            still_open = and_(Booking.status == "booked", Booking.followup.in_(followup.OPEN))
            recent = Booking.slot_start >= (now - DONE_HORIZON).astimezone(dt.timezone.utc)
            query = select(Booking).where(Booking.status != "moved", or_(still_open, recent))
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

    @app.get("/rappels/<booking_id:int>")
    async def handover_page(request: Request, booking_id: int) -> HTTPResponse:
        ccas, national = current_ccas(), current_national()
        user = request.ctx.user
        with session_scope() as session:
            booking = session.get(Booking, booking_id)
            if booking is None:
                return refuse(request, 404, GONE)
            item = handover.build(booking, session.get_bind(), ccas, national)
            _record(session, user, "view", booking_id)
            notes = followup.notes_about(session, booking.sender_id)
            trail = audit.trail(session, [booking_id])
            state = booking.followup
        return page("handover.html", request, item=item, state=state, notes=notes, trail=trail,
                    followup_labels=followup.LABELS, next_states=followup.NEXT.get(state, ()),
                    audit_labels=audit.ACTIONS, national=national, handover=handover,
                    snapshot_rows=handover.snapshot_rows(item.snapshot) if item.snapshot else [],
                    notice=request.args.get("info"))

    @app.post("/rappels/<booking_id:int>/statut")
    async def change_status(request: Request, booking_id: int) -> HTTPResponse:
        user = request.ctx.user
        new = request.form.get("statut") or ""
        note = (request.form.get("note") or "").strip()
        with session_scope() as session:
            booking = session.get(Booking, booking_id)
            if booking is None:
                return refuse(request, 404, GONE)
            try:
                old = followup.set_followup(session, booking, new)
            except followup.FollowupError:
                return refuse(request, 400, "Ce changement de statut n'est pas possible.")
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
            booking = session.get(Booking, booking_id)
            if booking is None:
                return refuse(request, 404, GONE)
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
            booking = session.get(Booking, booking_id)
            if booking is None:
                return refuse(request, 404, GONE)
            erased = erase_person(session, booking.sender_id)
            for erased_id in erased.bookings:
                _record(session, user, "erase", erased_id,
                        detail=f"{erased.events} événements, {erased.notes} note(s)")
        return redirect("/?info=efface", status=303)

    return app


def _record(session: Session, user: accounts.SignedIn, action: str, booking_id: int,
            detail: str | None = None) -> None:
    """Audit what the signed-in counsellor did to a handover."""
    audit.record(session, action, counsellor_id=user.counsellor_id, counsellor_name=user.name,
                 booking_id=booking_id, detail=detail)


def _login_page(
    request: Request, error: str | None = None, status: int = 200, login: str = ""
) -> HTTPResponse:
    # Reused while the cookie lives: a browser's background request (a favicon...) reaching the
    # sign-in page must not replace the token of the form already shown.
    csrf = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if len(csrf) < 32:
        csrf = secrets.token_urlsafe(32)
    response = page("login.html", request, status=status, csrf=csrf, error=error, login=login)
    _set_cookie(response, LOGIN_CSRF_COOKIE, csrf, 3600)
    return response


def _theme_choices() -> list[tuple[str, str]]:
    return [(key, handover.theme_label(key)) for key in (
        "housing", "energy", "bank", "credit", "job_loss", "separation", "bereavement", "health", "taxes",
        "food")]


def run(host: str = "127.0.0.1", port: int = 8080) -> None:
    create_app().run(host=host, port=port, access_log=False, motd=False, workers=1)
