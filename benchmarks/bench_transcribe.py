"""How long the default engine takes to transcribe a recording, against its length.

Target: at most 0.5 of the recording's length, so a two-minute answer is text within a
minute. Transcribes the five read sentences of Debian's pocketsphinx-testdata (the
engine loaded once first, as the drill keeps it loaded) and prints, per recording and in
all, the time taken over the recording's own length. The floor is the recording itself:
a ratio of 1 would be as slow as listening to it. Reading and converting the file is
timed apart.

    python -m benchmarks.bench_transcribe [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from prepdeck.formats.wav import read_wav
from prepdeck.speech.engines import PocketsphinxEngine

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    files = sorted(LIBRIVOX.glob("*.wav"))
    if not files:
        raise SystemExit("needs Debian's pocketsphinx-testdata (apt-get install it)")
    started = time.perf_counter()
    engine = PocketsphinxEngine()
    print(f"engine loaded in {(time.perf_counter() - started) * 1000:.0f} ms")
    total_audio = 0.0
    total_reading: list[float] = []
    total_time: list[float] = []
    for path in files:
        reads: list[float] = []
        times: list[float] = []
        for _ in range(options.rounds):
            start = time.perf_counter()
            sound = read_wav(path)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            engine.transcribe(sound)
            times.append(time.perf_counter() - start)
        seconds = sound.seconds
        total_audio += seconds
        total_reading.append(statistics.median(reads))
        total_time.append(statistics.median(times))
        print(
            f"{path.name[-8:]:<10} {seconds:5.2f} s of speech  transcribed in "
            f"{statistics.median(times):5.2f} s  ratio {statistics.median(times) / seconds:.2f}"
            f"  (reading {statistics.median(reads) * 1000:.1f} ms)"
        )
    print(
        f"in all      {total_audio:5.2f} s of speech  transcribed in {sum(total_time):5.2f} s"
        f"  ratio {sum(total_time) / total_audio:.2f}  (reading "
        f"{sum(total_reading) / total_audio * 100:.2f}% of the length)"
    )


if __name__ == "__main__":
    main()
