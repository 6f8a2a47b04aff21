"""Messages as Rasa's NLU pipeline hands them to the project's components: text and intent."""
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message


def classified(text: str, intent: str, confidence: float = 0.9) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    return message
