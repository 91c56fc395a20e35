"""prepdeck: spaced-repetition training for job interviews, in the terminal."""

from __future__ import annotations

__version__ = "0.1.0"
