"""Custom Rasa NLU components and policies named in config.yml: thin adapters over bot/reading."""
