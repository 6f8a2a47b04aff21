"""Budget facts read from any message (bot/reading/budget_reading.py) and applied to the snapshot once.

The sentences are of the kinds that used to be lost or misread; none is copied from an
evaluation set.
"""
import pytest

from bot.money.budget import Line, Snapshot, apply_reading
from bot.reading.budget_reading import OwedMonths, read_budget


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


def test_thousands_written_the_sms_way():
    assert figures("jtouche 2k3 en interim") == [("income", "salary", 2300)]
    assert figures("1k7 de salaire") == [("income", "salary", 1700)]


def test_a_figure_put_right_with_the_wrong_one_beside_it_replaces_it():
    reading = read_budget("au fait l'eau c'est 45 et pas 35, j'avais oublié la hausse")
    assert reading.correction
    assert [(f.label, f.monthly) for f in reading.figures] == [("water", 45)]
    snapshot = apply_all(("eau 35, edf 90", "charges"),
                         ("au fait l'eau c'est 45 et pas 35, j'avais oublié la hausse", None))
    assert snapshot.charges.detail == {"water": 45, "energy": 90}


def test_months_late_go_with_the_one_line_the_message_names():
    reading = read_budget("j'ai un gros souci avec mon prêt auto, 3 mois de retard")
    assert [(o.label, o.months) for o in reading.owed_months] == [("loans", 3)]
    # Without any line named, months alone say nothing of euros.
    assert read_budget("ça fait 3 mois de retard").owed_months == ()


def test_arrears_counted_in_months_follow_a_later_correction_of_the_charge():
    snapshot = apply_all(("j'ai 3 mois de loyer impayés", None), ("loyer 500, edf 60", "charges"))
    assert snapshot.arrears.total == 1500
    snapshot = apply_all(("non le loyer c'est 540 en fait", None), snapshot=snapshot)
    assert snapshot.arrears.total == 1620
    # An amount of arrears given afterwards is the person's figure: a correction of the rent no
    # longer changes it.
    snapshot = apply_all(("au total je dois 1700 au bailleur", "arrears"), ("loyer 550 pas 540", None),
                         snapshot=snapshot)
    assert snapshot.arrears.total == 1700
    assert Snapshot.from_dict(snapshot.to_dict()) == snapshot


def test_the_answer_to_the_charges_question_completes_a_line_said_before():
    snapshot = apply_all(("on s'en sort plus, loyer 610 et je gagne 1500", None),
                         ("gaz 80, box 30", "charges"))
    assert snapshot.charges.detail == {"rent": 610, "energy": 80, "phone": 30}
    # A line named again takes its new figure; a total given for the question is the total.
    snapshot = apply_all(("loyer 630, gaz 80", "charges"), snapshot=snapshot)
    assert snapshot.charges.detail == {"rent": 630, "energy": 80, "phone": 30}
    snapshot = apply_all(("dans les 900 en tout", "charges"), snapshot=snapshot)
    assert snapshot.charges.total == 900


def test_a_smaller_figure_after_a_total_adds_to_it_a_breakdown_replaces_it():
    snapshot = apply_all(("lui 1200 et moi 1400", "income"),
                         ("ah non en fait on est 3, sa mère vit avec nous, elle a sa retraite de 850", None))
    assert snapshot.income.total == 3450
    snapshot = apply_all(("2000 par mois", "income"), ("salaire 1650 et caf 350", None))
    assert snapshot.income.total == 2000


def test_each_of_several_and_bills_to_come():
    assert figures("je paie 3 pensions alimentaires de 150 chacune") == [("charges", "maintenance", 450)]
    assert figures("assurance auto 40 + habitation 15") == [
        ("charges", "insurance", 15), ("charges", "insurance", 40)]
    reading = read_budget("aucun retard mais la facture d'eau de 300 va arriver")
    assert reading.figures == () and reading.none == {"arrears"}


def test_a_yearly_tax_is_a_monthly_charge_and_owed_whole_when_unpaid():
    assert figures("taxe d'habitation 720 par an", "charges") == [("charges", "taxes", 60)]
    assert figures("la taxe foncière fait 1500 à l'année et celle de cette année n'est pas réglée") == [
        ("arrears", "taxes", 1500), ("charges", "taxes", 125)]


def test_a_year_of_self_employed_income_is_spread_over_the_months():
    assert figures("sur l'année j'ai fait dans les 15 000", "income") == [("income", "other", 1250)]
    # A former monthly figure stays aside.
    assert figures("avant je touchais 1900", "income") == []


def test_the_charge_after_months_owed_is_the_monthly_charge():
    before = "le bailleur m'a relancé, je lui dois 2 mois de loyer"
    reading = read_budget("le loyer c 590 cc", None, frozenset(), before)
    assert [(f.group, f.monthly) for f in reading.figures] == [("charges", 590)]
    # Said late without a count, the amount named next is what is late.
    reading = read_budget("loyer 590", None, frozenset(), "retard de loyer")
    assert [(f.group, f.monthly) for f in reading.figures] == [("arrears", 590)]


def test_bills_said_late_then_counted():
    before = "c'est pour mes factures de gaz en retard"
    reading = read_budget("on en a 3 de 90 environ", None, frozenset(), before)
    assert [(f.group, f.label, f.monthly) for f in reading.figures] == [("arrears", "energy", 270)]


def test_a_yearly_tax_said_unpaid_without_its_amount_is_a_year_of_it():
    snapshot = apply_all(("impôts locaux 840 à l'année, edf 60", "charges"),
                         ("tout est à jour sauf les impôts locaux, on n'a pas pu les payer", "arrears"))
    assert snapshot.arrears.total == 840


def test_a_bare_amount_after_a_line_is_of_that_line_or_question():
    assert figures("3 relances de l'eau en retard, 60 et 75") == [
        ("arrears", "water", 60), ("arrears", "water", 75)]
    assert figures("je perçois 900 et 250") == [("income", "other", 250), ("income", "other", 900)]


def test_a_clause_that_says_its_question_is_not_the_line_named_before():
    from bot.reading.budget_reading import read_budget

    said = "l'huissier est passé pour l'électricité. je gagne 1180 par mois, le loyer 590"
    assert [(f.group, f.label, f.monthly) for f in read_budget(said).figures] == [
        ("income", "other", 1180.0), ("charges", "rent", 590.0)]
    # Without a question of its own, the amount still goes with the line just named.
    overdraft = read_budget("juste le découvert, il tourne autour de 650").figures
    assert [(f.group, f.label) for f in overdraft] == [("arrears", "overdraft")]
