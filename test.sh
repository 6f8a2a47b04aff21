#!/usr/bin/env bash
# Runs the test suite, in two tiers (README, « Tests »):
#   ./test.sh --fast   lint, types, facts, unit tests: no model, no server (the inner loop)
#   ./test.sh          all of it: the above, then data validation, the model, story tests,
#                      NLU quality on the held-out set and the tests against the real servers
#                      over HTTP and in a browser (what CI runs; nothing is skipped)
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

fast=0
case "${1:-}" in
  --fast) fast=1 ;;
  "") ;;
  *) die "usage : ./test.sh [--fast]" ;;
esac

ensure_dev_tools
# Two workers: the two cores of the machine this suite is sized for.
WORKERS="${TEST_WORKERS:-2}"

say "Lint (ruff)"
"$VENV/bin/ruff" check bot actions rasa_ext scripts tests migrations

say "Types (mypy, sur bot/ et actions/)"
"$VENV/bin/mypy"

say "Les chiffres donnés aux personnes, avec leur âge et leur source"
"$PY" -m bot facts

say "Tests unitaires (bot/, actions/)"
"$PY" -m pytest -q -n "$WORKERS" tests/unit

if [ "$fast" = 1 ]; then
  say "Tests rapides réussis (./test.sh sans --fast pour tout le reste)"
  exit 0
fi

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
# In one process, in file order: some modules count on the free slots the earlier ones left
# (test_http_callback after test_web), so they are not yet run side by side.
"$PY" -m pytest -q tests/integration --model "$MODEL"
