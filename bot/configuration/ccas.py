"""The CCAS configuration: name, phone, opening hours, holidays, partners, national facts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.configuration.settings import load_settings

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ConfigError(ValueError):
    """The configuration file is missing a field or has a malformed value."""


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    kind: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A figure that can change, with when and against what it was last checked."""

    name: str
    value: str
    checked: dt.date | None
    source: str
    verified: bool = True

    def age_days(self, today: dt.date) -> int | None:
        return None if self.checked is None else (today - self.checked).days


@dataclass(frozen=True)
class Emergency:
    number: str
    # Numbers to call when in danger right now, most specific first.
    danger: tuple[str, ...] = ()
    sms: str | None = None


@dataclass(frozen=True)
class National:
    emergency: dict[str, Emergency]
    banque_de_france_phone: str
    unpaid_rent_phone: str
    winter_truce_start: tuple[int, int]
    winter_truce_end: tuple[int, int]
    # RSA base amount for one person: the least a commission leaves a household (scaled below).
    rsa_amount: float
    rsa_since: dt.date
    # The RSA household scale (CASF R.262-1), as shares of the one-person amount.
    rsa_second_person: float = 0.5
    rsa_further_person: float = 0.3
    rsa_from_third_child: float = 0.4
    banque_de_france_hours: str = ""
    victims_phone: str = ""
    energy_info_phone: str = ""
    data_retention_days: int = 730
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Ccas:
    id: str
    name: str
    service_name: str
    city: str
    # The number given to people: the configured one once verified, else a pointer to the city's
    # own site (an unverified number is never given to a person in difficulty).
    phone: str
    timezone: ZoneInfo
    # Index 0 = Monday; each day is a tuple of (start, end) local times.
    opening_hours: tuple[tuple[tuple[dt.time, dt.time], ...], ...]
    holiday_country: str
    holiday_subdivision: str | None
    closures: frozenset[dt.date]
    slot_minutes: int
    counsellors_per_slot: int
    # How far ahead a callback can be booked, in days: "le lundi 28 décembre", asked in November.
    booking_days: int = 42
    partners: tuple[Partner, ...] = field(default=())
    # Local organisations that send people here without being partners (social landlords...):
    # named in the handover when the person says they were sent by one.
    referrers: tuple[Partner, ...] = field(default=())
    facts: tuple[Fact, ...] = ()

    @property
    def phone_verified(self) -> bool:
        return all(f.verified for f in self.facts if f.name == "phone")


def _require(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] in (None, ""):
        raise ConfigError(f"{where}: missing field '{key}'")
    return data[key]


def _parse_time(value: str, where: str) -> dt.time:
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: '{value}' is not a time like 09:00") from exc


def _parse_hours(raw: dict[str, Any], where: str) -> tuple[tuple[tuple[dt.time, dt.time], ...], ...]:
    unknown = set(raw) - set(WEEKDAYS)
    if unknown:
        raise ConfigError(f"{where}: unknown days {sorted(unknown)}")
    days = []
    for day in WEEKDAYS:
        ranges = []
        for pair in raw.get(day) or []:
            start, end = (_parse_time(v, f"{where}.{day}") for v in pair)
            if end <= start:
                raise ConfigError(f"{where}.{day}: {start} is not before {end}")
            ranges.append((start, end))
        days.append(tuple(sorted(ranges)))
    return tuple(days)


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: '{value}' is not a date like 2026-04-01") from exc


def _fact(name: str, value: Any, entry: dict[str, Any], where: str) -> Fact:
    return Fact(name=name, value=str(value), checked=_date(entry.get("checked"), f"{where}.checked"),
                source=str(entry.get("source") or ""), verified=bool(entry.get("verified", True)))


# Said instead of an unverified CCAS number, where a text reads "appeler les conseillères au ...".
UNVERIFIED_PHONE = "numéro indiqué sur le site de la ville de {city}"


def parse_ccas(data: dict[str, Any], where: str = "ccas") -> Ccas:
    hours = _parse_hours(_require(data, "opening_hours", where), f"{where}.opening_hours")
    holidays_cfg = data.get("holidays") or {}
    callbacks = data.get("callbacks") or {}
    city = str(_require(data, "city", where))
    phone_entry = data.get("phone_check") or {}
    phone_fact = _fact("phone", _require(data, "phone", where), phone_entry, f"{where}.phone_check")
    return Ccas(
        id=str(_require(data, "id", where)),
        name=str(_require(data, "name", where)),
        service_name=str(_require(data, "service_name", where)),
        city=city,
        phone=phone_fact.value if phone_fact.verified else UNVERIFIED_PHONE.format(city=city),
        facts=(phone_fact,),
        timezone=ZoneInfo(str(data.get("timezone", "Europe/Paris"))),
        opening_hours=hours,
        holiday_country=str(holidays_cfg.get("country", "FR")),
        holiday_subdivision=holidays_cfg.get("subdivision"),
        closures=frozenset(dt.date.fromisoformat(str(d)) for d in data.get("closures") or []),
        slot_minutes=int(callbacks.get("slot_minutes", 30)),
        counsellors_per_slot=int(callbacks.get("counsellors_per_slot", 1)),
        booking_days=_booking_days(callbacks.get("booking_days", 42), f"{where}.callbacks.booking_days"),
        partners=_organisations(data.get("partners")),
        referrers=_organisations(data.get("referrers")),
    )


