"""What the counsellor reads before calling: the handover and the transcript."""
