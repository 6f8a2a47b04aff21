#!/usr/bin/env bash
# Runs the whole test suite: lint, unit tests, data validation, conversation tests,
# NLU quality on the held-out set, and tests against the real servers over HTTP.
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

ensure_dev_tools

say "Lint (ruff)"
"$VENV/bin/ruff" check bot actions rasa_ext scripts tests migrations

say "Types (mypy, sur bot/ et actions/)"
"$VENV/bin/mypy"

say "Les chiffres donnés aux personnes, avec leur âge et leur source"
"$PY" -m bot facts

say "Tests unitaires (bot/, actions/)"
"$PY" -m pytest -q tests/unit

say "Validation des données Rasa"
"$VENV/bin/rasa" data validate --fail-on-warnings --quiet

ensure_model

say "Tests de conversation (rasa test)"
rm -rf results/stories
"$VENV/bin/rasa" test core --e2e --model "$MODEL" --stories tests/stories \
  --fail-on-prediction-errors --out results/stories --no-plot --quiet

say "Qualité de la compréhension sur le jeu de test jamais vu à l'entraînement"
"$PY" scripts/nlu_quality.py --model "$MODEL" --check

say "Tests de bout en bout contre les vrais serveurs (HTTP)"
"$PY" -m pytest -q tests/integration --model "$MODEL"
