"""Run prepdeck as ``python -m prepdeck``."""

from __future__ import annotations

from prepdeck.launch import main

if __name__ == "__main__":
    main()
