"""Booking a callback with the real servers over HTTP, at chosen moments of the week: the
action server's clock is moved through the test clock file (bot.callbacks.clock)."""
import json
import subprocess
import sys
from datetime import datetime

import pytest

from bot.callbacks import bookings
from bot.callbacks.bookings import Booking
from bot.configuration.ccas import current_ccas
from bot.storage.db import session_factory
from tests.integration.callbacks_booked import book_through, booking_of
from tests.integration.chat_checks import assert_clean, joined
from tests.integration.clock_moments import CHRISTMAS_EVE, FRIDAY_EVENING, TUESDAY_10
from tests.integration.conftest import Chat

CCAS_PHONE = "04 76 69 45 94"


def show(servers, booking_id) -> dict:
    """The handover as a counsellor gets it, through the command line."""
    env = servers.env
    done = subprocess.run([sys.executable, "-m", "bot", "handovers", "show", str(booking_id), "--json"],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture
def at(servers):
    return servers.set_clock


def test_booking_during_opening_hours(servers, chat, at):
    at(TUESDAY_10)
    asked = chat.say("bonjour, je voudrais qu'une conseillère me rappelle")
    assert f"joignables en ce moment au {CCAS_PHONE}" in joined(chat.texts(asked))
    buttons = chat.buttons(asked)
    assert [b["title"] for b in buttons] == [
        "Aujourd'hui à 10 h 30", "Aujourd'hui à 14 h", "Demain à 9 h", "Demain à 14 h"]
    phone_question = chat.texts(chat.say(buttons[0]["payload"]))
    assert "À quel numéro" in joined(phone_question)
    name_question = chat.say("06 12 34 56 78")
    assert "prénom ou un pseudonyme" in joined(chat.texts(name_question))
    assert "Passer" in [b["title"] for b in chat.buttons(name_question)]
    consent_question = chat.texts(chat.say("je m'appelle Sam"))
    assert "peut-elle lire notre conversation" in joined(consent_question)
    done = joined(chat.texts(chat.say("oui, elle peut la lire")))
    assert ("une conseillère vous appellera aujourd'hui, mardi 24 novembre, à 10 h 30, au 06 12 34 56 78, "
            "en demandant Sam") in done
    assert "vous n'aurez pas à tout réexpliquer" in done
    assert "déplacer ou annuler" in done
    assert f"joignables en ce moment au {CCAS_PHONE}" in done
    booking = booking_of(servers, chat.sender)
    assert (booking.phone, booking.pseudonym, booking.consent_transcript, booking.channel) == (
        "+33612345678", "Sam", True, "rest")
    assert bookings.slot_start_of(booking).isoformat() == "2026-11-24T09:30:00+00:00"
    assert_clean(chat)


def test_friday_evening_books_for_monday(servers, chat, at):
    at(FRIDAY_EVENING)
    asked, *_, done = book_through(chat, "le plus tôt possible")
    intro = joined(chat.texts(asked))
    assert "Elles seront de retour lundi 30 novembre à 9 h" in intro
    assert CCAS_PHONE not in intro  # nobody answers the line now: no point calling it
    assert chat.buttons(asked)[0]["title"] == "Lundi 30 novembre à 9 h"
    confirmation = joined(chat.texts(done))
    assert "vous appellera lundi 30 novembre à 9 h" in confirmation
    assert "joignables en ce moment" not in confirmation
    assert_clean(chat)


def test_eve_of_a_public_holiday(servers, chat, at):
    at(CHRISTMAS_EVE)
    asked = chat.say("rappelez-moi svp")
    assert "Elles seront de retour lundi 28 décembre à 9 h" in joined(chat.texts(asked))
    assert chat.buttons(asked)[0]["title"] == "Lundi 28 décembre à 9 h"
    tomorrow = chat.say("demain matin")
    assert "jour férié" in joined(chat.texts(tomorrow))
    assert chat.buttons(tomorrow)[0]["title"] == "Lundi 28 décembre à 9 h"
    assert "À quel numéro" in joined(chat.texts(chat.say("lundi vers 11h")))
    chat.say("07 81 22 33 44")
    chat.say("passer")
    done = joined(chat.texts(chat.say("oui")))
    assert "vous appellera lundi 28 décembre à 11 h, au 07 81 22 33 44." in done
    assert booking_of(servers, chat.sender).pseudonym is None
    assert_clean(chat)


def test_an_invalid_phone_number_is_asked_again_kindly(servers, chat, at):
    at(TUESDAY_10)
    chat.say("je voudrais être rappelé")
    chat.say("demain vers 14h")
    for wrong in ("06 12 34", "mon numéro c'est le 12"):
        again = joined(chat.texts(chat.say(wrong)))
        assert "Je n'ai pas reconnu un numéro de téléphone" in again and "06 12 34 56 78" in again
    assert "prénom ou un pseudonyme" in joined(chat.texts(chat.say("+33 7.81.22.33.44")))
    chat.say("Nadia")
    chat.say("oui")
    assert booking_of(servers, chat.sender).phone == "+33781223344"
    assert_clean(chat)


def test_no_phone_number_no_booking_but_the_direct_line(servers, chat, at):
    at(TUESDAY_10)
    chat.say("je veux qu'on me rappelle")
    chat.say("demain matin vers 10h")
    refused = joined(chat.texts(chat.say("je ne veux pas donner mon numéro")))
    assert "Sans numéro, la conseillère ne peut pas vous rappeler" in refused and CCAS_PHONE in refused
    assert booking_of(servers, chat.sender) is None
    assert_clean(chat)


def test_consent_refused_shares_nothing_of_the_conversation_but_the_danger(servers, chat, at):
    at(TUESDAY_10)
    chat.say("bonjour, GEG m'a donné votre numéro, ils vont me couper le gaz")
    *_, done = book_through(chat, "jeudi à 15h", consent="non, je préfère lui expliquer moi-même")
    text = joined(chat.texts(done))
    assert "Elle ne lira pas notre conversation" in text
    assert "votre numéro, votre prénom, l'heure du rappel et vos consignes pour l'appel" in text
    handover = show(servers, booking_of(servers, chat.sender).id)
    assert handover["consent_to_share_conversation"] is False
    assert handover["transcript"] is None and handover["themes"] == [] and handover["referral"] == []
    assert handover["budget_snapshot"] is None
    # The danger spoken of reaches the counsellor all the same (the consent question says so).
    assert "energy_cut" in handover["urgency_flags"]
    assert handover["callback_at"] == "2026-11-26T15:00:00+01:00"
    assert_clean(chat)


def test_cancelling_the_callback(servers, chat, at):
    at(TUESDAY_10)
    book_through(chat, "demain à 9h")
    question = chat.say("je voudrais annuler mon rappel")
    wanted = "Vous voulez annuler le rappel prévu demain, mercredi 25 novembre, à 9 h"
    assert wanted in joined(chat.texts(question))
    assert joined(chat.texts(chat.say("oui"))).startswith("C'est fait, le rappel est annulé")
    booking = booking_of(servers, chat.sender)
    assert booking.status == "cancelled" and booking.seat is None
    again = joined(chat.texts(chat.say("annulez le rappel s'il vous plaît")))
    assert "Vous n'avez pas de rappel prévu" in again
    assert_clean(chat)


def test_moving_the_callback_by_asking_when(servers, chat, at):
    at(TUESDAY_10)
    book_through(chat, "demain à 9h")
    first = booking_of(servers, chat.sender)
    question = chat.say("je ne serai pas disponible, on peut changer l'heure du rappel ?")
    assert "Quand préférez-vous être appelé·e, plutôt ?" in joined(chat.texts(question))
    pick = chat.buttons(question)[1]
    moved = joined(chat.texts(chat.say(pick["payload"])))
    assert "votre rappel est déplacé" in moved and pick["title"].lower()[:5] in moved.lower()
    with session_factory(servers.database_url)() as session:
        assert session.get(Booking, first.id).status == "moved"
        active = bookings.active_booking(session, chat.sender)
        assert (active.phone, active.pseudonym, active.consent_transcript) == ("+33612345678", "Sam", True)
    assert_clean(chat)


def test_moving_the_callback_in_one_message(servers, chat, at):
    at(TUESDAY_10)
    book_through(chat, "demain à 9h")
    moved = joined(chat.texts(chat.say("vous pouvez me rappeler plutôt jeudi à 10h ?")))
    assert "votre rappel est déplacé : une conseillère vous appellera jeudi 26 novembre à 10 h" in moved
    existing = chat.say("je voudrais être rappelée")
    assert "Vous avez déjà un rappel prévu jeudi 26 novembre à 10 h" in joined(chat.texts(existing))
    assert [b["title"] for b in chat.buttons(existing)] == ["Le garder", "Le déplacer", "L'annuler"]
    assert "Très bien, je garde votre rappel" in joined(chat.texts(chat.say("/affirm")))
    assert_clean(chat)


def test_a_slot_taken_meanwhile_is_never_double_booked(servers, chat, at):
    at(TUESDAY_10)
    asked = chat.say("je voudrais qu'une conseillère me rappelle")
    wanted = chat.buttons(asked)[0]
    ccas = current_ccas()
    # Meanwhile, other people take every seat of that slot.
    start = datetime.fromisoformat("2026-11-24T10:30:00+01:00")
    with session_factory(servers.database_url)() as session:
        while bookings.booked_count(session, start) < ccas.counsellors_per_slot:
            bookings.book(session, slot_start=start, capacity=ccas.counsellors_per_slot,
                          sender_id="someone-else", phone="+33612345670")
    taken = chat.say(wanted["payload"])
    assert "vient d'être pris" in joined(chat.texts(taken))
    assert wanted["title"] not in [b["title"] for b in chat.buttons(taken)]
    with session_factory(servers.database_url)() as session:
        assert bookings.booked_count(session, start) == ccas.counsellors_per_slot
    assert_clean(chat)


def test_a_question_in_the_middle_of_the_booking(servers, chat, at):
    at(TUESDAY_10)
    chat.say("je voudrais être rappelé")
    chat.say("demain à 9h")
    answer = joined(chat.texts(chat.say("c'est confidentiel ?")))
    assert "secret professionnel" in answer and "À quel numéro" in answer
    assert "prénom" in joined(chat.texts(chat.say("06 12 34 56 78")))
    assert_clean(chat)


def test_handover_transcript_has_every_message_of_every_session(servers, at):
    at(TUESDAY_10)
    chat = Chat(servers.rasa_url)
    chat.say("bonjour")
    chat.say("c'est mon assistante sociale qui m'a dit de vous écrire, j'ai 3 mois de loyer en retard")
    chat.say("/session_start")  # the person comes back later: a new session
    chat.say("bonjour c'est encore moi, on va me couper l'électricité")
    book_through(chat, "demain à 14h")
    booking = booking_of(servers, chat.sender)
    handover = show(servers, booking.id)
    person = [line["text"] for line in handover["transcript"] if line["speaker"] == "person"]
    assert person == [
        "bonjour",
        "c'est mon assistante sociale qui m'a dit de vous écrire, j'ai 3 mois de loyer en retard",
        "bonjour c'est encore moi, on va me couper l'électricité",
        "je voudrais qu'une conseillère me rappelle", "demain à 14h", "06 12 34 56 78", "Sam", "oui",
    ]
    assistant = [line["text"] for line in handover["transcript"] if line["speaker"] == "assistant"]
    assert assistant == [r["text"] for r in chat.replies if "text" in r]
    assert {line["session"] for line in handover["transcript"]} == {1, 2}
    assert handover["referral"] == ["une travailleuse sociale"]
    assert {"housing", "energy"} <= set(handover["themes"])
    assert "energy_cut" in handover["urgency_flags"]
    # The person writes again before the call: the handover follows.
    chat.say("j'ai aussi reçu un commandement de quitter les lieux")
    again = show(servers, booking.id)
    assert again["transcript"][-1]["speaker"] == "assistant"
    assert "j'ai aussi reçu un commandement de quitter les lieux" in [
        line["text"] for line in again["transcript"]]
    assert "eviction" in again["urgency_flags"]
