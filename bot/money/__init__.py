"""The budget snapshot: its lines, totals and summary, and the notes it gives the counsellor."""
