import pytest

from bot.configuration.ccas import ConfigError, load_ccas, load_national, parse_ccas
from bot.configuration.settings import CONFIG_DIR


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
    assert national.rsa_amount > 0 and national.rsa_since.month == 4  # revalued every 1 April


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


def test_an_unverified_ccas_number_is_never_given_to_a_person():
    """The Besançon example carries a number nobody checked: the welcome and every text point
    to the city's site instead, and `python -m bot facts` says so."""
    import datetime as dt

    from bot.configuration.ccas import load_ccas, load_national
    from bot.configuration.settings import CONFIG_DIR
    from bot.wording import replies
    from bot.wording.facts import review

    besancon = load_ccas(CONFIG_DIR / "ccas" / "besancon.yml")
    configured = besancon.facts[0].value
    assert not besancon.phone_verified and besancon.phone != configured
    moment = dt.datetime(2026, 11, 24, 10, 0, tzinfo=besancon.timezone)  # open: the line is given
    welcome = " ".join(replies.welcome(besancon, moment))
    assert configured not in welcome and "site de la ville de Besançon" in welcome
    rows = review(load_national(CONFIG_DIR / "national.yml"), [besancon], dt.date(2026, 11, 22))
    assert any(r.fact.name == "phone" and "jamais vérifié" in (r.warning or "") for r in rows)


def test_facts_older_than_a_year_are_flagged():
    import datetime as dt

    from bot.configuration.ccas import load_national
    from bot.configuration.settings import CONFIG_DIR
    from bot.wording.facts import review

    national = load_national(CONFIG_DIR / "national.yml")
    rows = {r.fact.name: r for r in review(national, [], national.rsa_since + dt.timedelta(days=400))}
    assert "à revérifier" in (rows["rsa"].warning or "")
    assert all(f.source for f in national.facts)  # every fact names where it was checked


def test_the_booking_horizon_is_configured_within_bounds():
    assert parse_ccas(_minimal()).booking_days == 42
    assert parse_ccas(_minimal(callbacks={"booking_days": 28})).booking_days == 28
    with pytest.raises(ConfigError, match="booking_days"):
        parse_ccas(_minimal(callbacks={"booking_days": 400}))
