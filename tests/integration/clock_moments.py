"""Moments of the week the servers' test clock is set to (bot.callbacks.clock), in Grenoble's
time: the answers about opening hours and the slots offered depend on them."""

TUESDAY_10 = "2026-11-24T10:00:00+01:00"
FRIDAY_EVENING = "2026-11-27T18:30:00+01:00"
CHRISTMAS_EVE = "2026-12-24T17:30:00+01:00"  # Christmas is a Friday: back on Monday 28
