"""The words the assistant never says to a person, and the scanner that finds them in a text."""
import re

# DOMAIN.md, "Words that help, words that hurt": never these. Matched on lower-case text,
# accents optional except where they tell the word apart ("fiché" is not "une fiche").
FORBIDDEN = {
    "surendetté(e)": r"\bsurendett",
    "mauvais payeur": r"\bmauvaise?s? payeu",
    "cas social": r"\bcas sociaux?\b|\bcas social\b",
    "usager": r"\busagers?\b",
    "bénéficiaire": r"\bb[eé]n[eé]ficiaires?\b",
    "fiché": r"\bfichée?s?\b",
    "vous auriez dû": r"\bvous auriez d[uû]\b",
    "mal gérer": r"\bmal g[eé]r",
    "prise en charge": r"\bprises? en charge\b",
    "client": r"\bclients?\b|\bclient[eè]le\b",
}


def forbidden_in(text: str) -> list[str]:
    plain = " ".join(text.lower().replace("’", "'").split())
    return [label for label, pattern in FORBIDDEN.items() if re.search(pattern, plain)]
