"""What the assistant says to people: the French texts, the replies composed from them, and the
dated figures they quote."""
