"""What a person says right after a crisis answer, and what the assistant does next.

After the emergency numbers the assistant stays with the person: it asks whether they are
safe, and the next messages are read in that light first. "Personne ne répond", "et demain ?",
"je peux pas appeler, il va m'entendre" or a plain "non" to "êtes-vous en sécurité ?" get
concrete next steps, never the generic menu or the next budget question. Pure functions: the
Rasa policy (rasa_ext/components/crisis_policy.py) and the action (actions/safety.py) only adapt them.
"""
from __future__ import annotations

import re
from enum import Enum

from bot.reading.amounts import parse_amounts
from bot.reading.callback_wish import asks_for_callback, says_yes_first
from bot.reading.household import listed_household, read_household, says_children_left
from bot.reading.phone import parse_phone
from bot.reading.safety import assess, prepare

CRISIS_SUPPORT = "action_crisis_support"
CRISIS_FOLLOWUP = "action_crisis_followup"
CRISIS_ACTIONS = frozenset({CRISIS_SUPPORT, CRISIS_FOLLOWUP})
OFFER_CALLBACK = "action_offer_callback"
LISTEN = "action_listen"


class Followup(str, Enum):
    DANGER_NOW = "danger_now"  # locked in, hiding, he is coming: danger right now
    FULL = "full"  # the line answered: no bed, full
    NO_ANSWER = "no_answer"  # the emergency line does not answer
    CANNOT_CALL = "cannot_call"  # cannot speak, would be heard, no battery or credit
    AFRAID_HOME = "afraid_home"  # afraid to go home tonight
    NEXT_STEPS = "next_steps"  # "et après ?", "et demain ?", "je fais quoi ?"


class Step(str, Enum):
    """Where the crisis dialogue stands, kept in the `crisis_context` slot."""

    ASKED_SAFE = "asked_safe"  # "Êtes-vous en sécurité ?" (or, for suicide, "Pensez-vous à vous faire du mal ?")
    IN_DANGER = "in_danger"  # the person said they are in danger; "Avez-vous pu appeler ?" was asked
    STAYING = "staying"  # next steps were given; a "oui" now is an acknowledgement, not "I am safe"
    OFFERED_CALLBACK = "offered_callback"  # a callback was offered with buttons
    DONE = "done"  # the person moved on, or the conversation went back to where it was


class Reply(str, Enum):
    """Which answer action_crisis_followup gives."""

    FULL = "full"
    NO_ANSWER = "no_answer"
    CANNOT_CALL = "cannot_call"
    AFRAID_HOME = "afraid_home"
    NEXT_STEPS = "next_steps"
    NOT_SAFE = "not_safe"
    CALLED = "called"
    STAYING = "staying"
    SAFE = "safe"
    DECLINED = "declined"
    CLOSING = "closing"


