"""Rasa SDK action server: thin adapters that call into bot/."""
