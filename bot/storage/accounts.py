"""Counsellors' accounts: argon2-hashed passwords, sign-ins slowed down after failed attempts
(per client address and per login, never a lockout of the account), and server-side sessions
whose cookie holds only a random token."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, delete, func, select
from sqlalchemy.orm import Session

from bot.callbacks import clock
from bot.storage.db import Base, stored_utc

HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 12
SESSION_LIFETIME = dt.timedelta(hours=10)  # a working day
# Failed sign-ins older than this are forgotten by the throttling (the purge deletes them later).
FAILURE_MEMORY = dt.timedelta(hours=1)
# Each address counts at most this many failures towards a login's own slowing down: one address
# alone (an attacker's) never slows the login down for the counsellor at her own desk.
ADDRESS_SHARE = 3
# What failures with a login no account has are counted under (no login can be empty).
UNKNOWN = ""
# Verified when the login is unknown, so that an unknown login takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash("not a password of anyone")


@dataclass(frozen=True)
class Backoff:
    """Failed sign-ins allowed freely, then a wait after the latest that doubles with each more."""

    free: int
    first_wait: dt.timedelta
    longest_wait: dt.timedelta

    def wait(self, failures: int) -> dt.timedelta:
        if failures < self.free:
            return dt.timedelta(0)
        return min(self.first_wait * 2 ** min(failures - self.free, 30), self.longest_wait)


# Ten attempts an hour are enough for anyone mistyping, several counsellors behind one office
# address included; past them, 2 s, 4 s, 8 s... up to 15 minutes between two attempts.
PER_ADDRESS = Backoff(free=10, first_wait=dt.timedelta(seconds=2), longest_wait=dt.timedelta(minutes=15))
# A login attacked from many addresses at once (at least four: see ADDRESS_SHARE).
PER_LOGIN = Backoff(free=10, first_wait=dt.timedelta(seconds=2), longest_wait=dt.timedelta(minutes=15))


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
    # The login if an account has it, else UNKNOWN: what was typed may be a password.
    login = Column(String(120), nullable=False, index=True)
    # Where the attempt came from (see bot.web.app.client_address); NULL before migration 0004.
    address = Column(String(64), nullable=True, index=True)
    at = Column(DateTime(timezone=True), nullable=False, index=True)


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


def find(session: Session, login: str) -> Counsellor | None:
    return session.execute(
        select(Counsellor).where(Counsellor.login == normalize_login(login))).scalar_one_or_none()


def _existing(session: Session, login: str) -> Counsellor:
    counsellor = find(session, login)
    if counsellor is None:
        raise AccountError(f"aucun compte {login}")
    return counsellor


def set_password(session: Session, login: str, password: str) -> int:
    """A new password; every open session of the account ends (a password is changed because it
    may be known to someone else). The number of sessions ended."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"mot de passe trop court : {MIN_PASSWORD_LENGTH} caractères au moins")
    counsellor = _existing(session, login)
    counsellor.password_hash = HASHER.hash(password)
    ended = end_sessions(session, counsellor.id)
    session.commit()
    return ended


def set_active(session: Session, login: str, active: bool) -> int:
    """Enable or disable an account. A disabled account cannot sign in and its open sessions end
    at once. The number of sessions ended."""
    counsellor = _existing(session, login)
    counsellor.active = active
    ended = 0 if active else end_sessions(session, counsellor.id)
    session.commit()
    return ended


def end_sessions(session: Session, counsellor_id: int, keep_token: str | None = None) -> int:
    """End the counsellor's sessions, but the one whose cookie holds `keep_token` if given."""
    query = delete(WebSession).where(WebSession.counsellor_id == counsellor_id)
    if keep_token:
        query = query.where(WebSession.token_hash != _hash_token(keep_token))
    return session.execute(query).rowcount


def throttled_for(session: Session, address: str, login: str) -> dt.timedelta | None:
    """How long a sign-in from `address` with `login` must wait after recent failures, or None.

    Two counts, the longer wait wins: the failures from this address (whatever the login), and
    the failures with this login from all addresses, each address counting ADDRESS_SHARE at
    most. So an attacker is slowed down at his address, while the counsellor signs in from hers.
    """
    now = clock.now()
    recent = (LoginFailure.at > now - FAILURE_MEMORY, LoginFailure.at <= now)
    by_address = session.execute(
        select(func.count(), func.max(LoginFailure.at)).where(LoginFailure.address == address, *recent)
    ).one()
    by_login = session.execute(
        select(func.count(), func.max(LoginFailure.at))
        .where(LoginFailure.login == _failure_login(session, login), *recent)
        .group_by(LoginFailure.address)
    ).all()
    waits = [_remaining(PER_ADDRESS.wait(by_address[0]), by_address[1], now),
             _remaining(PER_LOGIN.wait(sum(min(count, ADDRESS_SHARE) for count, _ in by_login)),
                        max((stored_utc(last) for _, last in by_login if last is not None), default=None),
                        now)]
    longest = max(waits)
    return longest if longest > dt.timedelta(0) else None


def _remaining(wait: dt.timedelta, last: dt.datetime | None, now: dt.datetime) -> dt.timedelta:
    if not wait or last is None:
        return dt.timedelta(0)
    return max(stored_utc(last) + wait - now, dt.timedelta(0))


def _failure_login(session: Session, login: str) -> str:
    # Unknown logins share one count: slowed down alike, they tell nothing of which accounts exist.
    return normalize_login(login) if find(session, login) is not None else UNKNOWN


def verify_password(password_hash: str, password: str) -> bool:
    """argon2: some 50 ms of CPU and 64 MiB. The web app calls it from a worker thread."""
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(
    session: Session, login: str, password: str, address: str | None = None
) -> Counsellor | None:
    """The counsellor if the password is right and the account active; else None, and the
    failure is counted against `address` and `login`. Blocks for the argon2 verification."""
    login = normalize_login(login)
    counsellor = find(session, login)
    right = verify_password(counsellor.password_hash if counsellor else _DUMMY_HASH, password)
    if not (right and counsellor is not None and counsellor.active):
        session.add(LoginFailure(login=login if counsellor else UNKNOWN, address=address, at=clock.now()))
        session.commit()
        return None
    if HASHER.check_needs_rehash(counsellor.password_hash):
        counsellor.password_hash = HASHER.hash(password)
    # Only this address's failures: an attacker's elsewhere keep slowing him down.
    session.execute(delete(LoginFailure).where(LoginFailure.login == login, LoginFailure.address == address))
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
