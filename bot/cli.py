"""Command line for counsellors and administrators.

    python -m bot migrate                      bring the database to the latest schema
    python -m bot handovers list [--json]      callbacks to come (from today)
    python -m bot handovers show ID [--json]   one handover, with its transcript
    python -m bot counsellors add LOGIN --name NAME   create a counsellor's account (asks the password)
    python -m bot counsellors password LOGIN   set a new password (ends the account's sessions)
    python -m bot counsellors disable LOGIN    no more sign-in, open sessions end at once
    python -m bot counsellors enable LOGIN     the account can sign in again
    python -m bot counsellors list
    python -m bot web [--host H] [--port P]    the counsellors' web app
    python -m bot site [--host H] [--port P]   the public page with the chat widget
    python -m bot purge [--days N] [--dry-run] delete data older than the retention period
    python -m bot facts                        the figures told to people, with their age and source
    python -m bot settings [--shell]           the settings in force (run.sh reads them with --shell)
    python -m bot stats [--par mois] [--csv]   the activity figures, no personal data
    python -m bot alerts                       send the alerts due to the team (SMTP_HOST, ALERT_TO)
"""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from bot.callbacks import bookings
from bot.callbacks.schedule import local_now
from bot.configuration.ccas import current_ccas, current_national
from bot.configuration.settings import Settings, SettingsError, load_settings, shell_exports
from bot.handovers import handover
from bot.storage import accounts, audit
from bot.storage.db import database_url, session_scope


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
    counsellors = commands.add_parser("counsellors", help="comptes des conseillères")
    manage = counsellors.add_subparsers(dest="action", required=True)
    add = manage.add_parser("add", help="crée un compte")
    add.add_argument("login")
    add.add_argument("--name", required=True, help="nom affiché, par exemple « Claire M. »")
    add.add_argument("--password-stdin", action="store_true",
                     help="lit le mot de passe sur l'entrée standard")
    password = manage.add_parser("password", help="change le mot de passe d'un compte")
    password.add_argument("login")
    password.add_argument("--password-stdin", action="store_true")
    disable = manage.add_parser("disable", help="désactive un compte : ses sessions ouvertes se ferment")
    disable.add_argument("login")
    enable = manage.add_parser("enable", help="réactive un compte désactivé")
    enable.add_argument("login")
    manage.add_parser("list", help="liste les comptes")
    web = commands.add_parser("web", help="l'application web des conseillères")
    web.add_argument("--host", help="COUNSELLOR_HOST par défaut")
    web.add_argument("--port", type=int, help="COUNSELLOR_PORT par défaut")
    purge = commands.add_parser("purge", help="efface les données après la durée de conservation")
    purge.add_argument("--days", type=int,
                       help="durée de conservation en jours (config/national.yml par défaut)")
    purge.add_argument("--dry-run", action="store_true", help="compte sans rien effacer")
    commands.add_parser("facts", help="les chiffres donnés aux personnes, avec leur âge et leur source")
    site = commands.add_parser("site", help="la page publique avec la fenêtre de discussion")
    site.add_argument("--host", help="SITE_HOST par défaut")
    site.add_argument("--port", type=int, help="SITE_PORT par défaut")
    commands.add_parser("alerts", help="envoie les alertes dues à l'équipe (rappel urgent), par e-mail")
    stats = commands.add_parser("stats", help="les chiffres de l'activité, sans donnée personnelle")
    stats.add_argument("--par", choices=("semaine", "mois"), default="semaine",
                       help="par semaine (12 dernières) ou par mois (12 derniers)")
    stats.add_argument("--csv", action="store_true", help="sortie CSV (séparateur ;)")
    shown = commands.add_parser("settings", help="les réglages en vigueur, lus dans l'environnement")
    shown.add_argument("--shell", action="store_true", help="en lignes « export NOM=valeur » pour run.sh")
    return parser


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Encore une fois : ") != first:
        raise accounts.AccountError("les deux mots de passe sont différents")
    return first


def _sessions_ended(count: int) -> str:
    if not count:
        return "Aucune session n'était ouverte."
    return f"{count} session(s) ouverte(s) fermée(s)."


def _change_account(session: Session, args: argparse.Namespace) -> None:
    login = accounts.normalize_login(args.login)
    if args.action in ("disable", "enable"):
        active = args.action == "enable"
        ended = accounts.set_active(session, login, active)
        audit.record(session, "account_enabled" if active else "account_disabled", detail=login)
        done = "réactivé." if active else f"désactivé. {_sessions_ended(ended)}"
        print(f"Compte {login} {done}")
        return
    password = _read_password(args.password_stdin)
    if args.action == "add":
        accounts.create_counsellor(session, login, args.name, password)
        print(f"Compte {login} créé.")
        return
    ended = accounts.set_password(session, login, password)
    audit.record(session, "password_changed", detail=login)
    print(f"Mot de passe changé. {_sessions_ended(ended)}")


