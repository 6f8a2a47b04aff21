import pytest

from bot.reading.phone import parse_phone


@pytest.mark.parametrize(
    "text,e164,display",
    [
        ("06 12 34 56 78", "+33612345678", "06 12 34 56 78"),
        ("0612345678", "+33612345678", "06 12 34 56 78"),
        ("06.12.34.56.78", "+33612345678", "06 12 34 56 78"),
        ("06-12-34-56-78", "+33612345678", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "+33612345678", "06 12 34 56 78"),
        ("0033612345678", "+33612345678", "06 12 34 56 78"),
        ("mon numéro c'est le 07 81 22 33 44 merci", "+33781223344", "07 81 22 33 44"),
        ("04 76 69 45 94", "+33476694594", "04 76 69 45 94"),
        ("+32 470 12 34 56", "+32470123456", "+32 470 12 34 56"),
    ],
)
def test_valid_numbers_are_normalised(text, e164, display):
    phone = parse_phone(text)
    assert phone is not None and (phone.e164, phone.display) == (e164, display)


@pytest.mark.parametrize(
    "text",
    ["12345", "06 12 34", "07 00 00 00 00", "pas de téléphone", "", "06 12 34 56 78 ou 07 81 22 33 44"],
)
def test_invalid_or_ambiguous_numbers_are_refused(text):
    assert parse_phone(text) is None


@pytest.mark.parametrize("text", ["07 11 22 33 44", "0711223344", "+33 7 11 22 33 44"])
def test_a_number_of_the_right_shape_is_taken_even_if_not_known_as_allocated(text):
    phone = parse_phone(text)
    assert phone is not None and phone.e164 == "+33711223344" and phone.display == "07 11 22 33 44"
