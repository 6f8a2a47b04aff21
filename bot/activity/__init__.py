"""The CCAS's activity figures: counts per day, with no personal data, kept apart from the
conversations so that they outlive the retention purge (never rebuilt from erased data)."""
