"""What every form of the assistant shares: counting, per question, the answers it could not
read, so that no question is asked forever (the budget after two, the booking after two or
three). The counts live in one slot per form, a dict {question slot: count}."""
from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import FormValidationAction, Tracker


class CountingForm(FormValidationAction, ABC):
    """A form's validation that counts the answers not understood, question by question.
    Abstract, so that the action server registers the forms, not this base."""

    failures_slot = ""  # the slot holding the counts, set by each form
    max_failures: dict[str, int] = {}  # per question; questions not listed use `default_max`
    default_max = 2

    @abstractmethod
    def name(self) -> str:
        """The form's validation action, "validate_<form name>"."""

    def failures(self, tracker: Tracker) -> dict[str, int]:
        return dict(tracker.get_slot(self.failures_slot) or {})

    def count_failure(self, slot: str, tracker: Tracker) -> tuple[dict[str, int], bool]:
        """The counts with one more failure at `slot`, and whether that question has now
        failed too often to be asked again."""
        failures = self.failures(tracker)
        failures[slot] = failures.get(slot, 0) + 1
        return failures, failures[slot] >= self.max_failures.get(slot, self.default_max)
