"""Deck format 1: the safe loader, its validator and problems, and the writer."""
