"""The budget as a bar picture for the counsellor: well-formed SVG, named for screen readers,
lines not given never drawn as 0, a negative "left" drawn to the left of zero."""
import xml.etree.ElementTree as ET

from bot.handovers.budget_picture import bars, svg

NS = {"svg": "http://www.w3.org/2000/svg"}
SNAPSHOT = {
    "income": {"status": "amount", "total": 1300.0},
    "charges": {"status": "amount", "total": 900.0},
    "loans": {"status": "skip"},
    "arrears": {"status": "zero"},
    "left_to_live": -150.0,
}


def test_the_picture_is_labelled_and_says_every_line_in_words():
    root = ET.fromstring(svg(SNAPSHOT))
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS).text, root.find("svg:desc", NS).text
    assert title and root.get("aria-labelledby") == "budget-picture-title budget-picture-desc"
    assert "1\u202f300 €" in desc and "Crédits : non précisé" in desc
    assert "-150 €" in desc and desc.endswith("Retards (en tout) : 0 €")


def test_a_line_not_given_has_no_bar_and_a_negative_left_goes_left_of_zero():
    root = ET.fromstring(svg(SNAPSHOT))
    rects = root.findall("svg:rect", NS)
    zero = float(root.find("svg:line", NS).get("x1"))
    # income, charges, left and the arrears (0 €, a hairline): the loans were not given.
    assert len(rects) == 4
    income, charges, left, _ = rects
    assert float(income.get("width")) > float(charges.get("width"))
    assert float(left.get("x")) + float(left.get("width")) <= zero + 0.1
    assert [b.amount for b in bars(SNAPSHOT)] == [1300.0, 900.0, None, -150.0, 0.0]


def test_no_negative_means_no_room_kept_left_of_zero():
    positive = {**SNAPSHOT, "left_to_live": 400.0}
    root = ET.fromstring(svg(positive))
    zero = float(root.find("svg:line", NS).get("x1"))
    assert all(float(r.get("x")) >= zero for r in root.findall("svg:rect", NS))
