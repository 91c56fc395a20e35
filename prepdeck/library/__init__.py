"""The library of decks: bundled, installed, fetched, exported, and personal decks, and the
review log as files."""