def _counsellors(args: argparse.Namespace) -> int:
    with session_scope() as session:
        if args.action == "list":
            query = select(accounts.Counsellor).order_by(accounts.Counsellor.login)
            for counsellor in session.execute(query).scalars():
                state = "actif" if counsellor.active else "désactivé"
                print(f"{counsellor.login:<30} {counsellor.name:<30} {state}")
            return 0
        try:
            _change_account(session, args)
        except accounts.AccountError as error:
            print(f"Impossible : {error}.", file=sys.stderr)
            return 1
    return 0


def _purge(days: int | None, dry_run: bool) -> int:
    from bot.storage.retention import purge

    national = current_national()
    retention = days if days is not None else national.data_retention_days
    if retention < 1:
        print("La durée de conservation doit être d'au moins un jour.", file=sys.stderr)
        return 1
    with session_scope() as session:
        done = purge(session, local_now(current_ccas()), retention, dry_run=dry_run)
    if dry_run:
        print(f"{done.persons} personne(s) à effacer (plus de {retention} jours sans contact).")
    else:
        print(f"{done.persons} personne(s) effacée(s) : {done.events} événements, {done.bookings} rappel(s), "
              f"{done.notes} note(s).")
    return 0


def _facts() -> int:
    """Lists every changeable fact; exit 0 even with warnings (they ask a person to check)."""
    from bot.configuration.ccas import load_ccas
    from bot.configuration.settings import CONFIG_DIR
    from bot.wording.facts import render, review

    ccas_list = [load_ccas(path) for path in sorted((CONFIG_DIR / "ccas").glob("*.yml"))]
    print(render(review(current_national(), ccas_list, local_now(current_ccas()).date())))
    return 0


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


def _settings(args: argparse.Namespace) -> Settings:
    """The settings from the environment, with --host and --port when given."""
    settings = load_settings()
    if args.command == "web":
        return replace(settings, counsellor_host=args.host or settings.counsellor_host,
                       counsellor_port=args.port or settings.counsellor_port)
    if args.command == "site":
        return replace(settings, site_host=args.host or settings.site_host,
                       site_port=args.port or settings.site_port)
    return settings


def _stats(by_words: str, as_csv: bool) -> int:
    from bot.activity import report
    from bot.activity.figures import latest

    spans = latest("month" if by_words == "mois" else "week")
    print(report.as_csv(spans) if as_csv else report.as_text(spans), end="" if as_csv else "\n")
    return 0


def _show_settings(settings: Settings, shell: bool) -> int:
    if shell:
        print(shell_exports(settings))
        return 0
    for line in shell_exports(settings, fresh_token=False).splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        if name.endswith(("_SECRET", "_TOKEN", "_PASSWORD", "SECRET_KEY")) and value not in ("", "''"):
            value = "(donné)"
        print(f"{name:<26} {value}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
    except SettingsError as error:
        print(f"Réglage impossible : {error}", file=sys.stderr)
        return 2
    if args.command == "settings":
        return _show_settings(settings, args.shell)
    if args.command == "alerts":
        from bot.alerts import rounds

        if not rounds.enabled(settings):
            print("Alertes éteintes : donnez SMTP_HOST et ALERT_TO.", file=sys.stderr)
            return 2
        print(f"{rounds.send_due(settings)} alerte(s) envoyée(s).")
        return 0
    if args.command == "stats":
        return _stats(args.par, args.csv)
    if args.command == "migrate":
        from bot.storage.migrate import upgrade

        upgrade()
        print("Base de données à jour.")
        return 0
    if args.command == "web":
        from bot.web.app import run

        run(settings)
        return 0
    if args.command == "purge":
        return _purge(args.days, args.dry_run)
    if args.command == "facts":
        return _facts()
    if args.command == "site":
        from bot.site.app import run as run_site

        run_site(settings)
        return 0
    try:
        if args.command == "counsellors":
            return _counsellors(args)
        if args.action == "list":
            return _list(args.json, args.since)
        return _show(args.id, args.json)
    except DatabaseError as error:
        print(f"Impossible de lire la base de données ({database_url().split('://')[0]}) : "
              f"{error.orig or error}. A-t-elle été initialisée avec « python -m bot migrate » ?",
              file=sys.stderr)
        return 2
