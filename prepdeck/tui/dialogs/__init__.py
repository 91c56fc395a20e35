"""Modal screens: they ask one thing and return the answer to the screen below."""
