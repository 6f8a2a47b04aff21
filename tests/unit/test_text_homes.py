"""One home for each sentence the assistant says. The rule (README, "Architecture"): a response
Rasa utters by name (rules, stories, the form's questions) lives in domain.yml; a message an
action composes lives in bot/wording/texts_fr.yml. A sentence or a button title never lives in
both, nor twice in one."""
import re
from collections import Counter
from pathlib import Path

import yaml

from bot.wording.texts import _texts, all_texts

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_SOURCE = (ROOT / "domain.yml").read_text(encoding="utf-8")


def _domain_strings() -> list[str]:
    domain = yaml.safe_load(DOMAIN_SOURCE)
    found = []
    for variants in domain["responses"].values():
        for variant in variants:
            found.append(variant.get("text", ""))
            found.extend(button["title"] for button in variant.get("buttons", []))
    return [s for s in found if s]


def test_no_sentence_or_title_lives_in_both_homes():
    composed = set(all_texts()) | set(_texts()["buttons"].values())
    assert [s for s in _domain_strings() if s in composed] == []


def test_the_domain_writes_each_button_title_once():
    # Repeated blocks are written once and given again with a YAML alias (&choices / *choices).
    titles = re.findall(r'^\s*- title: "(.*)"$', DOMAIN_SOURCE, flags=re.MULTILINE)
    assert titles and [t for t, n in Counter(titles).items() if n > 1] == []


def test_every_response_is_uttered_somewhere():
    """A response nobody utters is a second home in waiting."""
    domain = yaml.safe_load(DOMAIN_SOURCE)
    used = "\n".join(p.read_text(encoding="utf-8") for folder in ("data", "actions", "bot", "rasa_ext")
                     for p in (ROOT / folder).rglob("*") if p.suffix in (".yml", ".py"))
    unused = [name for name in domain["responses"]
              if not name.startswith(("utter_ask_", "utter_faq/", "utter_default"))
              and not re.search(rf"\b{re.escape(name)}\b", used)]
    assert unused == []
