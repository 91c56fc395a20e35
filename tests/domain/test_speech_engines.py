"""Which engine transcribes, and the one-line errors when the one asked for cannot."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from prepdeck.errors import SpeechError
from prepdeck.formats.wav import Sound, read_wav
from prepdeck.speech.engines import PocketsphinxEngine, open_transcriber
from tests.speech_data import needs_recordings, recording


def test_the_default_engine_is_pocketsphinx_loaded_once(tmp_path: Path) -> None:
    engine = open_transcriber(None, tmp_path)
    assert isinstance(engine, PocketsphinxEngine)
    assert open_transcriber(None, tmp_path) is engine
    assert engine.transcribe(Sound(b"")) == ""


@needs_recordings
def test_the_default_engine_hears_read_speech(tmp_path: Path) -> None:
    text = open_transcriber(None, tmp_path).transcribe(read_wav(recording(930)))
    # "he might even have been made amiable himself"
    assert {"he", "might", "even", "have", "been", "made", "himself"} <= set(text.split())


def test_a_missing_model_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(SpeechError) as refused:
        open_transcriber("models/none", tmp_path)
    assert str(refused.value) == (
        f"config.toml: speech_model: no model folder at {tmp_path / 'models' / 'none'}"
    )


@pytest.mark.skipif(
    importlib.util.find_spec("faster_whisper") is not None, reason="faster-whisper is installed"
)
def test_a_model_without_faster_whisper_says_how_to_get_it(tmp_path: Path) -> None:
    (tmp_path / "model").mkdir()
    with pytest.raises(SpeechError, match=r"pip install faster-whisper"):
        open_transcriber("model", tmp_path)


def test_recording_without_portaudio_or_a_device_is_one_line() -> None:
    from prepdeck.speech.recorder import SoundDeviceRecorder

    recorder = SoundDeviceRecorder()
    try:
        recorder.start()
    except SpeechError as refused:
        message = str(refused)
        assert message.startswith("Cannot record: ")
        assert "\n" not in message
    else:  # A machine with a microphone: a recording starts and stops.
        sound = recorder.stop()
        assert sound.seconds >= 0


def test_a_recording_is_kept_only_with_keep_audio(tmp_path: Path) -> None:
    from prepdeck.config import Config
    from prepdeck.study.rehearse import Rehearse

    silence = Sound(bytes(2 * 16_000))
    spoken = Rehearse(None, Config(), tmp_path).hear(silence, name="20261125T090000-a-b")
    assert spoken.audio is None
    assert spoken.seconds == 1.0
    assert not (tmp_path / "audio").exists()
    kept = Rehearse(None, Config(keep_audio=True), tmp_path).hear(silence, name="at-a-b")
    assert kept.audio == "at-a-b.wav"
    assert read_wav(tmp_path / "audio" / "at-a-b.wav") == silence
