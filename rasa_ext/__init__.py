"""Everything of the project that imports Rasa: its NLU components and policies
(`rasa_ext.components`), its input channels (`rasa_ext.channels`), the tracker and lock stores,
and three changes to how Rasa behaves (`rasa_ext.patches`). `bot/` never imports Rasa.

Importing this package changes nothing: the changes are installed by `python -m rasa_ext`, the
command that starts the Rasa server (`./run.sh`, the tests of the real servers, the image)."""
