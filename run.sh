#!/usr/bin/env bash
# Sets everything up if needed, trains the model if none matches the data, and starts the
# action server, the Rasa server and the counsellors' web app (Ctrl+C stops them all).
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

ensure_venv
# Every setting, with its default, comes from bot/configuration/settings.py (README,
# « Réglages »): exported here for the servers and for Rasa's own files (endpoints.yml).
settings="$("$PY" -m bot settings --shell)" || die "réglages impossibles (voir le message ci-dessus)"
eval "$settings"
ensure_model

# Rasa's conversations and the project's tables share one database, so that a handover can
# always reach its transcript: a SQLite file by default, PostgreSQL with a postgresql:// URL.
mkdir -p "$ROOT/var"
# A figure told to people that is old, or a CCAS number nobody verified, is said loudly here.
if ! facts_out="$("$PY" -m bot facts)"; then die "configuration illisible"; fi
if grep -q "ATTENTION" <<<"$facts_out"; then
  printf '\033[1;31m==> ATTENTION : des chiffres donnés aux personnes sont à vérifier\033[0m\n' >&2
  grep -B1 "ATTENTION" <<<"$facts_out" >&2
  echo "    (détail : .venv/bin/python -m bot facts)" >&2
fi
say "Base de données : mise à jour du schéma"
"$PY" -m bot migrate

# With a Redis server (REDIS_HOST), the production endpoints: several Rasa servers may then
# share the database (README, "Déploiement en production").
ENDPOINTS=endpoints.yml
if [ -n "${REDIS_HOST:-}" ]; then
  ENDPOINTS=deploy/endpoints.yml
fi

# Rasa's HTTP API reads and rewrites any conversation. On this machine only (loopback) it is
# on, read-only without a secret (CCAS_RASA_API_READ_ONLY); beyond it, only with a secret
# checked on every call (RASA_JWT_SECRET), or off (RASA_API=off): the settings refuse the rest.
api=()
if [ "$RASA_API" = 1 ]; then
  api=(--enable-api)
  if [ -n "${RASA_JWT_SECRET:-}" ]; then api+=(--jwt-secret "$RASA_JWT_SECRET" --jwt-method HS256); fi
  if [ -n "${RASA_AUTH_TOKEN:-}" ]; then api+=(--auth-token "$RASA_AUTH_TOKEN"); fi
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

say "Serveur d'actions sur le port $ACTION_PORT"
"$PY" -m actions.server &
pids+=($!)

say "Serveur Rasa sur http://$RASA_HOST:$RASA_PORT"
"$PY" -m rasa_ext run "${api[@]}" --model "$MODEL" --endpoints "$ENDPOINTS" \
  --credentials credentials.yml --interface "$RASA_HOST" --port "$RASA_PORT" &
pids+=($!)

say "Page publique avec la discussion sur http://localhost:$SITE_PORT"
"$PY" -m bot site &
pids+=($!)

say "Application des conseillères sur http://localhost:$COUNSELLOR_PORT"
"$PY" -m bot web &
pids+=($!)

wait -n "${pids[@]}"
