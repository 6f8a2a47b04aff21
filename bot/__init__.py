"""Logic of the CCAS budget assistant that does not depend on Rasa."""
