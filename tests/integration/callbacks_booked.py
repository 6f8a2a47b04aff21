"""Callbacks booked through a chat with the real servers, and read back from their database."""
from bot.callbacks.bookings import Booking
from bot.storage.db import session_factory
from tests.integration.clock_moments import TUESDAY_10
from tests.integration.conftest import Chat


def booking_of(servers, sender) -> Booking | None:
    with session_factory(servers.database_url)() as session:
        return session.query(Booking).filter_by(sender_id=sender).order_by(Booking.id.desc()).first()


def book_through(chat, first_answer, phone="06 12 34 56 78", name="Sam", consent="oui"):
    """Asks for a callback, answers every question; the replies to each message. Without a
    first answer, the first slot offered is clicked."""
    asked = chat.say("je voudrais qu'une conseillère me rappelle")
    when = chat.say(first_answer or chat.buttons(asked)[0]["payload"])
    return asked, when, chat.say(phone), chat.say(name), chat.say(consent)


def a_handover(servers, at=TUESDAY_10, opening="j'ai deux mois de loyer en retard", name="Sam"):
    """A new person says `opening`, then books the first slot offered: the chat and its booking."""
    servers.set_clock(at)
    chat = Chat(servers.rasa_url)
    chat.say(opening)
    book_through(chat, None, name=name)
    return chat, booking_of(servers, chat.sender)
