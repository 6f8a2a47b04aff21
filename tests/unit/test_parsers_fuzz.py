"""Every reader of what people write takes any text without failing: a crash in one of them
would be a message without an answer."""
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.reading.amounts import MAX_PLAUSIBLE_EUROS, parse_amounts, parse_answer
from bot.reading.consent import parse_consent
from bot.reading.household import parse_household
from bot.reading.phone import parse_phone
from bot.reading.preferences import parse_preference
from bot.reading.pseudonym import parse_pseudonym
from bot.reading.themes import detect_themes
from bot.reading.urgency import detect_urgencies

# Mostly French-looking text (words, digits, euros, times), plus anything at all.
PIECES = st.sampled_from(["loyer", "1 200", "€", "euros", "k", "mille", "deux cent", "h", "15h30", "demain",
                          "lundi", "matin", "non", "oui", "06", "12", "+33", "-", ",", ".", "/", " ", "é",
                          "expulsion", "coupure", "mari", "enfants", "2", "0", "vingt-et-un", "%"])
FRENCHISH = st.lists(PIECES, max_size=12).map(" ".join)
TEXTS = st.one_of(FRENCHISH, st.text(max_size=80))


@settings(max_examples=300)
@given(TEXTS)
def test_readers_never_fail(text):
    parse_amounts(text)
    parse_answer(text)
    parse_consent(text)
    parse_household(text)
    parse_phone(text)
    parse_preference(text, dt.date(2026, 11, 24))
    parse_pseudonym(text)
    detect_themes(text)
    detect_urgencies(text)


def test_numbers_run_together_are_not_an_amount():
    # Found by the test below: 1 200 000 000 000 euros.
    assert parse_amounts("1 200 deux cent deux cent k") == []


@settings(max_examples=300)
@given(TEXTS)
def test_amounts_read_are_finite_and_not_negative(text):
    for amount in parse_amounts(text):
        for value in (amount.monthly, amount.low, amount.high):
            assert value == value and 0 <= value <= MAX_PLAUSIBLE_EUROS  # not NaN, negative or absurd
        assert amount.low <= amount.monthly <= amount.high
