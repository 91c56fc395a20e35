"""Read-only figures for the screens and the CLI: today, the deck overview and stats."""
