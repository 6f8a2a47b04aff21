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


_EXCLAIM_ASK = re.compile(r"[!?]{2,}")
_DOTS = re.compile(r"\.{4,}")
_REPEATED_MARK = re.compile(r"([,;:])\1+")


def squeeze_punctuation(text: str) -> str:
    """"LOYER IMPAYÉ !!!!!!!!" -> "LOYER IMPAYÉ !": people in distress repeat marks, and a run of
    them weighed more in the classifier than the words (it read that message as a "yes").
    A run with a "?" stays a question; dots stay an ellipsis."""
    text = _EXCLAIM_ASK.sub(lambda run: "?" if "?" in run.group() else "!", text)
    text = _DOTS.sub("...", text)
    return _REPEATED_MARK.sub(r"\1", text)
