"""Configuration read once: a CCAS (name, hours, phones, partners, holidays) and the settings
from the environment."""
