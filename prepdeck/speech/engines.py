"""The engines that turn a spoken answer into text, all of them offline.

The default is pocketsphinx, whose English model ships inside its wheel: it needs no
download. A better one, faster-whisper, is used when the user has installed it and set
``speech_model`` in config.toml to a model folder on disk; it is opened with downloads
turned off, so nothing leaves the machine either way.
"""

from __future__ import annotations

from pathlib import Path
from threading import Lock
from typing import Protocol

from prepdeck.errors import SpeechError
from prepdeck.formats.wav import RATE, Sound


class Transcriber(Protocol):
    """Turns a sound into the words said in it."""

    @property
    def name(self) -> str: ...

    def transcribe(self, sound: Sound) -> str: ...


class PocketsphinxEngine:
    """CMU pocketsphinx with the US English model of its wheel."""

    name = "pocketsphinx"

    def __init__(self) -> None:
        try:
            from pocketsphinx import Decoder
        except ImportError as error:
            raise SpeechError(f"speech: pocketsphinx cannot be loaded ({error})") from None
        self._decoder = Decoder(samprate=RATE, loglevel="FATAL")
        self._lock = Lock()

    def transcribe(self, sound: Sound) -> str:
        if not sound.samples:
            return ""
        # One decoder, one utterance at a time.
        with self._lock:
            decoder = self._decoder
            decoder.start_utt()
            decoder.process_raw(sound.samples, full_utt=True)
            decoder.end_utt()
            hypothesis = decoder.hyp()
        return hypothesis.hypstr.strip() if hypothesis is not None else ""


class WhisperEngine:
    """A faster-whisper model from a folder on disk, on the CPU."""

    name = "faster-whisper"

    def __init__(self, model: Path) -> None:
        if not model.is_dir():
            raise SpeechError(f"config.toml: speech_model: no model folder at {model}")
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise SpeechError(
                "config.toml: speech_model is set but faster-whisper is not installed "
                "(pip install faster-whisper), or remove speech_model to use pocketsphinx"
            ) from None
        try:
            self._model = WhisperModel(
                str(model), device="cpu", compute_type="int8", local_files_only=True
            )
        except (OSError, RuntimeError, ValueError) as error:
            raise SpeechError(f"config.toml: speech_model: cannot load {model} ({error})") from None
        self._lock = Lock()

    def transcribe(self, sound: Sound) -> str:
        if not sound.samples:
            return ""
        import numpy

        audio = numpy.frombuffer(sound.samples, dtype=numpy.int16).astype(numpy.float32) / 32768
        with self._lock:
            segments, _ = self._model.transcribe(audio, language="en", beam_size=5)
            return " ".join(segment.text.strip() for segment in segments).strip()


_OPENED: dict[str | None, Transcriber] = {}
_OPENING = Lock()


def open_transcriber(speech_model: str | None, home: Path) -> Transcriber:
    """The engine the settings ask for, loaded once per process (pocketsphinx takes a
    quarter of a second to load its model). A relative ``speech_model`` is taken from
    the home."""
    key = speech_model
    with _OPENING:
        engine = _OPENED.get(key)
        if engine is None:
            if speech_model is None:
                engine = PocketsphinxEngine()
            else:
                engine = WhisperEngine(home / Path(speech_model).expanduser())
            _OPENED[key] = engine
        return engine
