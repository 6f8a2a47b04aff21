"""Each corrected fact, pinned to what the assistant says and to its configuration."""
import datetime as dt
from pathlib import Path

import yaml

from bot.configuration.ccas import load_national
from bot.configuration.settings import CONFIG_DIR
from bot.reading.safety import Crisis
from bot.wording import replies
from bot.wording.texts import text
from tests.ccas_configs import GRENOBLE

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = load_national(CONFIG_DIR / "national.yml")
SUNDAY = dt.datetime(2026, 11, 22, 20, 0, tzinfo=GRENOBLE.timezone)


def faq(name: str) -> str:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"][f"utter_faq/{name}"][0]["text"]


def test_the_winter_truce_suspends_only_the_forced_removal():
    for said in (faq("winter_truce"), text("reflection.winter_truce.housing", truce_end="31 mars"),
                 text("urgency.eviction", unpaid_rent_phone=NATIONAL.unpaid_rent_phone)):
        assert "procédure" in said and "continue" in said
        assert "expulsions de logement sont suspendues" not in said


def test_energy_during_the_truce_may_be_reduced_and_fuel_is_not_covered():
    for said in (faq("energy_truce"), text("reflection.winter_truce.energy", truce_end="31 mars")):
        assert "réduire la puissance" in said and "chèque énergie" in said and "fioul" in said


def test_water_is_never_cut_and_no_general_duty_of_a_payment_plan():
    said = text("urgency.energy_cut", energy_info_phone=NATIONAL.energy_info_phone)
    assert "L'eau ne peut jamais être coupée" in said and "il doit proposer" not in said
    assert NATIONAL.energy_info_phone in said


def test_violence_gives_the_police_and_the_victims_line_from_the_configuration():
    first = replies.crisis([Crisis.VIOLENCE], NATIONAL, GRENOBLE)[0]
    assert "17" in NATIONAL.emergency["violence"].danger and "le 17 ou le 112" in first
    assert NATIONAL.victims_phone and NATIONAL.victims_phone in first


def test_the_general_crisis_message_gives_the_sms_number():
    first = replies.crisis([], NATIONAL, GRENOBLE)[0]
    assert f"SMS au {NATIONAL.emergency['suicide'].sms}" in first


def test_the_welcome_says_the_service_is_for_the_citys_residents():
    welcome = replies.welcome(GRENOBLE, SUNDAY)[0]
    assert f"ouvert à tous les habitants de {GRENOBLE.city}" in welcome


def test_the_energy_cheque_answer_follows_the_2025_reform():
    said = faq("energy_cheque")
    assert "revenus déclarés aux impôts" in said and "demander en ligne" in said


def test_the_banque_de_france_line_comes_with_its_hours():
    assert NATIONAL.banque_de_france_hours.startswith("du lundi au vendredi")
    said = text("budget.help.solutions", bdf_phone=NATIONAL.banque_de_france_phone,
                bdf_hours=NATIONAL.banque_de_france_hours)
    assert f"{NATIONAL.banque_de_france_phone}, {NATIONAL.banque_de_france_hours}" in said
