"""When to call, said before the booking questions: "rappelez-moi mardi après-midi",
"vendredi vers 14h", "le plus tôt". Kept so that the booking starts from it."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from bot.reading.phone import parse_phone
from bot.reading.preferences import parse_preference
from bot.reading.textnorm import normalize

_CALL_WORDS = re.compile(
    r"\b(?:rappel\w*|appel\w*|telephon\w*|joindre|joignable|dispo\w*|libre|creneau\w*|contact\w*|"
    r"conseillere?|quelqu un|me parler|parler a)\b"
)
# A message that is only about a moment: "vendredi après-midi vers 14h", "demain matin".
_MOMENT_WORDS = re.compile(
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|apres demain|matin|matinee|"
    r"apres midi|aprem|midi|soir|apres|avant|un|une|semaine|prochaine?|vers|a|h|heures?|le|la|plutot|"
    r"des|de|en|"
    r"debut|fin|\d{1,2}|\d{1,2}h\d{0,2}|ou|et|si|possible|svp|stp|merci|ok|oui|bon|alors|plus tot|"
    r"au|tot|vite|n importe quand|quand|vous|voulez|je|suis|serai|peux|pourrais|prefere|prefererais|"
    r"mieux|ca|me|va|irait|arrange|plutot|n importe quelle heure|n importe quel moment|peu importe l heure|"
    r"l heure|quelle heure|importe|veux bien|je veux bien|d accord|c est bien|c est bon)\b"
)


def mentions_callback_time(message: str, today: dt.date, intent: str | None,
                           callback_offered: bool = False) -> bool:
    """Whether `message` says when the person would like to be called. Right after a callback
    was offered, any moment is an answer to it ("le jeudi après-midi c'est mieux")."""
    if parse_preference(message, today) is None:
        return False
    plain = normalize(message)
    if callback_offered or intent == "request_human" or _CALL_WORDS.search(plain):
        return True
    rest = _MOMENT_WORDS.sub(" ", plain).split()
    return len(rest) <= 1


_CHANGE = re.compile(
    r"\b(?:plutot|finalement|en fait|non|alors|attendez|ah|oups|changer|pardon|prefere|mieux)\b")


def says_new_moment(message: str, today: dt.date) -> bool:
    """At a booking question other than the time: "mardi alors", "ah non jeudi j'ai TD,
    plutôt vendredi aprem" change the moment chosen."""
    if parse_preference(message, today) is None:
        return False
    plain = normalize(message)
    return bool(_CHANGE.search(plain)) or len(_MOMENT_WORDS.sub(" ", plain).split()) <= 1


def _only_a_moment(message: str, today: dt.date, max_words: int) -> bool:
    """A message of at most `max_words` words that names a moment, and no phone number."""
    plain = normalize(message)
    return 0 < len(plain.split()) <= max_words and parse_phone(message) is None \
        and not _PHONE_WORDS.search(plain) and bool(_MOMENT_NAMED.search(plain)) \
        and parse_preference(message, today) is not None


def names_a_moment_only(message: str, today: dt.date) -> bool:
    """A short message that is a moment and nothing else: "10h", "plutôt jeudi 14h"."""
    return _only_a_moment(message, today, max_words=6)


def changes_moment(message: str, today: dt.date, asked: str | None) -> bool:
    """Whether a message typed at booking question `asked` (phone, name, consent) chooses the
    moment again. At the phone question, a moment and no number can be nothing else
    ("mercredi après-midi, n'importe quelle heure")."""
    if says_new_moment(message, today):
        return True
    return asked == "callback_phone" and _only_a_moment(message, today, max_words=8)


# A day or an hour named: "mercredi après-midi", "demain 10h" (not "mon numéro c'est le 12").
_MOMENT_NAMED = re.compile(
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|apres demain|matin|matinee|"
    r"aprem|apres midi|midi|\d{1,2} ?h(?:\d{2})?)\b")
_PHONE_WORDS = re.compile(r"\b(?:numero|num|tel|telephone|portable|fixe|joignable au)\b")


_ASKS = re.compile(
    r"\b(?:rappelez|rappellez|rappele[zr]? moi|rappelle moi|rappelle[rz]? moi|appelez|appellez|"
    r"appele[zr]? moi|"
    r"me rappeler|m appeler|me rappele|un rappel|un appel|etre rappelee?s?|etre appelee?s?|me contacter|"
    r"contactez moi|me joindre|me telephoner|telephonez moi|qu on m appelle|qu elle m appelle|"
    r"qu on me rappelle|qu elle me rappelle|de vive voix|au telephone|par telephone|"
    r"(?:quelqu un|une conseillere|la conseillere|une personne) (?:m appelle|me rappelle|me telephone)|"
    r"parler a (?:une|un|quelqu un|la) (?:conseillere|personne|humain|vrai)|"
    # "je veux bien qu'une conseillère m'aide pour le dossier": a counsellor, so a callback.
    r"(?:une|la|votre) conseillere (?:m aide|m accompagne|m aider|m accompagner|me guide|m explique|"
    r"s occupe de (?:moi|mon dossier|nous))|(?:l aide|l accompagnement) d une conseillere|"
    r"(?:parler|voir|echanger) avec (?:une|la|votre) conseillere|"
    # "passez-moi quelqu'un", "je veux un humain": a person, on the phone.
    r"passe[zr]? moi (?:quelqu un|une conseillere|un humain|une personne|un conseiller|la conseillere)|"
    r"(?:je veux|je voudrais|j exige|donnez moi) "
    r"(?:un humain|une vraie personne|un vrai humain|une personne)|"
    # "ok je réserve alors, jeudi 15h": booking is what this assistant reserves.
    r"je reserve(?! pas)|on reserve(?! pas)|je veux reserver|je voudrais reserver|"
    r"reserver (?:un|le|mon|ce) (?:rappel|creneau|appel)|"
    r"prendre (?:un )?(?:rdv|rendez vous)|je prends (?:le|ce|un) (?:creneau|rdv|rendez vous))\b"
)
_NOT_ASKING = re.compile(
    r"\b(?:pas|plus|jamais|sans) (?:besoin )?(?:de |d )?(?:rappel|appel)|"
    r"\bne (?:me )?(?:rappelez|appelez) pas\b|"
    r"\bpas la peine\b|\bannul\w*|\bdeplac\w*|\bchanger\b|\bdecaler\b|\bmon rappel\b|\bdeja un rappel\b|"
    r"\b(?:plus|pas) besoin\b|\bplutot\b|\bfinalement\b|\ba la place\b|\bautre (?:jour|heure|moment)\b|"
    r"\bj ai (?:appele|rappele)\b|\bpas (?:me |m )?(?:rappeler|appeler)\b"
)


