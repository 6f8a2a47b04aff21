"""The action server registers every custom action the domain names, and nothing else: a base
class left concrete (without a name) stops the server at start."""
from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

ROOT = Path(__file__).resolve().parents[2]


def test_every_action_of_the_domain_is_served_and_every_served_action_is_named():
    executor = ActionExecutor()
    executor.register_package("actions")
    served = set(executor.actions)
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    custom = {a for a in domain["actions"] if not a.startswith("utter_")}
    forms = {f"validate_{form}" for form in domain.get("forms", {})}
    assert "" not in served
    assert custom <= served
    assert served <= custom | forms
