#!/usr/bin/env bash
# Sets everything up if needed, trains the model if none matches the data, and starts the
# action server, the Rasa server and the counsellors' web app (Ctrl+C stops them all).
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

RASA_HOST="${RASA_HOST:-127.0.0.1}"
# Rasa's HTTP API reads and rewrites any conversation. On this machine only (loopback) it is
# on, for the tests and the tools; beyond it, only with a secret checked on every call from a
# header (RASA_JWT_SECRET, "Authorization: Bearer <JWT>"), or off (RASA_API=off).
case "$RASA_HOST" in
  127.*|localhost|::1) loopback=1 ;;
  *) loopback=0 ;;
esac
api=(--enable-api)
if [ "${RASA_API:-on}" = "off" ]; then
  api=()
elif [ -n "${RASA_JWT_SECRET:-}" ]; then
  api+=(--jwt-secret "$RASA_JWT_SECRET" --jwt-method HS256)
elif [ "$loopback" = 0 ]; then
  die "Rasa écouterait sur $RASA_HOST avec son API ouverte : donnez RASA_JWT_SECRET, ou RASA_API=off (voir README, « Sécurité »)."
fi

ensure_venv
ensure_model

RASA_PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
SITE_HOST="${SITE_HOST:-127.0.0.1}"
SITE_PORT="${SITE_PORT:-8000}"
export CHAT_SERVER_URL="${CHAT_SERVER_URL:-http://localhost:$RASA_PORT}"
export CHAT_ALLOWED_ORIGINS="${CHAT_ALLOWED_ORIGINS:-http://localhost:$SITE_PORT,http://127.0.0.1:$SITE_PORT}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$ACTION_PORT/webhook}"
# Rasa's conversations and the project's tables share one database, so that a handover can
# always reach its transcript: a SQLite file by default, PostgreSQL with a postgresql:// URL.
export DATABASE_URL="${DATABASE_URL:-sqlite:///$ROOT/var/ccas.db}"
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
  export REDIS_PORT="${REDIS_PORT:-6379}" REDIS_PASSWORD="${REDIS_PASSWORD:-}" REDIS_DB="${REDIS_DB:-1}"
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

say "Serveur d'actions sur le port $ACTION_PORT"
"$PY" -m actions.server --port "$ACTION_PORT" &
pids+=($!)

if [ -n "${RASA_AUTH_TOKEN:-}" ] && [ "${#api[@]}" -gt 0 ]; then
  api+=(--auth-token "$RASA_AUTH_TOKEN")
elif [ "${#api[@]}" -gt 0 ] && [ -z "${RASA_JWT_SECRET:-}" ]; then
  # Open on this machine without a secret: reading only (rasa_ext/channels/api_guard.py).
  export CCAS_RASA_API_READ_ONLY=1
fi
# Requests beyond 1 MB are refused before being read (Sanic's default is 100 MB).
export SANIC_REQUEST_MAX_SIZE="${SANIC_REQUEST_MAX_SIZE:-1048576}"
say "Serveur Rasa sur http://$RASA_HOST:$RASA_PORT"
"$PY" -m rasa_ext run "${api[@]}" --model "$MODEL" --endpoints "$ENDPOINTS" \
  --credentials credentials.yml --interface "$RASA_HOST" --port "$RASA_PORT" &
pids+=($!)

say "Page publique avec la discussion sur http://localhost:$SITE_PORT"
"$PY" -m bot site --host "$SITE_HOST" --port "$SITE_PORT" &
pids+=($!)

COUNSELLOR_HOST="${COUNSELLOR_HOST:-127.0.0.1}"
COUNSELLOR_PORT="${COUNSELLOR_PORT:-8080}"
say "Application des conseillères sur http://localhost:$COUNSELLOR_PORT"
"$PY" -m bot web --host "$COUNSELLOR_HOST" --port "$COUNSELLOR_PORT" &
pids+=($!)

wait -n "${pids[@]}"
