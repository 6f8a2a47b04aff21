"""Callbacks: opening hours and the clock, free slots, bookings and their follow-up by the
counsellors, the slot a person picks."""
