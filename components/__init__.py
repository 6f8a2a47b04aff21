"""Custom Rasa NLU components (thin adapters over bot/), and the answer given when the action
server is unreachable (installed here because every process that runs the model imports this
package when it loads the model's components)."""
from components.action_fallback import install as _install_action_fallback

_install_action_fallback()
