"""WAV files of any common rate, width and channel count, read as 16-bit mono at 16 kHz."""

from __future__ import annotations

import shutil
import struct
import subprocess
from array import array
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.errors import AudioFileError
from prepdeck.formats.wav import RATE, Sound, parse_wav, read_wav, sound_from_samples, write_wav
from tests.speech_data import needs_recordings, recording


def wav(samples: bytes, *, rate: int, channels: int, bits: int, code: int = 1) -> bytes:
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", code, channels, rate, rate * block, block, bits)
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt
    chunks += b"data" + struct.pack("<I", len(samples)) + samples
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


def values(sound: Sound) -> list[int]:
    return list(array("h", sound.samples))


def test_sixteen_bit_mono_at_16_khz_is_kept_as_it_is() -> None:
    samples = array("h", [0, 100, -100, 32767, -32768]).tobytes()
    assert parse_wav(wav(samples, rate=RATE, channels=1, bits=16), "a.wav").samples == samples


def test_channels_are_averaged() -> None:
    samples = array("h", [100, 300, -50, 50]).tobytes()
    sound = parse_wav(wav(samples, rate=RATE, channels=2, bits=16), "a.wav")
    assert values(sound) == [200, 0]


def test_widths_are_scaled_to_sixteen_bits() -> None:
    assert values(parse_wav(wav(bytes([128, 255, 0]), rate=RATE, channels=1, bits=8), "a")) == [
        0,
        127 << 8,
        -128 << 8,
    ]
    three = bytes([0x00, 0x34, 0x12, 0xFF, 0xFF, 0xFF])
    assert values(parse_wav(wav(three, rate=RATE, channels=1, bits=24), "a")) == [0x1234, -1]
    four = struct.pack("<ii", 0x12345678, -(1 << 31))
    assert values(parse_wav(wav(four, rate=RATE, channels=1, bits=32), "a")) == [0x1234, -32768]
    floats = struct.pack("<ff", 0.5, -1.0)
    assert values(parse_wav(wav(floats, rate=RATE, channels=1, bits=32, code=3), "a")) == [
        16383,
        -32767,
    ]


@given(st.sampled_from([8_000, 11_025, 22_050, 32_000, 44_100, 48_000, 96_000]))
def test_the_rate_is_converted_and_the_length_kept(rate: int) -> None:
    samples = array("h", [1000] * rate).tobytes()  # one second
    sound = parse_wav(wav(samples, rate=rate, channels=1, bits=16), "a.wav")
    assert abs(sound.seconds - 1.0) < 0.001
    # A steady level stays that level, whichever way the rate goes.
    assert set(values(sound)) == {1000}


def test_a_recording_from_the_device_is_converted_too() -> None:
    sound = sound_from_samples(array("h", [7] * 48_000).tobytes(), 48_000)
    assert len(sound.samples) == 2 * RATE


def test_written_and_read_back(tmp_path: Path) -> None:
    sound = Sound(array("h", range(-500, 500)).tobytes())
    write_wav(tmp_path / "a.wav", sound)
    assert read_wav(tmp_path / "a.wav") == sound


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a WAV file"),
        (b"ID3\x03 an mp3", "not a WAV file"),
        (b"RIFF\x04\x00\x00\x00WAVE", "no format chunk"),
        (wav(b"", rate=RATE, channels=1, bits=16)[:36], "no sound data"),
        (wav(b"\x00" * 8, rate=RATE, channels=1, bits=12), "12-bit samples"),
        (wav(b"\x00" * 8, rate=4_000, channels=1, bits=16), "sample rate 4000 Hz"),
        (wav(b"\x00" * 8, rate=RATE, channels=0, bits=16), "0 channels"),
        (wav(b"\x00" * 8, rate=RATE, channels=1, bits=8, code=85), "compressed WAV (format 85)"),
    ],
)
def test_refused_in_one_line_naming_the_file(content: bytes, message: str) -> None:
    with pytest.raises(AudioFileError) as refused:
        parse_wav(content, "answer.wav")
    assert str(refused.value).startswith("answer.wav: ")
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_folder_or_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match="no such file"):
        read_wav(tmp_path / "none.wav")
    with pytest.raises(AudioFileError, match="is a directory"):
        read_wav(tmp_path)


@needs_recordings
@pytest.mark.skipif(shutil.which("sox") is None, reason="needs sox (apt-get install sox)")
@pytest.mark.parametrize("options", [["-r", "44100", "-c", "2", "-b", "24"], ["-r", "8000"]])
def test_a_real_recording_converted_by_sox_reads_back_the_same_length(
    tmp_path: Path, options: list[str]
) -> None:
    original = read_wav(recording(880))
    converted = tmp_path / "converted.wav"
    subprocess.run(["sox", str(recording(880)), *options, str(converted)], check=True)
    again = read_wav(converted)
    assert abs(again.seconds - original.seconds) < 0.01
