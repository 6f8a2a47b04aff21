"""Custom Rasa NLU components (thin adapters over bot/)."""
