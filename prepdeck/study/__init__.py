"""Studying: the drill session, catching up after a break, leeches, and what the user does
to one card (suspend, bury, reset) wherever it is shown, the card browser included."""
