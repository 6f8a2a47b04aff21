"""Custom Rasa NLU components (thin adapters over bot/), and two changes to how Rasa calls the
action server: an answer when it is unreachable, and a faster check of its replies. They are
installed here because every process that runs the model imports this package when it loads
the model's components."""
from components.action_fallback import install as _install_action_fallback
from components.action_response_check import install as _install_action_response_check

_install_action_fallback()
_install_action_response_check()
