"""Studying: the drill session, catching up after a break, and leeches."""
