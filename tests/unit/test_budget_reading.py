"""Budget facts read from any message (bot/budget_reading.py) and applied to the snapshot once.

The sentences are of the kinds that used to be lost or misread; none is copied from an
evaluation set.
"""
import pytest

from bot.budget import Line, Snapshot, apply_reading
from bot.budget_reading import OwedMonths, read_budget


def figures(text, asked=None):
    return sorted((f.group, f.label, f.monthly) for f in read_budget(text, asked).figures)


def apply_all(*messages, snapshot=None):
    snapshot = snapshot or Snapshot()
    for text, asked in messages:
        snapshot, _ = apply_reading(snapshot, read_budget(text, asked), asked)
    return snapshot


def test_a_whole_first_message_is_read_line_by_line():
    assert figures("nous sommes 4, je gagne 1700 + 250 de caf, loyer 690, un crédit de 180") == [
        ("charges", "rent", 690), ("income", "benefits", 250), ("income", "other", 1700),
        ("loans", "loans", 180)]


def test_a_weekly_job_said_in_sms_style_is_income():
    assert figures("500 de bourse et jbosse en extra le samedi, dans les 60 par semaine", "income") == [
        ("income", "salary", 260), ("income", "salary", 500)]


def test_a_line_said_late_keeps_it_for_the_amount_after_the_comma():
    assert figures("les impôts en retard, dans les 900") == [("arrears", "taxes", 900)]


def test_self_employed_income_said_per_year():
    assert figures("artisan, je dégage dans les 18 000 par an") == [("income", "other", 1500)]


def test_a_figure_said_before_is_not_read_again():
    said = "au fait j'avais dit 900 mais mon salaire c'est plutôt 1100. et aucun crédit"
    reading = read_budget(said, "loans", frozenset({"income"}))
    assert [(f.group, f.monthly) for f in reading.figures] == [("income", 1100)]
    assert reading.none == {"loans"} and reading.correction


def test_a_count_beside_an_amount_is_no_amount():
    assert figures("des prêts, 2 ou 3, je sais plus trop, dans les 400 par mois en tout") == [
        ("loans", "loans", 400)]


def test_no_credit_said_in_passing():
    assert "loans" in read_budget("ok j'appelle. pour les crédits j'en ai pas", "household").none
    assert "loans" in read_budget("des prêts ? non on en a aucun").none


def test_maintenance_received_is_income_and_maintenance_paid_a_charge():
    assert figures("j'ai 900 de salaire et le père des enfants me verse 250 de pension alimentaire") == [
        ("income", "salary", 900), ("income", "support_received", 250)]
    assert figures("je verse 200 de pension alimentaire à mon ex", "charges") == [
        ("charges", "maintenance", 200)]


def test_labels_without_separators_go_with_their_own_amount():
    assert figures("loyer 610 electricité 85") == [("charges", "energy", 85), ("charges", "rent", 610)]
    assert figures("610 de loyer 85 d'edf") == [("charges", "energy", 85), ("charges", "rent", 610)]


@pytest.mark.parametrize("text, label, amount", [
    ("elec 75", "energy", 75),
    ("GEG 64", "energy", 64),
    ("navigo 2x86", "transport", 172),
    ("cantine 3 x 40", "childcare", 120),
    ("nounou 410", "childcare", 410),
    ("mutuelle 52", "insurance", 52),
    ("box et tel 45", "phone", 45),
    ("assurance voiture 38", "insurance", 38),
])
def test_shorthand_for_the_usual_budget_lines(text, label, amount):
    assert figures(text) == [("charges", label, amount)]


def test_periods_and_ranges_become_monthly():
    assert figures("courses 60 par semaine", "charges") == [("charges", "other", 260)]
    assert figures("taxe fonciere 600 par an", "charges")[0][2] == 50
    assert figures("entre 1100 et 1300", "income") == [("income", "other", 1200)]


def test_arrears_in_months_of_a_known_charge():
    snapshot = apply_all(("loyer 640, edf 70", "charges"), ("deux mois de loyer", "arrears"))
    assert snapshot.arrears.total == 1280 and snapshot.arrears.detail == {"rent": 1280}


def test_arrears_in_months_wait_for_the_charge_and_count_once_it_comes():
    reading = read_budget("j'ai 3 loyers de retard")
    assert reading.owed_months == (OwedMonths("rent", 3),)
    snapshot = apply_all(("j'ai 3 loyers de retard", None))
    assert snapshot.arrears is None and snapshot.pending_months == {"rent": 3}
    snapshot = apply_all(("mon loyer c'est 500", None), snapshot=snapshot)
    assert snapshot.arrears.total == 1500 and not snapshot.pending_months


def test_per_period_arrears_are_multiplied():
    assert figures("4 mois de gaz à 55 en retard") == [("arrears", "energy", 220)]
    assert figures("3 factures d'eau de 40", "arrears") == [("arrears", "water", 120)]


def test_a_total_of_arrears_is_not_multiplied():
    assert figures("2 mois de loyer soit 1400", "arrears") == [("arrears", "rent", 1400)]


def test_a_duration_is_not_arrears():
    reading = read_budget("ca fait 4 mois que je suis au chomage")
    assert reading.owed_months == () and reading.figures == ()


def test_a_refusal_is_not_given_never_zero():
    reading = read_budget("un prêt perso mais je vous dirai pas combien")
    assert reading.refused == {"loans"} and reading.figures == ()
    snapshot = apply_all(("un prêt perso mais je vous dirai pas combien", None))
    assert snapshot.loans.status == "skip" and snapshot.loans.total == 0 and not snapshot.loans.known


