# Shared by run.sh and test.sh: set up the virtual environment and the model when needed.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=2
export SQLALCHEMY_SILENCE_UBER_WARNING=1
# Rasa 3.6 and its dependencies print many deprecation warnings that say nothing about this project.
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore::DeprecationWarning}"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

# Optional channels read these from credentials.yml; empty leaves the SMS channel off.
export TWILIO_ACCOUNT_SID="${TWILIO_ACCOUNT_SID:-}" TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN:-}"
export TWILIO_NUMBER="${TWILIO_NUMBER:-}" TWILIO_WEBHOOK_URL="${TWILIO_WEBHOOK_URL:-}"
export TWILIO_API_BASE="${TWILIO_API_BASE:-https://api.twilio.com}"

# pip warns about every package for each index folder that this machine's pip configuration
# names and lacks ("WARNING: Location ... is ignored"): noise, not news. Everything else stays.
quiet_pip() {
  "$@" 2> >(grep -v "^WARNING: Location '.*' is ignored" >&2)
}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'Erreur : %s\n' "$*" >&2; exit 1; }

# Rasa 3.6 needs Python 3.8-3.10. Try an explicit choice, then the usual places.
find_python310() {
  local candidates=("${PYTHON310:-}" python3.10)
  if command -v pyenv >/dev/null 2>&1; then
    candidates+=("$(pyenv root)"/versions/3.10*/bin/python3.10)
  fi
  candidates+=("$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10)
  local c
  for c in "${candidates[@]}"; do
    [ -n "$c" ] || continue
    if "$c" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
      command -v "$c" 2>/dev/null || echo "$c"
      return 0
    fi
  done
  return 1
}

# Creates .venv and installs what the services run on (requirements.txt), again only when that
# lock changes. Each step is said; pip's own noise is not.
ensure_venv() {
  local stamp="$VENV/.requirements.sha256" want
  want="$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)"
  if [ -x "$PY" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  if [ ! -x "$PY" ]; then
    local python
    python="$(find_python310)" || die "Python 3.10 est introuvable (Rasa 3.6 en a besoin). Installez-le (par exemple avec pyenv), ou indiquez son chemin dans la variable PYTHON310."
    say "Installation 1/3 : environnement Python ($python)"
    "$python" -m venv "$VENV"
  fi
  say "Installation 2/3 : dépendances (requirements.txt, environ 3 minutes et 3 Go la première fois)"
  quiet_pip "$PY" -m pip install --quiet --upgrade "pip<25"
  quiet_pip "$PY" -m pip install --quiet -r "$ROOT/requirements.txt"
  say "Installation 3/3 : vérification des versions"
  quiet_pip "$PY" -m pip check >/dev/null
  echo "$want" > "$stamp"
}

# Adds what the tests and checks need (requirements-dev.txt): ./test.sh only, never production.
ensure_dev_tools() {
  ensure_venv
  local stamp="$VENV/.requirements-dev.sha256" want
  want="$(sha256sum "$ROOT/requirements-dev.txt" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "Installation des outils de test (requirements-dev.txt)"
  quiet_pip "$PY" -m pip install --quiet -r "$ROOT/requirements-dev.txt"
  quiet_pip "$PY" -m pip check >/dev/null
  echo "$want" > "$stamp"
}

# A model is named after a hash of what it is trained from; train only when none matches.
model_fingerprint() {
  (cd "$ROOT" && cat config.yml domain.yml requirements.txt $(find data -type f -name '*.yml' | sort)) \
    | sha256sum | cut -c1-12
}

ensure_model() {
  MODEL="$ROOT/models/ccas-$(model_fingerprint).tar.gz"
  if [ -f "$MODEL" ]; then
    return 0
  fi
  say "Entraînement du modèle (environ 10 minutes sur 2 cœurs)"
  local start=$SECONDS
  (cd "$ROOT" && "$PY" -m rasa_ext train --quiet --config config.yml --domain domain.yml --data data \
     --out models --fixed-model-name "$(basename "$MODEL" .tar.gz)")
  say "Modèle entraîné en $((SECONDS - start)) s : $MODEL"
  echo "$(date -u +%F) $(basename "$MODEL") $((SECONDS - start)) s, $(nproc) cœurs" >> "$ROOT/models/training-times.txt"
  export MODEL
}
