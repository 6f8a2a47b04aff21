"""Counsellors' accounts: argon2-hashed passwords, a pause after repeated failed logins, and
server-side sessions whose cookie holds only a random token."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, func, select
from sqlalchemy.orm import Session

from bot import clock
from bot.db import Base, stored_utc

HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 12
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=10)  # a working day
# Verified when the login is unknown, so that an unknown login takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash("not a password of anyone")


class Counsellor(Base):
    __tablename__ = "counsellors"

    id = Column(Integer, primary_key=True)
    login = Column(String(120), nullable=False, unique=True)
    name = Column(String(120), nullable=False)
    password_hash = Column(String(255), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())


class LoginFailure(Base):
    __tablename__ = "login_failures"

    id = Column(Integer, primary_key=True)
    login = Column(String(120), nullable=False, index=True)
    at = Column(DateTime(timezone=True), nullable=False)


class WebSession(Base):
    __tablename__ = "web_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)  # sha256 of the cookie's token
    counsellor_id = Column(Integer, ForeignKey("counsellors.id", ondelete="CASCADE"), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    expires_at = Column(DateTime(timezone=True), nullable=False)


class AccountError(ValueError):
    """A login or password that cannot be used; the message is for the administrator."""


@dataclass(frozen=True)
class SignedIn:
    counsellor_id: int
    name: str
    csrf_token: str


def normalize_login(login: str) -> str:
    return login.strip().lower()


def create_counsellor(session: Session, login: str, name: str, password: str) -> Counsellor:
    login = normalize_login(login)
    if not login or len(login) > 120:
        raise AccountError("identifiant vide ou trop long")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"mot de passe trop court : {MIN_PASSWORD_LENGTH} caractères au moins")
    if session.execute(select(Counsellor).where(Counsellor.login == login)).scalar_one_or_none():
        raise AccountError(f"l'identifiant {login} existe déjà")
    counsellor = Counsellor(login=login, name=name.strip() or login, password_hash=HASHER.hash(password))
    session.add(counsellor)
    session.commit()
    return counsellor


def set_password(session: Session, login: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"mot de passe trop court : {MIN_PASSWORD_LENGTH} caractères au moins")
    counsellor = session.execute(
        select(Counsellor).where(Counsellor.login == normalize_login(login))).scalar_one_or_none()
    if counsellor is None:
        raise AccountError(f"aucun compte {login}")
    counsellor.password_hash = HASHER.hash(password)
    session.commit()


def paused_for(session: Session, login: str) -> dt.timedelta | None:
    """How long logins with `login` are paused after too many failures, or None."""
    now = clock.now()
    recent = [
        stored_utc(at) for at in session.execute(
            select(LoginFailure.at).where(LoginFailure.login == normalize_login(login),
                                          LoginFailure.at >= now - FAILURE_WINDOW)
        ).scalars()
    ]
    if len(recent) < MAX_FAILURES:
        return None
    return max(sorted(recent)[-MAX_FAILURES] + FAILURE_WINDOW - now, dt.timedelta(seconds=1))


def authenticate(session: Session, login: str, password: str) -> Counsellor | None:
    """The counsellor if the password is right and logins are not paused; a failure is counted."""
    login = normalize_login(login)
    counsellor = session.execute(select(Counsellor).where(Counsellor.login == login)).scalar_one_or_none()
    try:
        HASHER.verify(counsellor.password_hash if counsellor else _DUMMY_HASH, password)
        valid = counsellor is not None and counsellor.active
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid:
        session.add(LoginFailure(login=login[:120], at=clock.now()))
        session.commit()
        return None
    if HASHER.check_needs_rehash(counsellor.password_hash):
        counsellor.password_hash = HASHER.hash(password)
    session.execute(LoginFailure.__table__.delete().where(LoginFailure.login == login))
    session.commit()
    return counsellor


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, counsellor: Counsellor) -> str:
    """A new session for the counsellor; the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=_hash_token(token), counsellor_id=counsellor.id,
                           csrf_token=secrets.token_urlsafe(32), expires_at=clock.now() + SESSION_LIFETIME))
    session.commit()
    return token


def signed_in(session: Session, token: str | None) -> SignedIn | None:
    if not token:
        return None
    row = session.execute(
        select(WebSession, Counsellor).join(Counsellor, Counsellor.id == WebSession.counsellor_id)
        .where(WebSession.token_hash == _hash_token(token))
    ).first()
    if row is None:
        return None
    web_session, counsellor = row
    if stored_utc(web_session.expires_at) <= clock.now() or not counsellor.active:
        session.delete(web_session)
        session.commit()
        return None
    return SignedIn(counsellor_id=counsellor.id, name=counsellor.name, csrf_token=web_session.csrf_token)


def close_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(WebSession.__table__.delete().where(WebSession.token_hash == _hash_token(token)))
        session.commit()
