import pytest

from bot.ccas import ConfigError, load_ccas, load_national, parse_ccas
from bot.settings import CONFIG_DIR


def test_both_example_configurations_load():
    grenoble = load_ccas(CONFIG_DIR / "ccas" / "grenoble.yml")
    besancon = load_ccas(CONFIG_DIR / "ccas" / "besancon.yml")
    assert grenoble.phone == "04 76 69 45 94"
    assert besancon.name == "CCAS de Besançon"
    assert grenoble.counsellors_per_slot == 2
    assert [p.id for p in grenoble.partners] == ["geg", "banque_postale"]


def test_national_facts_load():
    national = load_national(CONFIG_DIR / "national.yml")
    assert national.emergency["suicide"].number == "3114"
    assert national.emergency["shelter"].number == "115"
    assert national.winter_truce_start == (11, 1)
    assert national.living_budget_floor == pytest.approx(646.52)


def _minimal(**overrides):
    data = {
        "id": "x", "name": "CCAS de X", "service_name": "le service", "city": "X",
        "phone": "01 99 00 00 00", "opening_hours": {"monday": [["09:00", "12:00"]]},
    }
    data.update(overrides)
    return data


def test_missing_field_is_named():
    data = _minimal()
    del data["phone"]
    with pytest.raises(ConfigError, match="phone"):
        parse_ccas(data)


@pytest.mark.parametrize(
    "hours,message",
    [
        ({"lundi": [["09:00", "12:00"]]}, "unknown days"),
        ({"monday": [["9h", "12:00"]]}, "not a time"),
        ({"monday": [["12:00", "09:00"]]}, "not before"),
    ],
)
def test_malformed_hours_are_explained(hours, message):
    with pytest.raises(ConfigError, match=message):
        parse_ccas(_minimal(opening_hours=hours))


def test_missing_file_is_explained(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_ccas(tmp_path / "nowhere.yml")
