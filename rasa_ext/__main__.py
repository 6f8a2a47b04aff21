"""`python -m rasa_ext run ...`: Rasa's own command line, with the project's changes installed
first (rasa_ext.patches). Every argument is Rasa's."""
from __future__ import annotations

from rasa.__main__ import main

from rasa_ext.patches import install

if __name__ == "__main__":
    install()
    main()