_FOLLOWUPS: dict[Followup, tuple[str, ...]] = {
    Followup.DANGER_NOW: (
        r"\b(?:suis|sommes|me suis|nous sommes|on est|on s est) (?:\w+ )?(?:enfermee?s?|cachee?s?|barricadee?s?|refugiee?s?)\b",
        r"\b(?:il|elle) (?:est (?:la|derriere la porte|devant la porte|dans l appart|en bas)|arrive|revient|tape (?:a|sur) la porte|frappe a la porte|essaie d entrer|defonce|me cherche)\b",
        r"\bau secours\b|\b(?:je suis|on est|sommes) en danger\b|\bil a un (?:couteau|arme|fusil)\b",
    ),
    Followup.FULL: (
        r"\b(?:pas de place|plus de place|aucune place|complet|complets|sature|saturee|plus de lit|pas de lit)\b",
        r"\bils? (?:m ont|ont) (?:dit|repondu) (?:qu il (?:y a|y avait) )?(?:pas|plus|rien)\b",
    ),
    Followup.NO_ANSWER: (
        r"\b(?:personne|ca|sa|ils?|elles?|on|le \d+|numero) (?:ne |me |m )?(?:repond|reponds|repondent|decroche|decrochent|repondait|a repondu)\b(?: (?:pas|plus|jamais|rien))?",
        r"\b(?:repond|reponds|repondent|decroche|decrochent) (?:pas|plus|jamais)\b",
        r"\bpas de reponse\b|\baucune reponse\b|\bsans reponse\b",
        r"\b(?:sonne|ca sonne|sonnait) (?:dans le vide|occupe|sans arret|pour rien)|\btoujours occupe\b|\bc est occupe\b|\bla ligne est occupee\b",
        r"\b(?:attente|patienter|musique) (?:depuis|pendant|trop|interminable)",
    ),
    Followup.CANNOT_CALL: (
        r"\b(?:peux|peut|pourrai|pourrais|arrive) (?:pas|plus) (?:appeler|telephoner|parler|tel)\b",
        r"\b(?:il|elle|ils|on) (?:va|vont|pourrait|peut) (?:m |me )?entendre\b",
        r"\bbatterie\b|\bplus de credit\b|\bpas de credit (?:sur|de tel|telephone)|\bplus de forfait\b|\bpas de forfait\b|\bplus de reseau\b|\bpas de reseau\b",
        r"\b(?:telephone|portable|tel) (?:presque )?(?:mort|dechargee?|eteint|coupe|casse|vole|confisque)\b",
        r"\bpas de (?:telephone|portable|tel)\b",
        r"\b(?:ose|oserai|oserais) (?:pas|jamais) (?:appeler|telephoner|parler)\b",
        r"\b(?:je parle|parle) (?:pas|mal) (?:bien )?francais\b",
    ),
    Followup.AFRAID_HOME: (
        r"\bpeur (?:de|d) (?:rentrer|retourner|revenir)\b",
        r"\b(?:veux|peux|ose) (?:pas|plus) (?:rentrer|retourner|revenir) (?:chez|a la maison|la bas)",
        r"\b(?:il|elle) (?:va|vont) rentrer\b|\bil rentre (?:ce soir|bientot|tout a l heure|dans)",
    ),
    Followup.NEXT_STEPS: (
        r"^(?:et|mais|ok|d accord|dac|merci|bon|oui|ouais)? ?(?:et )?(?:apres|ensuite|demain|maintenant|la suite|pour la suite|pour demain|pour ce soir|lundi)\b",
        r"\b(?:je|on|j) (?:fais|fait|dois faire|peux faire) (?:quoi|comment)\b|\bqu est ce (?:que|qu) (?:je|on|j) (?:fais|fait|doit|dois|peux|peut)\b",
        r"\bje fais comment\b|\bcomment je fais\b|\bon fait comment\b|\bcomment on fait\b",
        r"\b(?:ou|vers qui) (?:je |est ce que je |on )?(?:peux |dois |vais )?(?:aller|me tourner|m adresser)\b",
        r"\b(?:et )?(?:demain|apres|ensuite) (?:je|on|il|qu est|quoi|comment)\b",
        r"\bquelqu un (?:peut|pourrait) (?:m aider|me rappeler|venir)\b|\bqui peut m aider\b",
        r"\bassistante? sociale?\b|\btravailleu(?:r|se) social",
    ),
}
_COMPILED = {kind: tuple(re.compile(p) for p in patterns) for kind, patterns in _FOLLOWUPS.items()}


# "ça va", "je suis en sécurité": safe, whichever way the question was put.
_SAFE_WORDS = re.compile(
    r"\b(?:ca va|ca ira|je vais bien|suis en securite|suis a l abri|pas en danger|rassurez vous)\b(?! pas)"
    r"(?<!pas en danger)|\bpas en danger\b"
)


def detect_followup(text: str) -> Followup | None:
    """The kind of follow-up to a crisis answer that `text` is, if any (first match wins)."""
    prepared = prepare(text)
    for kind, patterns in _COMPILED.items():
        if any(p.search(prepared) for p in patterns):
            return kind
    return None


# Below this, a "crisis" from the classifier alone, on a message that is plainly a household
# or an amount ("moi + mon bb", "1200 avec la caf"), is that answer.
UNSURE_CRISIS = 0.7


SHORT_ANSWER = 12  # words


def plain_answer(text: str, confidence: float) -> bool:
    """Whether a message the classifier alone called a crisis is rather a plain answer: no crisis
    wording at all, and it is a list of the people at home, or (when the classifier was unsure)
    it reads as a household or as amounts."""
    if assess(text).kinds:
        return False
    if listed_household(text) is not None:
        return True  # nothing but the people at home, one by one: never a crisis on its own
    if says_children_left(text) and read_household(text)[0] is not None and len(text.split()) <= SHORT_ANSWER:
        # "Nous sommes deux, les enfants sont partis depuis longtemps": the household, said with
        # the children who left home, which the classifier once took for a loss.
        return True
    if confidence >= UNSURE_CRISIS:
        return False
    return read_household(text) != (None, None) or bool(parse_amounts(text))


# Intents whose usual answer (a menu, "je n'ai pas compris", a goodbye) would leave a person in
# crisis alone: right after a crisis answer they get a crisis follow-up instead.
_FOLLOWUP_INTENTS = frozenset(
    {"affirm", "deny", "nlu_fallback", "out_of_scope", "confused", "greet", "stop", "goodbye", "thank"}
)
# What the person tells of their situation: in a form it may be an answer, which the form reads;
# elsewhere the usual answer is a reformulation and the menu.
_SITUATION_INTENTS = frozenset({"express_difficulty", "inform"})


