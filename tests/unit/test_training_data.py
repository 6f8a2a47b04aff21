"""The NLU data keeps the size and variety the assistant needs to understand people."""
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "express_difficulty",
    "inform", "request_human", "faq", "crisis", "out_of_scope", "delete_my_data", "stop",
}
FAQ_TOPICS = {
    "overindebtedness", "credit_register", "winter_truce", "energy_truce", "energy_cheque", "fsl",
    "bank_account", "who_for", "hours_contact", "confidentiality", "how_it_works", "budget_snapshot",
    "taxes", "food_aid", "payment_plan", "debt_collection",
}


def examples() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block["examples"].splitlines():
                if line.strip().startswith("- "):
                    found.append((block["intent"], line.strip()[2:]))
    return found


def test_every_required_intent_has_at_least_25_examples():
    counts = Counter(intent.split("/")[0] for intent, _ in examples())
    assert {i: counts[i] for i in REQUIRED if counts[i] < 25} == {}


def test_every_faq_topic_has_examples_and_an_answer():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    counts = Counter(intent.split("/")[1] for intent, _ in examples() if intent.startswith("faq/"))
    assert set(counts) == FAQ_TOPICS
    assert min(counts.values()) >= 30  # issue 14: at least 30 ways people ask, per topic
    assert {f"utter_faq/{t}" for t in FAQ_TOPICS} <= set(domain["responses"])


def test_no_example_is_given_two_intents():
    seen: dict[str, str] = {}
    clashes = []
    for intent, text in examples():
        key = " ".join(text.lower().split())
        if key in seen and seen[key] != intent:
            clashes.append((text, seen[key], intent))
        seen[key] = intent
    assert clashes == []


def test_heldout_messages_are_never_in_training_data():
    heldout = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text(encoding="utf-8"))
    training = {" ".join(t.lower().split()) for _, t in examples()}
    leaked = [t for texts in heldout.values() for t in texts if " ".join(t.lower().split()) in training]
    assert leaked == []
