"""Rasa input channels of the project: the website chat (socket.io) and SMS (Twilio)."""
