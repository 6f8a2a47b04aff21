"""SMS has no buttons: choices are numbered, and a number is read back as that choice."""
from rasa_ext.channels.sms import CHOICE_HINT, chosen_payload, numbered

BUTTONS = [{"title": "Faire le point", "payload": "/request_snapshot"},
           {"title": "Être rappelé·e", "payload": "/request_human"}]


def test_buttons_become_a_numbered_list():
    assert numbered("Que souhaitez-vous ?", BUTTONS) == (
        f"Que souhaitez-vous ?\n\n1. Faire le point\n2. Être rappelé·e\n{CHOICE_HINT}")


def test_a_number_picks_the_choice():
    assert chosen_payload("2", BUTTONS) == "/request_human"
    assert chosen_payload(" 1. ", BUTTONS) == "/request_snapshot"
    assert chosen_payload("1)", BUTTONS) == "/request_snapshot"


def test_anything_else_is_a_message():
    assert chosen_payload("3", BUTTONS) is None  # no third choice
    assert chosen_payload("0", BUTTONS) is None
    assert chosen_payload("2 mois de loyer", BUTTONS) is None
    assert chosen_payload("2", []) is None  # the last message had no choices
    assert chosen_payload("1200", BUTTONS) is None  # an amount, not a choice
