"""Checks on what the assistant said in a chat with the real servers."""
from tests.wording_rules import forbidden_in


def joined(texts):
    return " ".join(texts)


def assert_clean(chat):
    """Nothing shown to a person has a hurtful word or an unfilled {placeholder}."""
    for reply in chat.replies:
        text = reply.get("text", "")
        assert forbidden_in(text) == [], text
        assert "{" not in text and "}" not in text, text
