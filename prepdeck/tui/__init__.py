"""The terminal app (Textual): screens, widgets and the one stylesheet they share."""
