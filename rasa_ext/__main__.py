"""`python -m rasa_ext run ...` / `python -m rasa_ext train ...`: Rasa's own command line, with
the project's changes installed first (rasa_ext.patches) and its output made readable
(bot.configuration.output, rasa_ext.quiet). Every argument is Rasa's."""
from __future__ import annotations

import sys

from bot.configuration import output
from rasa_ext import quiet

if __name__ == "__main__":
    output.install()  # before Rasa's imports, which warn
    from rasa.__main__ import main

    from rasa_ext.patches import install

    install()
    if sys.argv[1:2] == ["train"]:
        quiet.epochs_shown()
    main()
