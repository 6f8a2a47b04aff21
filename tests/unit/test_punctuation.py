"""What the classifier reads of repeated punctuation."""
from bot.reading.textnorm import squeeze_punctuation


def test_runs_of_marks_are_squeezed():
    assert squeeze_punctuation("LOYER IMPAYÉ !!!!!!!!") == "LOYER IMPAYÉ !"
    assert squeeze_punctuation("vous êtes là ???") == "vous êtes là ?"
    assert squeeze_punctuation("c'est fini ?!?!") == "c'est fini ?"
    assert squeeze_punctuation("bon........ je sais pas") == "bon... je sais pas"
    assert squeeze_punctuation("loyer,,, gaz;;") == "loyer, gaz;"


def test_ordinary_text_is_unchanged():
    for text in ("je ne sais pas...", "1 200,50 €", "Vraiment ? Oui !", "15h30 : rappel"):
        assert squeeze_punctuation(text) == text
