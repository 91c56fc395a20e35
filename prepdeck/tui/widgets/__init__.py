"""Widgets of the drill and summary screens."""
