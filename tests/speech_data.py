"""Real read speech for the speech tests: Debian's pocketsphinx-testdata package.

Synthetic voices will not do: pocketsphinx hears a speech synthesiser's output as noise.
The package holds five sentences read from a LibriVox recording, with what was said.
``.ci/run`` installs it; tests that need it skip, saying so, where it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")

needs_recordings = pytest.mark.skipif(
    not (LIBRIVOX / "transcription").is_file(),
    reason="needs the recordings of Debian's pocketsphinx-testdata (apt-get install "
    "pocketsphinx-testdata)",
)


def recording(number: int) -> Path:
    return LIBRIVOX / f"sense_and_sensibility_01_austen_64kb-{number:04d}.wav"


def transcriptions() -> dict[Path, str]:
    """Each recording and the words read in it."""
    said: dict[Path, str] = {}
    for line in (LIBRIVOX / "transcription").read_text(encoding="utf-8").splitlines():
        words, _, name = line.rpartition("(")
        text = words.replace("<s>", "").replace("</s>", "").strip()
        said[LIBRIVOX / f"{name.strip(' )')}.wav"] = text
    return said