# "oui je veux bien", "ok", "d'accord mais...": a yes at the start of a message.
_YES_FIRST = re.compile(
    r"^(?:oui|ouais|ouai|ok|okay|d accord|dac|dacc|volontiers|je veux bien|avec plaisir|bien sur|"
    r"carrement|yes|sans probleme|pourquoi pas|allez|allons y|c est d accord)\b")


def says_yes_first(message: str) -> bool:
    """Whether the message opens with a yes, whatever follows ("oui mais parlez fort")."""
    plain = normalize(message)
    return bool(_YES_FIRST.search(plain)) and not _NOT_ASKING.search(plain)


def asks_for_callback(message: str) -> bool:
    """Whether a message plainly asks to be called: "oui rappelez-moi mais pas le mercredi"."""
    plain = normalize(message)
    return bool(_ASKS.search(plain)) and not _NOT_ASKING.search(plain)


# "vous pouvez m'appeler Karim" gives a name, not a request.
_NAMING = re.compile(r"\b(?:m appeler|appelez moi|appelle moi|on m appelle|je m appelle) ([a-z]+)$")
_WHEN_WORDS = {"demain", "vite", "rapidement", "svp", "stp", "maintenant", "lundi", "mardi", "mercredi",
               "jeudi", "vendredi", "matin", "aprem", "soir", "bientot", "urgent", "asap", "merci"}


def asks_for_callback_not_naming(message: str) -> bool:
    plain = normalize(message)
    naming = _NAMING.search(plain)
    if naming and naming.group(1) not in _WHEN_WORDS:
        return False
    return asks_for_callback(message)


def accepts_callback(message: str, today: dt.date) -> bool:
    """A yes, a request to be called, a moment or a phone number: said right after a callback
    was offered, each of these takes it ("mardi 14h", "0698765432", "oui mais parlez fort")."""
    return says_yes_first(message) or asks_for_callback(message) or parse_phone(message) is not None \
        or parse_preference(message, today) is not None


# Intents that other rules answer after an offer (yes, no, a crisis, a question).
_ANSWERED_ELSEWHERE = frozenset({"affirm", "deny", "crisis", "faq", "stop", "goodbye", "request_info",
                                 "request_snapshot", "cancel_callback", "change_callback", "erase_my_data"})


def takes_callback_offer(message: str, intent: str | None, offered: bool, today: dt.date) -> bool:
    """Whether the message, right after a callback was offered, is a way of taking it that the
    intents do not say: a moment, a number, "je veux bien qu'on m'appelle"."""
    return offered and intent not in _ANSWERED_ELSEWHERE and accepts_callback(message, today)


# "annulez le rappel", "oui annulez", "plus besoin du rappel": the callback is cancelled. Not
# "annuler mes dettes" (a question about debts), nor "n'annulez pas".
_CANCELS = re.compile(
    r"\bannul\w*\s+(?:le |mon |ce |la |votre |cet |l )?(?:rappel|rdv|rendez vous|appel|reservation)\b|"
    r"\bannulez\b(?!\s+(?:mes|ma|mon|les|la|le|l)\s*(?:dettes?|credits?|dossiers?|factures?|prets?|"
    r"loyers?|dette|retards?))|"
    r"\b(?:plus|pas) besoin (?:du|de|d) (?:rappel|etre rappelee?s?|appel)\b|"
    r"\blaissez tomber (?:le )?(?:rappel|rdv)\b"
)
_KEEPS = re.compile(r"\b(?:n|ne) annul\w* (?:pas|rien)\b|\bpas (?:d )?annul\w*|\bsans annuler\b")


def cancels_callback(message: str) -> bool:
    """Whether a message asks to cancel the callback ("en fait annulez, mon frère m'aide")."""
    plain = normalize(message)
    return bool(_CANCELS.search(plain)) and not _KEEPS.search(plain)


CALLBACK_PAYLOAD = "/request_human"


def callback_offered_before(turns: Iterable[tuple[str, Sequence[Any]]]) -> bool:
    """Whether the assistant's turn just before the person's latest message showed the callback
    button. `turns` are (who, buttons) from the newest event back: who is "user", "bot" or
    anything else (actions, slots), as each Rasa side spells its events."""
    seen_user = False
    for who, buttons in turns:
        if who == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and who == "bot" and any(
                isinstance(b, dict) and b.get("payload") == CALLBACK_PAYLOAD for b in buttons):
            return True
    return False

