import pytest

from bot.configuration.ccas import load_national
from bot.configuration.settings import CONFIG_DIR
from bot.money.budget import Line, Snapshot, left_after_loans, needs_help, rsa_floor, summary
from bot.reading.amounts import Kind, format_euros, parse_answer
from bot.reading.household import Household, parse_household

NATIONAL = load_national(CONFIG_DIR / "national.yml")


def line(text, group):
    return Line.from_answer(parse_answer(text), group)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("je vis seule", Household(1, 0)),
        ("seule avec mes 2 enfants", Household(1, 2)),
        ("2 adultes et 3 enfants", Household(2, 3)),
        ("on est deux adultes et un enfant", Household(2, 1)),
        ("en couple sans enfants", Household(2, 0)),
        ("mon mari et moi et nos trois enfants", Household(2, 3)),
        ("on est 4 dont 2 enfants", Household(2, 2)),
        ("couple avec un bébé", Household(2, 1)),
        ("moi et mes 2 filles", Household(1, 2)),
        ("mes trois enfants", Household(1, 3)),
        ("je préfère ne pas dire", Kind.SKIP),
        ("bof", Kind.UNKNOWN),
    ],
)
def test_household(text, expected):
    assert parse_household(text) == expected


def test_left_to_live_and_debt_ratio():
    snapshot = Snapshot(adults=1, children=2, income=line("1800", "income"),
                        charges=line("loyer 650, électricité 90", "charges"), loans=line("300", "loans"))
    assert snapshot.left_to_live == 760
    assert snapshot.debt_ratio == pytest.approx(0.167, abs=0.001)


def test_unknown_income_means_no_left_to_live():
    snapshot = Snapshot(income=line("je ne sais pas", "income"), charges=line("800", "charges"))
    assert snapshot.left_to_live is None and snapshot.debt_ratio is None


def test_skipped_charges_count_as_nothing_known():
    snapshot = Snapshot(income=line("1200", "income"), charges=line("passer", "charges"),
                        loans=line("non", "loans"))
    assert snapshot.left_to_live == 1200 and snapshot.debt_ratio == 0


@pytest.mark.parametrize("adults,children,share", [
    (1, 0, 1.0),                    # alone
    (2, 0, 1.5),                    # +50 % for the second person
    (1, 1, 1.5),                    # a parent alone: the child is the second person
    (2, 1, 1.8),                    # +30 % for each further person
    (2, 2, 2.1),
    (2, 3, 2.5),                    # +40 % from the third child (CASF R.262-1)
    (1, 3, 2.2),
    (2, 4, 2.9),
])
def test_rsa_floor_follows_the_scale_of_the_law_from_the_configuration(adults, children, share):
    # The expectations are derived from the configuration, not from a copied amount.
    assert rsa_floor(NATIONAL, adults, children) == pytest.approx(NATIONAL.rsa_amount * share, abs=0.01)


def test_the_scale_shares_come_from_the_configuration():
    assert (NATIONAL.rsa_second_person, NATIONAL.rsa_further_person, NATIONAL.rsa_from_third_child) == (
        0.5, 0.3, 0.4)


def test_rent_is_not_counted_twice_against_the_floor():
    """1 300 € of income, 700 € of rent, no credit: no commission would apply the floor to
    this person, and the summary says nothing of it."""
    snapshot = Snapshot(adults=1, children=0, income=line("1300", "income"),
                        charges=line("loyer 700", "charges"), loans=line("non", "loans"))
    assert left_after_loans(snapshot) == 1300
    assert not needs_help(snapshot, NATIONAL)
    text = " ".join(summary(snapshot, NATIONAL))
    assert "commission" not in text and "Banque de France laisse" not in text
    assert "il reste 600 € pour vivre" in text


def test_correction_replaces_one_line_and_keeps_the_rest():
    charges = line("loyer 650 et électricité 90", "charges").corrected("rent", 700)
    assert charges.detail == {"rent": 700, "energy": 90} and charges.total == 790
    total_only = line("900", "charges").corrected("rent", 700)
    assert total_only.detail == {"rent": 700} and total_only.total == 700


def test_snapshot_round_trips_through_a_slot():
    snapshot = Snapshot(adults=2, children=1, income=line("environ 2000", "income"),
                        arrears=line("loyer 1300", "arrears"))
    assert Snapshot.from_dict(snapshot.to_dict()) == snapshot


