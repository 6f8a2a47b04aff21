"""Phone numbers for a callback, validated and normalised with Google's libphonenumber."""
from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from bot.reading.textnorm import normalize


@dataclass(frozen=True)
class Phone:
    e164: str  # "+33612345678": what is stored
    display: str  # "06 12 34 56 78": what a French counsellor reads


def parse_phone(text: str, region: str = "FR") -> Phone | None:
    """The one valid phone number in `text` (French formats, +33, spaces, dots), or None."""
    candidates = [m.number for m in phonenumbers.PhoneNumberMatcher(text, region)]
    if not candidates:
        # The matcher wants separators it knows; people also write "06-12-34-56-78" or "06 1234 5678".
        digits = re.sub(r"(?<=\d)[\s.\-/]+(?=\d)", "", text)
        candidates = [m.number for m in phonenumbers.PhoneNumberMatcher(digits, region)]
    valid = [n for n in candidates if phonenumbers.is_valid_number(n)]
    if not valid:
        valid = _plausible_french(text, region)
    if len(valid) != 1:
        return None
    number = valid[0]
    display_format = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return Phone(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        display=phonenumbers.format_number(number, display_format),
    )


def _plausible_french(text: str, region: str) -> list[phonenumbers.PhoneNumber]:
    """A French number of the right shape that libphonenumber does not know as allocated
    ("07 11 22 33 44"): it is what the person gave, asking again would not change it. Only ten
    digits starting 01 to 07 or 09, written as a phone number (not inside a longer number)."""
    if region != "FR":
        return []
    found = []
    for match in re.finditer(r"(?<![\d+])(?:\+33\s?|0033\s?|0)([1-79])(?:[\s.\-]?\d{2}){4}(?!\d)", text):
        digits = re.sub(r"\D", "", match.group(0))
        national = digits[-9:]
        if len(set(national[1:])) == 1:
            continue  # "07 00 00 00 00": a placeholder, not someone's number
        found.append(phonenumbers.parse("+33" + national))
    return found


# "non", "je préfère ne pas le donner", "pas de portable": no number, said at the phone question.
_NO_PHONE = re.compile(
    r"^(?:non|nan|non merci)\b|\bpas de (?:numero|telephone|tel|portable)\b|"
    r"\b(?:je ne veux|je veux|je prefere|je ne prefere|je ne souhaite|j ai) pas (?:de |donner|le donner|"
    r"vous le donner|laisser|de numero|de telephone|de portable)|\bsans (?:numero|telephone)\b"
)


def refuses_phone(text: str) -> bool:
    """Whether an answer to the phone question declines to give a number."""
    return bool(_NO_PHONE.search(normalize(text)))