def test_nothing_late_is_understood():
    assert read_budget("non rien en retard", "arrears").none == {"arrears"}
    assert read_budget("on est a jour de tout", "arrears").none == {"arrears"}
    assert read_budget("aucun crédit").none == {"loans"}
    assert read_budget("non pas encore de retard", "arrears").none == {"arrears"}
    assert read_budget("pas vraiment de credit").none == {"loans"}


@pytest.mark.parametrize("text", [
    "mon numéro c'est le 06 48 22 91 30", "0648229130", "+33 6 48 22 91 30",
    "rappelez moi jeudi vers 14h30", "le 12 décembre", "mardi 15", "vers 10h",
])
def test_a_phone_number_a_time_or_a_date_is_never_an_amount(text):
    assert figures(text, "income") == []


def test_an_overdraft_with_a_minus_sign_is_a_range_of_arrears():
    assert figures("le compte est entre -450 et -550", "arrears") == [("arrears", "overdraft", 500)]
    assert figures("decouvert autour de -300") == [("arrears", "overdraft", 300)]


def test_a_weak_line_follows_the_question_asked():
    # At the loans question, the car is a car loan; at the charges question, a charge.
    assert figures("cofidis 120 et la voiture 240", "loans") == [
        ("loans", "cofidis", 120), ("loans", "other", 240)]
    assert figures("la voiture 240", "charges") == [("charges", "transport", 240)]


def test_a_strong_line_goes_to_its_own_question_whatever_was_asked():
    assert figures("1450 et mon loyer c'est 600", "income") == [
        ("charges", "rent", 600), ("income", "other", 1450)]


def test_a_correction_late_replaces_the_line_once():
    snapshot = apply_all(("loyer 700 et électricité 90", "charges"))
    for _ in range(2):  # said twice: applied once
        snapshot = apply_all(("en fait mon loyer c'est 720", None), snapshot=snapshot)
    assert snapshot.charges.detail == {"rent": 720, "energy": 90} and snapshot.charges.total == 810


def test_an_addition_is_added_to_the_line():
    snapshot = apply_all(("loyer 700, assurance 20", "charges"))
    snapshot = apply_all(("ah j'ai oublié la mutuelle 45", None), snapshot=snapshot)
    assert snapshot.charges.detail == {"rent": 700, "insurance": 65}


def test_a_total_then_its_detail():
    snapshot = apply_all(("environ 900", "charges"))
    snapshot = apply_all(("en fait loyer 650 et edf 80", None), snapshot=snapshot)
    assert snapshot.charges.detail == {"rent": 650, "energy": 80}


def test_the_answer_to_the_question_asked_replaces_that_line():
    snapshot = Snapshot(income=Line(status="amount", total=1000, detail={"other": 1000}))
    snapshot = apply_all(("1250 net", "income"), snapshot=snapshot)
    assert snapshot.income.total == 1250


def test_an_amount_that_names_nothing_outside_a_question_is_left_aside():
    reading = read_budget("il me reste 35 sur le compte, c'est tout")
    assert reading.figures == () or all(f.group != "income" for f in reading.figures)


def test_lenders_each_get_their_line_and_late_instalments_count_in_them():
    snapshot = apply_all(("cetelem 90 et oney 60", "loans"))
    snapshot = apply_all(("2 échéances oney en retard", None), snapshot=snapshot)
    assert snapshot.loans.detail == {"cetelem": 90, "oney": 60}
    assert snapshot.arrears.detail == {"oney": 120}


def test_lines_said_late_just_before_are_arrears_when_their_amounts_come():
    reading = read_budget("gaz 140 et bouygues 60", previous="j'ai des impayés chez engie et bouygues")
    assert sorted((f.group, f.label, f.monthly) for f in reading.figures) == [
        ("arrears", "energy", 140), ("arrears", "phone", 60)]
    # Without that context, the same message gives charges.
    assert {f.group for f in read_budget("gaz 140 et bouygues 60").figures} == {"charges"}


def test_a_sum_claimed_is_owed_not_a_monthly_repayment():
    assert figures("l'huissier me réclame 1900 pour un vieux prêt") == [("arrears", "loans", 1900)]


def test_a_past_figure_is_not_this_month():
    assert figures("maintenant 950, avant je touchais 1700", "income") == [("income", "other", 950)]


def test_small_counts_outside_a_question_are_not_euros():
    assert figures("il fait 3 degrés dans l'appart") == []
    assert figures("on est 4 à la maison") == []


def test_the_line_named_again_with_its_amount_is_its_monthly_value():
    reading = read_budget("On a reçu une relance pour 2 mois de loyer en retard (loyer 820).")
    assert [(f.group, f.label, f.monthly) for f in reading.figures] == [("charges", "rent", 820)]
    assert [(o.label, o.months) for o in reading.owed_months] == [("rent", 2)]
    reading = read_budget("2 mois de loyer de retard, loyer 700")
    assert [(f.group, f.monthly) for f in reading.figures] == [("charges", 700)]
    # Without the line named again, the amount is what the months come to.
    assert figures("électricité 2 mois de retard, environ 160") == [("arrears", "energy", 160)]


def test_a_sentence_ends_a_clause():
    assert figures("Je gagne 1450 + 320 de CAF. Loyer 690, électricité 95") == sorted([
        ("income", "other", 1450), ("income", "benefits", 320), ("charges", "rent", 690),
        ("charges", "energy", 95)])
    assert figures("loyer 612.50") == [("charges", "rent", 612.5)]