def test_summary_when_repayments_eat_into_the_floor_explains_help_without_labels():
    snapshot = Snapshot(adults=1, children=0, income=line("900", "income"),
                        charges=line("100", "charges"), loans=line("400", "loans"))
    assert needs_help(snapshot, NATIONAL)
    messages = summary(snapshot, NATIONAL)
    assert "• ce qui rentre : 900 €" in messages[0]
    assert "44 %" in messages[0]
    assert format_euros(round(NATIONAL.rsa_amount)) in messages[1] and "500 €" in messages[1]
    assert "commission" in messages[1] and "pas un" in messages[1]  # a landmark, not a verdict
    assert "Banque de France" in messages[2] and "rappelle" in messages[2]
    assert NATIONAL.banque_de_france_hours in messages[2]


def test_expenses_above_income_need_help():
    snapshot = Snapshot(adults=1, income=line("900", "income"), charges=line("1000", "charges"),
                        loans=line("non", "loans"))
    assert needs_help(snapshot, NATIONAL)


def test_summary_with_arrears_proposes_help_even_with_a_comfortable_budget():
    snapshot = Snapshot(adults=1, income=line("3000", "income"), charges=line("900", "charges"),
                        loans=line("non", "loans"), arrears=line("loyer 1300", "arrears"))
    messages = summary(snapshot, NATIONAL)
    assert "factures en retard" in messages[0]
    assert needs_help(snapshot, NATIONAL)


def test_summary_when_things_hold_is_still_warm_and_offers_a_call():
    snapshot = Snapshot(adults=1, income=line("3000", "income"), charges=line("900", "charges"),
                        loans=line("non", "loans"), arrears=line("non", "arrears"))
    messages = summary(snapshot, NATIONAL)
    assert not needs_help(snapshot, NATIONAL)
    assert "Merci d'avoir pris ce temps" in messages[-1]


def test_summary_says_what_was_not_given():
    messages = summary(Snapshot(income=line("passer", "income")), NATIONAL)
    assert "ce qui rentre : pas noté" in messages[0]
    assert "il reste" not in messages[0]


def test_negative_left_to_live_is_said_plainly():
    snapshot = Snapshot(adults=1, income=line("1000", "income"), charges=line("1100", "charges"))
    assert "dépassent ce qui rentre d'environ 100 €" in summary(snapshot, NATIONAL)[0]


def test_left_to_live_is_approximate_when_an_answer_was():
    snapshot = Snapshot(adults=1, income=line("environ 1400", "income"), charges=line("700", "charges"))
    assert "il reste environ 700 €" in summary(snapshot, NATIONAL)[0]


def test_arrears_keep_the_bill_that_is_late():
    assert line("le loyer 1300 et l'électricité 400", "arrears").detail == {"rent": 1300, "energy": 400}
    assert line("1300", "arrears").detail == {"other": 1300}


@pytest.mark.parametrize("said,adults,children", [
    ("moi ma copine et la petite", 2, 1),
    ("mon épouse, moi, nos 3 gamins", 2, 3),
    ("ma compagne, notre fils de 11 ans et moi", 2, 1),
    ("mon mari moi notre bebe de 4 mois et ma grande de 9 ans", 2, 2),
    ("moi et ma fille de 23 ans", 2, 0),  # a grown-up child at home counts as an adult
    ("moi, mon frère et mes deux enfants", 2, 2),
    ("on est deux, les enfants sont partis depuis longtemps", 2, 0),
    ("nous sommes 2 et nos enfants ne vivent plus à la maison", 2, 0),
])
def test_a_household_listed_member_by_member(said, adults, children):
    assert parse_household(said) == Household(adults=adults, children=children)


def test_the_people_counted_beyond_the_adults_are_the_children():
    from bot.reading.household import read_household
    assert read_household("bonsoir, on est 4 : mon conjoint, moi et les filles, on touche 2100") == (2, 2)
    assert read_household("nous sommes 3 avec ma femme et le bébé") == (2, 1)
    assert read_household("Nous sommes deux, les enfants sont partis depuis longtemps.") == (2, 0)
    assert read_household("je vis seul depuis mon divorce") == (1, 0)
    assert read_household("je vis seule depuis longtemps, mes enfants sont loin") == (1, 0)
    assert read_household("je suis seule, c'est dur") == (1, None)  # maybe with children
