"""Plain values and rules: cards and decks, ids, days, limits, keys, leeches, wording."""