def _booking_days(value: Any, where: str) -> int:
    days = int(value)
    if not 7 <= days <= 120:
        raise ConfigError(f"{where}: {days} days; between 7 and 120 days ahead")
    return days


def _organisations(listed: Any) -> tuple[Partner, ...]:
    return tuple(
        Partner(
            id=str(p["id"]),
            name=str(p["name"]),
            kind=str(p.get("kind", "other")),
            keywords=tuple(p.get("keywords") or ()),
        )
        for p in listed or []
    )


def _month_day(value: str, where: str) -> tuple[int, int]:
    try:
        month, day = (int(x) for x in str(value).split("-"))
        dt.date(2024, month, day)  # leap year: accepts 02-29
    except ValueError as exc:
        raise ConfigError(f"{where}: '{value}' is not a month-day like 11-01") from exc
    return month, day


def parse_national(data: dict[str, Any], where: str = "national") -> National:
    raw_emergency = _require(data, "emergency", where)
    emergency = {
        kind: Emergency(
            number=str(v["number"]),
            danger=tuple(str(n) for n in v.get("danger") or ()),
            sms=v.get("sms"),
        )
        for kind, v in raw_emergency.items()
    }
    for kind in ("suicide", "violence", "shelter", "child"):
        if kind not in emergency:
            raise ConfigError(f"{where}.emergency: missing '{kind}'")
    truce = _require(data, "winter_truce", where)
    rsa = _require(data, "rsa", where)
    bdf = _require(data, "banque_de_france", where)
    rent = _require(data, "unpaid_rent", where)
    victims = data.get("victims") or {}
    energy_info = data.get("energy_info") or {}
    retention = data.get("data_retention") or {}
    since = _date(_require(rsa, "since", f"{where}.rsa"), f"{where}.rsa.since")
    facts = [
        *(_fact(f"emergency.{kind}", v["number"], v, f"{where}.emergency.{kind}")
          for kind, v in raw_emergency.items()),
        _fact("victims", victims.get("phone", ""), victims, f"{where}.victims"),
        _fact("banque_de_france", f"{bdf.get('phone')} ({bdf.get('hours', '')})", bdf,
              f"{where}.banque_de_france"),
        _fact("unpaid_rent", rent.get("phone"), rent, f"{where}.unpaid_rent"),
        _fact("energy_info", energy_info.get("phone", ""), energy_info, f"{where}.energy_info"),
        _fact("winter_truce", f"{truce['start']} / {truce['end']}", truce, f"{where}.winter_truce"),
        _fact("rsa", f"{rsa['amount']} € depuis le {since}", rsa, f"{where}.rsa"),
        _fact("data_retention", f"{retention.get('days', 730)} jours", retention, f"{where}.data_retention"),
    ]
    return National(
        emergency=emergency,
        banque_de_france_phone=str(_require(bdf, "phone", f"{where}.banque_de_france")),
        banque_de_france_hours=str(bdf.get("hours") or ""),
        unpaid_rent_phone=str(_require(rent, "phone", f"{where}.unpaid_rent")),
        victims_phone=str(victims.get("phone") or ""),
        energy_info_phone=str(energy_info.get("phone") or ""),
        winter_truce_start=_month_day(truce["start"], f"{where}.winter_truce.start"),
        winter_truce_end=_month_day(truce["end"], f"{where}.winter_truce.end"),
        rsa_amount=float(_require(rsa, "amount", f"{where}.rsa")),
        rsa_since=since or dt.date.min,
        rsa_second_person=float(rsa.get("second_person", 0.5)),
        rsa_further_person=float(rsa.get("further_person", 0.3)),
        rsa_from_third_child=float(rsa.get("from_third_child", 0.4)),
        data_retention_days=int(retention.get("days", 730)),
        facts=tuple(f for f in facts if f.value),
    )


def _load_yaml(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"configuration file not found: {path}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def load_ccas(path: Path) -> Ccas:
    return parse_ccas(_load_yaml(path), where=str(path))


def load_national(path: Path) -> National:
    return parse_national(_load_yaml(path), where=str(path))


@lru_cache(maxsize=1)
def current_ccas() -> Ccas:
    """The CCAS this process serves (CCAS_CONFIG), read once."""
    return load_ccas(load_settings().ccas_config)


@lru_cache(maxsize=1)
def current_national() -> National:
    return load_national(load_settings().national_config)