def next_action(
    latest_action: str | None,
    intent: str | None,
    text: str,
    previous_bot_action: str | None,
    step: str | None,
    form_active: bool = False,
    names_money_worry: bool = False,
    new_kinds: bool = True,
    accepts_callback: bool = False,
) -> str | None:
    """The action to run now, or None to let the other policies decide.

    `latest_action` is the last action run (action_listen right after a message);
    `previous_bot_action` the last action before the person's latest message;
    `names_money_worry`: the message names a money theme (the person moves on to it, and is
    listened to as usual); `new_kinds`: the message names a crisis not answered yet ("the
    shelter line does not answer", right after it was given, is a follow-up, not a new crisis);
    `accepts_callback`: the message says yes, asks to be called, or gives a moment or a number
    (after a callback was offered, each of these is a yes to it).
    """
    if latest_action in CRISIS_ACTIONS:
        if form_active and step == Step.DONE:
            return None  # the person is ready: the form asks its question again
        # Stay with the person: no form question or menu in the same breath.
        return LISTEN
    if latest_action != LISTEN:
        return None
    in_context = previous_bot_action in CRISIS_ACTIONS and step not in (None, Step.DONE)
    if intent == "crisis" and not (in_context and not new_kinds and detect_followup(text) is not None):
        return CRISIS_SUPPORT
    if not in_context:
        return None
    followup = detect_followup(text)
    # "et demain ?" names a moment but asks what to do: the next steps, not the booking.
    takes_it = intent == "affirm" or (accepts_callback and (
        followup is None or says_yes_first(text) or asks_for_callback(text)))
    if step == Step.OFFERED_CALLBACK and not form_active and intent != "deny" and takes_it \
            and followup in (None, Followup.NEXT_STEPS):
        # "oui je veux bien, mais parlez fort", "jeudi après-midi", "04 76 ...": the callback.
        return OFFER_CALLBACK
    if followup is not None:
        return CRISIS_FOLLOWUP
    if intent in _FOLLOWUP_INTENTS:
        return CRISIS_FOLLOWUP
    # An answer to "are you safe?" is read in that light; once the next steps were given, what
    # the person goes on to tell is listened to as usual (the same steps again would not help).
    # In the middle of the budget questions, figures or the household are the form's answer;
    # anything else ("j'ai rien prévu, mais j'y pense de plus en plus") answers the safety question.
    if intent in _SITUATION_INTENTS and not names_money_worry and step in (Step.ASKED_SAFE, Step.IN_DANGER) \
            and not (form_active and _answers_a_form(text)):
        return CRISIS_FOLLOWUP
    return None


def _answers_a_form(text: str) -> bool:
    """Figures, the people at home or a phone number: what a form question asks for."""
    return read_household(text) != (None, None) or bool(parse_amounts(text)) or parse_phone(text) is not None


def step_after(reply: Reply, previous: str | None, offered: bool) -> Step:
    """Where the crisis dialogue stands after `reply`."""
    if reply in (Reply.DECLINED, Reply.CLOSING) or (reply == Reply.SAFE and not offered):
        return Step.DONE
    if offered:
        return Step.OFFERED_CALLBACK
    if reply == Reply.NOT_SAFE:
        return Step.IN_DANGER
    return Step.STAYING


def reply_for(text: str, intent: str | None, step: str | None, first_kind: str | None = None) -> Reply:
    """Which follow-up answer fits the person's message, given where the dialogue stands.

    For suicidal ideation the question was "Pensez-vous à vous faire du mal en ce moment ?", so
    "oui" means danger; for the others it was "Êtes-vous en sécurité ?", so "oui" means safe.
    """
    followup = detect_followup(text)
    if followup == Followup.DANGER_NOW:
        return Reply.NOT_SAFE
    if followup is not None:
        return Reply(followup.value)
    if intent in ("stop", "goodbye", "thank"):
        return Reply.CLOSING
    if step in (Step.ASKED_SAFE, Step.IN_DANGER, Step.STAYING) and _SAFE_WORDS.search(prepare(text)):
        return Reply.SAFE
    if step == Step.ASKED_SAFE and intent in ("affirm", "deny"):
        in_danger = (intent == "affirm") == (first_kind == "suicide")
        return Reply.NOT_SAFE if in_danger else Reply.SAFE
    if step == Step.IN_DANGER and intent == "affirm":
        return Reply.CALLED
    if step == Step.IN_DANGER and intent == "deny":
        return Reply.CANNOT_CALL
    if step == Step.STAYING and intent in ("affirm", "deny"):
        return Reply.STAYING
    if step == Step.OFFERED_CALLBACK and intent == "deny":
        return Reply.DECLINED
    return Reply.NEXT_STEPS
