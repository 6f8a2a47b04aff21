"""Alerts to the counsellors' team by email: an urgent callback just booked, or one due within
the hour. The email holds no personal data: when, and a link to the handover in the app."""
