"""Phone numbers for a callback, validated and normalised with Google's libphonenumber."""
from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers


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
