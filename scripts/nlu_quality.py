"""NLU quality on the held-out set (tests/nlu/heldout.yml), never used for training.

Prints intent macro-F1, the recall of `crisis`, FAQ answer accuracy and each mistake.
With --check, exits 1 when below the targets (macro-F1 >= 0.90, crisis recall = 1.0).
"""
from __future__ import annotations

import argparse
import asyncio
import glob
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MACRO_F1 = 0.90
TARGET_CRISIS_RECALL = 1.0
# Each FAQ topic, asked in words the model never saw: most questions get that topic's answer.
TARGET_FAQ_TOPIC = 0.75
MIN_FAQ_TOPIC = 8


def load_heldout(path: Path) -> list[tuple[str, str]]:
    """(text, label) pairs; labels may be retrieval sub-intents like faq/fsl."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(text, label) for label, texts in data.items() for text in texts]


def latest_model() -> str:
    models = sorted(glob.glob(str(ROOT / "models" / "*.tar.gz")), key=os.path.getmtime)
    if not models:
        sys.exit("Aucun modèle dans models/ : lancez ./run.sh ou ./test.sh d'abord.")
    return models[-1]


async def predict(model: str, texts: list[str]) -> list[tuple[str, str | None]]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    from bot.reading.faq_cues import choose_topics

    logging.basicConfig(level=logging.WARNING)
    configure_structlog(logging.WARNING)

    agent = Agent.load(model)
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        intent = (parsed.get("intent") or {}).get("name") or "None"
        selector = parsed.get("response_selector", {}).get("faq", {})
        key = (selector.get("response") or {}).get("intent_response_key")
        # The answer given is the selector's topic as action_answer_faq settles it with the words.
        topics = choose_topics(text, key.split("/", 1)[1] if key and "/" in key else None)
        results.append((intent, f"faq/{topics[0]}" if topics else key))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None)
    parser.add_argument("--data", default=str(ROOT / "tests" / "nlu" / "heldout.yml"))
    parser.add_argument("--check", action="store_true", help="fail below the targets")
    args = parser.parse_args()

    from sklearn.metrics import f1_score, recall_score

    pairs = load_heldout(Path(args.data))
    predictions = asyncio.run(predict(args.model or latest_model(), [t for t, _ in pairs]))

    gold = [label.split("/")[0] for _, label in pairs]
    predicted = [intent for intent, _ in predictions]
    labels = sorted(set(gold))
    macro_f1 = f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)
    crisis_recall = recall_score(gold, predicted, labels=["crisis"], average="macro", zero_division=0)
    faq = [
        (label, key)
        for (_, label), (_, key) in zip(pairs, predictions, strict=True)
        if label.startswith("faq/")
    ]
    faq_accuracy = sum(label == key for label, key in faq) / len(faq) if faq else 1.0

    print("Erreurs :")
    for (text, label), (intent, key) in zip(pairs, predictions, strict=True):
        wrong_intent = label.split("/")[0] != intent
        wrong_answer = label.startswith("faq/") and label != key
        if wrong_intent or wrong_answer:
            shown = key if intent == "faq" else intent
            print(f"  attendu {label:<24} obtenu {shown:<24} « {text} »")
    per_intent = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    print("\nF1 par intention :")
    for label, score in zip(labels, per_intent, strict=True):
        print(f"  {label:<20} {score:.3f}")
    print(f"\nMessages évalués : {len(pairs)}")
    print(f"Macro-F1 des intentions : {macro_f1:.3f} (objectif ≥ {TARGET_MACRO_F1})")
    print(f"Rappel de `crisis` : {crisis_recall:.3f} (objectif = {TARGET_CRISIS_RECALL})")
    print(f"Bonne réponse FAQ : {faq_accuracy:.3f} ({len(faq)} questions)")
    topics = faq_by_topic(faq)
    print("\nBonne réponse par sujet de la FAQ :")
    for topic, (right, total) in sorted(topics.items()):
        print(f"  {topic:<28} {right}/{total}")
    weak = [t for t, (right, total) in topics.items()
            if right / total < TARGET_FAQ_TOPIC or total < MIN_FAQ_TOPIC]
    if weak:
        print(f"Sujets sous l'objectif (≥ {TARGET_FAQ_TOPIC:.0%} sur ≥ {MIN_FAQ_TOPIC} questions) : "
              + ", ".join(sorted(weak)))

    if args.check and (macro_f1 < TARGET_MACRO_F1 or crisis_recall < TARGET_CRISIS_RECALL or weak):
        print("Objectifs non atteints.")
        return 1
    return 0


def faq_by_topic(faq: list[tuple[str, str | None]]) -> dict[str, tuple[int, int]]:
    """Per FAQ topic of the held-out set: (questions given that topic's answer, questions)."""
    counts: dict[str, tuple[int, int]] = {}
    for label, key in faq:
        right, total = counts.get(label, (0, 0))
        counts[label] = (right + (label == key), total + 1)
    return counts


if __name__ == "__main__":
    sys.exit(main())
