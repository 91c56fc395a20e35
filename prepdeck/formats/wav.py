"""WAV files in and out, as the speech engines want them: 16-bit mono at 16 kHz.

Any common WAV is read: PCM of 8, 16, 24 or 32 bits or 32-bit float, any rate from 8 to
192 kHz, any channel count. Channels are averaged into one and the rate converted (each
output sample the mean of the input samples it spans, or a straight line between two
when going up). Plain Python over ``array``, so no library is needed; anything else is
refused in one line that names the file.
"""

from __future__ import annotations

import struct
import sys
from array import array
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path

from prepdeck.errors import AudioFileError, DeckFileError
from prepdeck.formats.bounded import read_bounded

RATE = 16_000
"""The rate the speech engines hear."""

_PCM = 1
_FLOAT = 3
_EXTENSIBLE = 0xFFFE
_MAX_BYTES = 512 * 1024 * 1024
"""A WAV file larger than this is refused: half an hour of CD audio is 300 MB."""


@dataclass(frozen=True, slots=True)
class Sound:
    """Mono 16-bit little-endian samples at ``RATE``."""

    samples: bytes

    @property
    def seconds(self) -> float:
        return len(self.samples) / 2 / RATE


def read_wav(path: Path) -> Sound:
    """The sound in the WAV file at ``path``, converted to 16-bit mono at 16 kHz."""
    name = str(path)
    try:
        data = read_bounded(path, limit=_MAX_BYTES, what="a WAV file")
    except DeckFileError as problem:
        raise AudioFileError(f"{name}: {problem.message}") from None
    return parse_wav(data, name)


def parse_wav(data: bytes, name: str) -> Sound:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFileError(f"{name}: not a WAV file (convert it to WAV first)")
    fmt: bytes | None = None
    frames: bytes | None = None
    at = 12
    while at + 8 <= len(data):
        chunk, size = struct.unpack_from("<4sI", data, at)
        body = data[at + 8 : at + 8 + size]
        if chunk == b"fmt ":
            fmt = body
        elif chunk == b"data":
            # A recorder stopped mid-write leaves a size past the end: take what is there.
            frames = body
            if fmt is not None:
                break
        at += 8 + size + (size & 1)
    if fmt is None or len(fmt) < 16:
        raise AudioFileError(f"{name}: damaged WAV file (no format chunk)")
    if frames is None:
        raise AudioFileError(f"{name}: damaged WAV file (no sound data)")
    code, channels, rate, _, block, bits = struct.unpack_from("<HHIIHH", fmt)
    if code == _EXTENSIBLE and len(fmt) >= 26:
        code = struct.unpack_from("<H", fmt, 24)[0]
    if code not in (_PCM, _FLOAT):
        raise AudioFileError(f"{name}: compressed WAV (format {code}); only PCM is read")
    if (code == _FLOAT and bits != 32) or (code == _PCM and bits not in (8, 16, 24, 32)):
        raise AudioFileError(f"{name}: {bits}-bit samples are not supported")
    if not 1 <= channels <= 32:
        raise AudioFileError(f"{name}: {channels} channels")
    if not 8_000 <= rate <= 192_000:
        raise AudioFileError(f"{name}: sample rate {rate} Hz (8000-192000 are read)")
    width = bits // 8
    if block != width * channels:
        raise AudioFileError(f"{name}: damaged WAV file (block size {block})")
    frames = frames[: len(frames) - len(frames) % block]
    samples = _to_int16(frames, width, code == _FLOAT)
    mono = _mix_down(samples, channels)
    return Sound(_resample(mono, rate).tobytes())


def sound_from_samples(raw: bytes, rate: int) -> Sound:
    """16-bit mono samples in this machine's byte order at ``rate``, as a ``Sound``."""
    samples = array("h", raw[: len(raw) - len(raw) % 2])
    return Sound(_resample(samples, rate).tobytes())


def _to_int16(frames: bytes, width: int, is_float: bool) -> array[int]:
    if is_float:
        floats = array("f", frames)
        if sys.byteorder == "big":
            floats.byteswap()
        return array("h", [max(-32768, min(32767, int(value * 32767))) for value in floats])
    if width == 1:
        return array("h", [(byte - 128) << 8 for byte in frames])
    if width == 3:
        # The two high bytes of each 24-bit sample are a 16-bit sample.
        high = bytearray(len(frames) // 3 * 2)
        high[0::2] = frames[1::3]
        high[1::2] = frames[2::3]
        frames = bytes(high)
        width = 2
    if width == 4:
        wide = array("i", frames)
        if sys.byteorder == "big":
            wide.byteswap()
        return array("h", [value >> 16 for value in wide])
    samples = array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _mix_down(samples: array[int], channels: int) -> array[int]:
    if channels == 1:
        return samples
    columns = [samples[channel::channels] for channel in range(channels)]
    return array("h", [sum(frame) // channels for frame in zip(*columns, strict=True)])


def _resample(samples: array[int], rate: int) -> array[int]:
    if rate == RATE or not samples:
        return samples
    count = len(samples) * RATE // rate
    if rate > RATE:
        # Each output sample is the mean of the input samples it spans: a box filter, so
        # what is above the new rate's range folds back less than by dropping samples.
        totals = [0, *accumulate(samples)]
        edges = [index * rate // RATE for index in range(count + 1)]
        return array(
            "h",
            [
                (totals[end] - totals[start]) // max(1, end - start)
                for start, end in pairwise(edges)
            ],
        )
    last = len(samples) - 1
    out = array("h", bytes(2 * count))
    for index in range(count):
        position = index * rate / RATE
        low = int(position)
        high = min(low + 1, last)
        share = position - low
        out[index] = int(samples[low] + (samples[high] - samples[low]) * share)
    return out


def write_wav(path: Path, sound: Sound) -> None:
    """``sound`` as a 16-bit mono WAV file at ``path``."""
    import wave

    with wave.open(str(path), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(sound.samples)
