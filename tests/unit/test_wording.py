"""Everything the assistant can say is checked for hurtful words and for hard-coded CCAS facts."""
import re
from pathlib import Path

import pytest
import yaml

from bot.configuration.ccas import load_ccas, load_national
from bot.configuration.settings import CONFIG_DIR
from bot.wording.texts import all_counsellor_texts, all_texts
from tests.wording_rules import forbidden_in

ROOT = Path(__file__).resolve().parents[2]


def domain_texts() -> list[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    texts = []
    for variants in domain["responses"].values():
        for variant in variants:
            texts.append(variant.get("text", ""))
            texts.extend(b["title"] for b in variant.get("buttons", []))
    return texts


def every_bot_text() -> list[str]:
    """What the people and the counsellors read outside the templates."""
    return domain_texts() + all_texts() + all_counsellor_texts()


def test_there_is_something_to_scan():
    assert len(every_bot_text()) > 40


@pytest.mark.parametrize("text", every_bot_text())
def test_no_hurtful_words(text):
    assert forbidden_in(text) == []


def test_scanner_catches_what_it_should():
    assert forbidden_in("Vous êtes surendetté") == ["surendetté(e)"]
    assert forbidden_in("les BÉNÉFICIAIRES du RSA") == ["bénéficiaire"]
    assert forbidden_in("Vous auriez dû") == ["vous auriez dû"]
    assert forbidden_in("une fiche pratique") == []


def _configured_facts() -> list[str]:
    facts = []
    for path in (CONFIG_DIR / "ccas").glob("*.yml"):
        ccas = load_ccas(path)
        facts += [ccas.name, ccas.phone, ccas.city]
    national = load_national(CONFIG_DIR / "national.yml")
    facts += [e.number for e in national.emergency.values()]
    facts += [national.banque_de_france_phone, national.unpaid_rent_phone]
    return facts


def _source_files() -> list[Path]:
    files = [ROOT / "domain.yml", ROOT / "bot" / "wording" / "texts_fr.yml"]
    for folder in ("bot", "actions", "rasa_ext"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


@pytest.mark.parametrize("path", _source_files(), ids=lambda p: p.name)
def test_ccas_facts_come_from_configuration_only(path):
    content = path.read_text(encoding="utf-8")
    found = [f for f in _configured_facts() if re.search(rf"(?<![\w]){re.escape(f)}(?![\w])", content)]
    assert found == []


def test_every_button_title_is_written_once():
    """Button titles live in the texts' `buttons` section only: no Python module writes one, and
    the section holds no title twice."""
    from bot.wording.texts import _texts

    titles = list(_texts()["buttons"].values())
    assert len(titles) == len(set(titles))
    for folder in ("bot", "actions", "rasa_ext"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            assert '"title": "' not in source, path
            assert not [t for t in titles if f'"{t}"' in source], path
