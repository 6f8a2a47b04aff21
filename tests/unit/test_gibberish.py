import pytest
import spacy

from rasa_ext.components.gibberish import is_gibberish


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("fr_core_news_md", disable=["parser", "ner", "morphologizer", "lemmatizer"])


@pytest.mark.parametrize("text", ["zqxj wvkp", "plmok ijnuhb", "qsdfghjklm", "😭😭😭🙏", "😀😀", "???"])
def test_keyboard_mashing_is_gibberish(nlp, text):
    assert is_gibberish([(t.text, t.is_oov) for t in nlp(text)])


@pytest.mark.parametrize(
    "text",
    ["bonjour", "slt", "g des dettes", "jcomprend rien", "1200", "", "jsuis a la rue", "cofidis",
     "rsa", "merci 🙏", "06 12 34 56 78"],
)
def test_real_messages_are_not(nlp, text):
    assert not is_gibberish([(t.text, t.is_oov) for t in nlp(text)])
