"""The French amount parser, on expressions as people write them."""
import pytest

from bot.reading.amounts import Kind, format_euros, parse_answer

# (what the person writes, kind, monthly total, approximate?)
TABLE = [
    # digits, separators, currency
    ("1200", Kind.AMOUNT, 1200, False),
    ("1 200", Kind.AMOUNT, 1200, False),
    ("1 200 €", Kind.AMOUNT, 1200, False),
    ("1.200 euros", Kind.AMOUNT, 1200, False),
    ("1200€", Kind.AMOUNT, 1200, False),
    ("1200 e", Kind.AMOUNT, 1200, False),
    ("1200eur", Kind.AMOUNT, 1200, False),
    ("1200,50 €", Kind.AMOUNT, 1200.5, False),
    ("650.50", Kind.AMOUNT, 650.5, False),
    ("1\u202f350 €", Kind.AMOUNT, 1350, False),
    ("2 350,75 euros", Kind.AMOUNT, 2350.75, False),
    ("50 balles", Kind.AMOUNT, 50, False),
    ("1,5k", Kind.AMOUNT, 1500, False),
    ("2k€", Kind.AMOUNT, 2000, False),
    ("€ 900", Kind.AMOUNT, 900, False),
    # number words
    ("mille deux cents", Kind.AMOUNT, 1200, False),
    ("huit cent cinquante", Kind.AMOUNT, 850, False),
    ("huit cent cinquante euros", Kind.AMOUNT, 850, False),
    ("douze cents euros", Kind.AMOUNT, 1200, False),
    ("quatre-vingt-dix euros", Kind.AMOUNT, 90, False),
    ("soixante-dix", Kind.AMOUNT, 70, False),
    ("deux mille", Kind.AMOUNT, 2000, False),
    ("trois cent vingt et un euros", Kind.AMOUNT, 321, False),
    ("Mille Deux Cents", Kind.AMOUNT, 1200, False),
    # approximations
    ("environ 800", Kind.AMOUNT, 800, True),
    ("à peu près 1200", Kind.AMOUNT, 1200, True),
    ("a peu pres 1200", Kind.AMOUNT, 1200, True),
    ("dans les 1500", Kind.AMOUNT, 1500, True),
    ("autour de 700 euros", Kind.AMOUNT, 700, True),
    ("environ mille", Kind.AMOUNT, 1000, True),
    ("genre 300", Kind.AMOUNT, 300, True),
    ("~400", Kind.AMOUNT, 400, True),
    ("un peu moins de mille", Kind.AMOUNT, 1000, True),
    ("pas loin de 2000", Kind.AMOUNT, 2000, True),
    # ranges
    ("entre 900 et 1000", Kind.AMOUNT, 950, True),
    ("entre 900 et 1000 €", Kind.AMOUNT, 950, True),
    ("entre neuf cents et mille euros", Kind.AMOUNT, 950, True),
    ("900 à 1000", Kind.AMOUNT, 950, True),
    ("900-1000 €", Kind.AMOUNT, 950, True),
    ("900 ou 1000", Kind.AMOUNT, 950, True),
    ("de 1100 à 1300 selon les mois", Kind.AMOUNT, 1200, True),
    # periods, converted to monthly
    ("200 par semaine", Kind.AMOUNT, 866.67, True),
    ("50 € chaque semaine", Kind.AMOUNT, 216.67, True),
    ("2400 par an", Kind.AMOUNT, 200, True),
    ("2 400 € par an", Kind.AMOUNT, 200, True),
    ("1200 euros à l'année", Kind.AMOUNT, 100, True),
    ("10 euros par jour", Kind.AMOUNT, 304.17, True),
    ("300 par trimestre", Kind.AMOUNT, 100, True),
    ("300 euros tous les trois mois", Kind.AMOUNT, 100, True),
    ("120 tous les deux mois", Kind.AMOUNT, 60, True),
    ("deux mille quatre cents par an", Kind.AMOUNT, 200, True),
    # nothing
    ("rien", Kind.ZERO, 0, False),
    ("non rien", Kind.ZERO, 0, False),
    ("nan rien du tout", Kind.ZERO, 0, False),
    ("non je n'ai rien", Kind.ZERO, 0, False),
    ("nn c bon merci", Kind.ZERO, 0, False),
    ("non plus", Kind.ZERO, 0, False),
    ("rien non plus", Kind.ZERO, 0, False),
    ("zéro", Kind.ZERO, 0, False),
    ("0", Kind.AMOUNT, 0, False),
    ("pas de loyer", Kind.ZERO, 0, False),
    ("je n'ai pas de crédit", Kind.ZERO, 0, False),
    ("aucun", Kind.ZERO, 0, False),
    ("non", Kind.ZERO, 0, False),
    ("nada", Kind.ZERO, 0, False),
    ("pas un rond", Kind.ZERO, 0, False),
    # skipped
    ("je ne sais pas", Kind.SKIP, 0, False),
    ("je sais pas", Kind.SKIP, 0, False),
    ("chais pas", Kind.SKIP, 0, False),
    ("aucune idée", Kind.SKIP, 0, False),
    ("je préfère ne pas dire", Kind.SKIP, 0, False),
    ("je prefere pas", Kind.SKIP, 0, False),
    ("passer", Kind.SKIP, 0, False),
    ("on passe", Kind.SKIP, 0, False),
    # not understood
    ("bof", Kind.UNKNOWN, 0, False),
    ("c'est compliqué", Kind.UNKNOWN, 0, False),
    ("beaucoup trop", Kind.UNKNOWN, 0, False),
    ("", Kind.UNKNOWN, 0, False),
    ("😀😀", Kind.UNKNOWN, 0, False),
    # inside a sentence
    ("je touche à peu près 1300 par mois", Kind.AMOUNT, 1300, True),
    ("mon salaire c'est 1400 net", Kind.AMOUNT, 1400, False),
    ("depuis 3 mois je paie 200 de crédit", Kind.AMOUNT, 200, False),
    ("on est 2 avec 1200", Kind.AMOUNT, 1200, False),
    ("j'ai 2 crédits de 150 et 200", Kind.AMOUNT, 350, False),
]


