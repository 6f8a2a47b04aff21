"""The CCAS configuration: name, phone, opening hours, holidays, partners, national facts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.settings import load_settings

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
    living_budget_floor: float
    # Household scale of the floor, as shares of the one-person amount.
    floor_second_person: float = 0.5
    floor_third_and_fourth: float = 0.3
    floor_from_fifth: float = 0.4
    data_retention_days: int = 730


@dataclass(frozen=True)
class Ccas:
    id: str
    name: str
    service_name: str
    city: str
    phone: str
    timezone: ZoneInfo
    # Index 0 = Monday; each day is a tuple of (start, end) local times.
    opening_hours: tuple[tuple[tuple[dt.time, dt.time], ...], ...]
    holiday_country: str
    holiday_subdivision: str | None
    closures: frozenset[dt.date]
    slot_minutes: int
    counsellors_per_slot: int
    partners: tuple[Partner, ...] = field(default=())


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


def parse_ccas(data: dict[str, Any], where: str = "ccas") -> Ccas:
    hours = _parse_hours(_require(data, "opening_hours", where), f"{where}.opening_hours")
    holidays_cfg = data.get("holidays") or {}
    callbacks = data.get("callbacks") or {}
    return Ccas(
        id=str(_require(data, "id", where)),
        name=str(_require(data, "name", where)),
        service_name=str(_require(data, "service_name", where)),
        city=str(_require(data, "city", where)),
        phone=str(_require(data, "phone", where)),
        timezone=ZoneInfo(str(data.get("timezone", "Europe/Paris"))),
        opening_hours=hours,
        holiday_country=str(holidays_cfg.get("country", "FR")),
        holiday_subdivision=holidays_cfg.get("subdivision"),
        closures=frozenset(dt.date.fromisoformat(str(d)) for d in data.get("closures") or []),
        slot_minutes=int(callbacks.get("slot_minutes", 30)),
        counsellors_per_slot=int(callbacks.get("counsellors_per_slot", 1)),
        partners=tuple(
            Partner(
                id=str(p["id"]),
                name=str(p["name"]),
                kind=str(p.get("kind", "other")),
                keywords=tuple(p.get("keywords") or ()),
            )
            for p in data.get("partners") or []
        ),
    )


def _month_day(value: str, where: str) -> tuple[int, int]:
    try:
        month, day = (int(x) for x in str(value).split("-"))
        dt.date(2024, month, day)  # leap year: accepts 02-29
    except ValueError as exc:
        raise ConfigError(f"{where}: '{value}' is not a month-day like 11-01") from exc
    return month, day


def parse_national(data: dict[str, Any], where: str = "national") -> National:
    emergency = {
        kind: Emergency(
            number=str(v["number"]),
            danger=tuple(str(n) for n in v.get("danger") or ()),
            sms=v.get("sms"),
        )
        for kind, v in _require(data, "emergency", where).items()
    }
    for kind in ("suicide", "violence", "shelter", "child"):
        if kind not in emergency:
            raise ConfigError(f"{where}.emergency: missing '{kind}'")
    truce = _require(data, "winter_truce", where)
    floor = _require(data, "living_budget_floor", where)
    return National(
        emergency=emergency,
        banque_de_france_phone=str(_require(data, "banque_de_france_phone", where)),
        unpaid_rent_phone=str(_require(data, "unpaid_rent_phone", where)),
        winter_truce_start=_month_day(truce["start"], f"{where}.winter_truce.start"),
        winter_truce_end=_month_day(truce["end"], f"{where}.winter_truce.end"),
        living_budget_floor=float(floor["amount"]),
        floor_second_person=float(floor.get("second_person", 0.5)),
        floor_third_and_fourth=float(floor.get("third_and_fourth", 0.3)),
        floor_from_fifth=float(floor.get("from_fifth", 0.4)),
        data_retention_days=int(data.get("data_retention_days", 730)),
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
