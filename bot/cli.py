"""Command line for counsellors and administrators.

    python -m bot migrate                      bring the database to the latest schema
    python -m bot handovers list [--json]      callbacks to come (from today)
    python -m bot handovers show ID [--json]   one handover, with its transcript
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from sqlalchemy.exc import DatabaseError

from bot import bookings, handover
from bot.ccas import current_ccas, current_national
from bot.db import database_url, session_scope
from bot.schedule import local_now


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Assistant budget du CCAS")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="met la base de données au dernier schéma")
    handovers = commands.add_parser("handovers", help="les rappels et leurs dossiers de transmission")
    actions = handovers.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="les rappels à venir")
    listing.add_argument("--json", action="store_true", help="sortie JSON")
    listing.add_argument("--since", help="date de début (AAAA-MM-JJ), aujourd'hui par défaut")
    show = actions.add_parser("show", help="un dossier de transmission")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true", help="sortie JSON")
    return parser


def _since(value: str | None) -> dt.datetime:
    ccas = current_ccas()
    day = dt.date.fromisoformat(value) if value else local_now(ccas).date()
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=ccas.timezone)


def _list(as_json: bool, since: str | None) -> int:
    ccas, national = current_ccas(), current_national()
    with session_scope() as session:
        found = [handover.build(b, session.get_bind(), ccas, national)
                 for b in bookings.upcoming(session, _since(since))]
    if as_json:
        rows = []
        for item in found:
            row = handover.to_json(item)
            row.pop("transcript")
            rows.append(row)
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("Aucun rappel prévu.")
        return 0
    for item in found:
        who = item.pseudonym or "prénom non donné"
        flags = f" · {len(item.urgency_flags)} signalement(s)" if item.urgency_flags else ""
        shared = "" if item.consent else " · conversation non partagée"
        print(f"n° {item.id:<5} {handover.when_fr(item.callback_at):<34} {who}, {item.phone}{flags}{shared}")
    return 0


def _show(booking_id: int, as_json: bool) -> int:
    ccas, national = current_ccas(), current_national()
    with session_scope() as session:
        item = handover.load(session, booking_id, ccas, national)
    if item is None:
        print(f"Aucun rappel n° {booking_id}.", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(handover.to_json(item), ensure_ascii=False, indent=2))
    else:
        print(handover.render_text(item, national))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "migrate":
        from bot.migrate import upgrade

        upgrade()
        print("Base de données à jour.")
        return 0
    try:
        if args.action == "list":
            return _list(args.json, args.since)
        return _show(args.id, args.json)
    except DatabaseError as error:
        print(f"Impossible de lire la base de données ({database_url().split('://')[0]}) : "
              f"{error.orig or error}. A-t-elle été initialisée avec « python -m bot migrate » ?",
              file=sys.stderr)
        return 2
