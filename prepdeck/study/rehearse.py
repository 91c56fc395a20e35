"""Rehearsing out loud: a spoken answer transcribed here, and what an answer covers.

A recording or a WAV file becomes text through the engine the settings ask for
(``speech.engines``); a typed answer is taken as it is. Either is judged by one rule: the
key points it covers (``domain.spoken``), and the grade those points suggest, the same as
the drill's for points ticked by hand (``study.session.suggest_grade``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prepdeck.config import Config
from prepdeck.domain.cards import Card
from prepdeck.domain.spoken import (
    SpokenAnswer,
    count_fillers,
    count_words,
    covered_points,
    words_per_minute,
)
from prepdeck.errors import DeckFileError, FileError, SpeechError
from prepdeck.formats.bounded import read_bounded
from prepdeck.formats.wav import Sound, read_wav, write_wav
from prepdeck.speech.engines import Transcriber, open_transcriber
from prepdeck.speech.recorder import Recorder
from prepdeck.srs.state import Rating
from prepdeck.store import Store
from prepdeck.study.session import suggest_grade

_TEXT_LIMIT = 1024 * 1024
"""A typed answer longer than this (a megabyte) is no answer."""


@dataclass(frozen=True, slots=True)
class Transcript:
    """What was said, and how: ``seconds`` and ``wpm`` are None for a typed answer."""

    text: str
    seconds: float | None
    words: int
    wpm: int | None
    fillers: int


@dataclass(frozen=True, slots=True)
class PointHit:
    text: str
    hit: bool


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """An answer to one card judged against its key points (the ``rehearse`` JSON)."""

    deck_id: str
    card_id: str
    transcript: str
    seconds: float | None
    wpm: int | None
    fillers: int
    points: tuple[PointHit, ...]
    points_hit: int
    suggested_rating: int | None


def transcript_of(text: str, seconds: float | None) -> Transcript:
    """The figures of ``text``, spoken in ``seconds`` (None: typed)."""
    words = count_words(text)
    return Transcript(
        text=text,
        seconds=None if seconds is None else round(seconds, 2),
        words=words,
        wpm=None if seconds is None else words_per_minute(words, seconds),
        fillers=count_fillers(text),
    )


def judge(deck_id: str, card: Card, transcript: Transcript) -> Rehearsal:
    """Which of ``card``'s points ``transcript`` covers, and the grade they suggest."""
    hits = covered_points(transcript.text, card.points)
    rating: Rating | None = suggest_grade(sum(hits), len(hits))
    return Rehearsal(
        deck_id=deck_id,
        card_id=card.id,
        transcript=transcript.text,
        seconds=transcript.seconds,
        wpm=transcript.wpm,
        fillers=transcript.fillers,
        points=tuple(PointHit(point, hit) for point, hit in zip(card.points, hits, strict=True)),
        points_hit=sum(hits),
        suggested_rating=None if rating is None else int(rating),
    )


class Rehearse:
    """Transcribe spoken answers and judge answers against a card's key points."""

    def __init__(self, store: Store | None, config: Config, home: Path) -> None:
        self._store = store
        self._config = config
        self._home = home

    def engine(self) -> Transcriber:
        """The engine the settings ask for, loaded on first use."""
        return open_transcriber(self._config.speech_model, self._home)

    def transcribe(self, sound: Sound) -> Transcript:
        return transcript_of(self.engine().transcribe(sound), sound.seconds)

    def transcribe_file(self, path: Path) -> Transcript:
        """The WAV file at ``path``, transcribed."""
        sound = read_wav(path)
        return self.transcribe(sound)

    def card(self, deck_id: str, card_id: str) -> Card:
        if self._store is None:
            raise SpeechError("rehearse: no database open")
        return self._store.cards.get(deck_id, card_id).card

    def rehearse_file(self, deck_id: str, card_id: str, path: Path) -> Rehearsal:
        card = self.card(deck_id, card_id)
        return judge(deck_id, card, self.transcribe_file(path))

    def rehearse_text(self, deck_id: str, card_id: str, path: Path) -> Rehearsal:
        card = self.card(deck_id, card_id)
        try:
            data = read_bounded(path, limit=_TEXT_LIMIT, what="a text file")
        except DeckFileError as problem:
            raise FileError(f"{path}: {problem.message}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise FileError(f"{path}: not UTF-8 text") from None
        return judge(deck_id, card, transcript_of(text.strip(), None))

    def audio_folder(self) -> Path:
        """Where recordings are kept when ``keep_audio`` is on."""
        return self._home / "audio"

    # -- the drill's recordings ------------------------------------------------------------

    def recorder(self) -> Recorder:
        """A recorder of the default input device; it fails on ``start`` where there is none."""
        from prepdeck.speech.recorder import SoundDeviceRecorder

        return SoundDeviceRecorder()

    def hear(self, sound: Sound, *, name: str) -> SpokenAnswer:
        """A recording of the drill, transcribed; kept as ``name``.wav in the audio folder
        only when ``keep_audio`` is on. Needs no database, so a worker thread may call it."""
        transcript = self.transcribe(sound)
        audio: str | None = None
        if self._config.keep_audio:
            folder = self.audio_folder()
            audio = f"{name}.wav"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                write_wav(folder / audio, sound)
            except OSError as error:
                raise SpeechError(
                    f"{folder / audio}: cannot be written ({error.strerror or error})"
                ) from None
        return SpokenAnswer(
            transcript=transcript.text,
            seconds=round(sound.seconds, 2),
            words=transcript.words,
            fillers=transcript.fillers,
            audio=audio,
        )
