"""Recording a spoken answer from the default input device, through PortAudio.

``sounddevice`` (and PortAudio under it) is imported when the first recording starts. A
machine without PortAudio, or without any input device, gets a ``SpeechError`` that says
which, and everything else goes on without recording.
"""

from __future__ import annotations

from threading import Lock
from typing import Any, Protocol

from prepdeck.errors import SpeechError
from prepdeck.formats.wav import Sound, sound_from_samples


class Recorder(Protocol):
    """Records from start to stop."""

    def start(self) -> None: ...

    def stop(self) -> Sound: ...


class SoundDeviceRecorder:
    """The default input device, 16-bit mono at the device's own rate."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self._lock = Lock()
        self._stream: Any = None
        self._rate = 0

    def start(self) -> None:
        try:
            import sounddevice
        except OSError:
            raise SpeechError(
                "Cannot record: PortAudio is not installed (on Debian or Ubuntu: "
                "apt install libportaudio2)"
            ) from None
        try:
            device = sounddevice.query_devices(kind="input")
            self._rate = int(device["default_samplerate"])
            self._chunks = []
            self._stream = sounddevice.RawInputStream(
                samplerate=self._rate, channels=1, dtype="int16", callback=self._heard
            )
            self._stream.start()
        except (sounddevice.PortAudioError, ValueError) as error:
            self._stream = None
            raise SpeechError(f"Cannot record: no input device ({error})") from None

    def _heard(self, data: Any, frames: int, time: Any, status: Any) -> None:
        with self._lock:
            self._chunks.append(bytes(data))

    def stop(self) -> Sound:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()
        with self._lock:
            raw = b"".join(self._chunks)
            self._chunks = []
        return sound_from_samples(raw, self._rate or 16_000)