@pytest.mark.parametrize("text,kind,total,approximate", TABLE)
def test_table(text, kind, total, approximate):
    answer = parse_answer(text)
    assert answer.kind == kind
    assert answer.total == pytest.approx(total, abs=0.01)
    if kind == Kind.AMOUNT:
        assert any(a.approximate for a in answer.amounts) == approximate


def test_table_is_large_enough():
    assert len(TABLE) >= 60


@pytest.mark.parametrize(
    "text,expected",
    [
        ("mon loyer c'est 650 et l'électricité 90", [("rent", 650), ("energy", 90)]),
        ("650 de loyer, 80 d'électricité et 40 d'eau", [("rent", 650), ("energy", 80), ("water", 40)]),
        ("je touche 1100 de chômage et 200 de CAF", [("unemployment", 1100), ("benefits", 200)]),
        ("le salaire de mon mari 1800 plus ma pension 700", [("salary", 1800), ("pension", 700)]),
        ("non, mon loyer c'est 700", [("rent", 700)]),
        ("la pension alimentaire 150", [("maintenance", 150)]),
        ("l'assurance 45 et le téléphone 30", [("insurance", 45), ("phone", 30)]),
    ],
)
def test_amounts_keep_the_line_they_belong_to(text, expected):
    answer = parse_answer(text)
    assert [(a.label, a.monthly) for a in answer.amounts] == expected


def test_range_keeps_its_bounds():
    (amount,) = parse_answer("entre 900 et 1000").amounts
    assert (amount.low, amount.high) == (900, 1000)


def test_format_euros_rounds_and_uses_french_spacing():
    assert format_euros(1234.5) == "1\u202f234 €"
    assert format_euros(-80.2) == "-80 €"
    assert format_euros(0) == "0 €"


def test_line_named_in_the_clause_before_the_amount():
    answer = parse_answer("deux mois de loyer, à peu près 1300")
    assert [(a.label, a.monthly) for a in answer.amounts] == [("rent", 1300)]
    answer = parse_answer("l'électricité, 400 et le loyer 600")
    assert [(a.label, a.monthly) for a in answer.amounts] == [("energy", 400), ("rent", 600)]


def test_only_the_beginning_of_a_very_long_answer_is_read():
    from bot.reading.amounts import MAX_ANSWER_CHARS

    assert parse_answer("environ 800 " + "x" * 5000).total == 800
    assert parse_answer("x" * MAX_ANSWER_CHARS + " 1200").kind == Kind.UNKNOWN
    # Pathological input is still answered (bounded work), not an error.
    assert parse_answer("1.000." * 2000).kind == Kind.AMOUNT


def test_a_small_number_after_an_amount_counts_people_not_a_range():
    answer = parse_answer("2100 à 2 en comptant les allocs")
    assert [a.monthly for a in answer.amounts] == [2100.0]
    assert parse_answer("1 900 à 2 000").amounts[0].monthly == 1950.0
