"""Normalisation of what people type, so that matching ignores case, accents and SMS habits."""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'", "‘": "'"})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """Lower-case, accent-free, words separated by single spaces, apostrophes included.

    "J’ai PEUR d’être à la rue" -> "j ai peur d etre a la rue": people write "j'ai", "jai"
    and "j ai", and patterns only have to know one of the first and last forms.
    """
    text = strip_accents(text.translate(_APOSTROPHES)).lower()
    text = text.replace("œ", "oe").replace("æ", "ae")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
