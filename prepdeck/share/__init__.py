"""Getting decks in and out: install from files and URLs, export, review logs."""
