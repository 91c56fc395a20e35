"""``prepdeck transcribe`` and ``prepdeck rehearse`` on real recordings and typed answers."""

from __future__ import annotations

import struct
from pathlib import Path

from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck
from tests.speech_data import needs_recordings, recording, transcriptions

# A card whose points the recording of sentence 920 ("had he married a more amiable
# woman he might have been made still more respectable than he was") covers in part.
DECK = """\
prepdeck: 1
id: austen
title: Austen
cards:
  - id: dashwood
    prompt: What kind of man was John Dashwood?
    answer: Not ill disposed, but cold hearted and selfish.
    seconds: 5
    points:
      - An amiable woman
      - More respectable
      - Names the budget and the deadline
      - Gives a percentage
"""


def _home_with_deck(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    deck = tmp_path / "austen.yaml"
    deck.write_text(DECK, encoding="utf-8")
    done = run_prepdeck("deck", "install", str(deck), home=home)
    assert done.returncode == 0, done.stderr
    return home


@needs_recordings
def test_transcribe_hears_most_words_of_read_speech(tmp_path: Path) -> None:
    heard = 0
    total = 0
    for path, said in transcriptions().items():
        result = run_json("transcribe", str(path), "--json", home=tmp_path)
        assert list(result) == ["text", "seconds", "words", "wpm", "fillers"]
        assert isinstance(result["fillers"], int)
        assert result["words"] == len(result["text"].split())
        assert 2.5 < result["seconds"] < 7.5
        assert result["wpm"] == round(result["words"] * 60 / result["seconds"])
        spoken = result["text"].split()
        reference = said.split()
        heard += sum(word in spoken for word in reference)
        total += len(reference)
    # pocketsphinx's small model gets most words of clear read speech, not all.
    assert heard / total >= 0.6, heard / total


@needs_recordings
def test_rehearse_ticks_the_points_the_recording_covers(tmp_path: Path) -> None:
    home = _home_with_deck(tmp_path)
    result = run_json("rehearse", "austen/dashwood", str(recording(920)), "--json", home=home)
    assert list(result) == [
        "deck_id",
        "card_id",
        "transcript",
        "seconds",
        "wpm",
        "fillers",
        "points",
        "points_hit",
        "suggested_rating",
    ]
    assert (result["deck_id"], result["card_id"]) == ("austen", "dashwood")
    assert "amiable woman" in result["transcript"]
    assert [point["hit"] for point in result["points"]] == [True, True, False, False]
    assert next(point["text"] for point in result["points"]) == "An amiable woman"
    assert result["points_hit"] == 2
    # Half of the points: Good, as ticking two of four by hand suggests.
    assert result["suggested_rating"] == 3
    assert result["seconds"] > 5
    assert isinstance(result["wpm"], int)


def test_rehearse_a_typed_answer_all_some_none(tmp_path: Path) -> None:
    home = _home_with_deck(tmp_path)
    answers = {
        "all": "An amiable woman, more respectable; the budget and the deadline; 12%.",
        "some": "She was a most amiable woman.",
        "none": "I would rather not say.",
    }
    hits = {}
    ratings = {}
    for name, answer in answers.items():
        typed = tmp_path / f"{name}.txt"
        typed.write_text(answer, encoding="utf-8")
        result = run_json("rehearse", "austen/dashwood", "--text", str(typed), "--json", home=home)
        assert result["seconds"] is None and result["wpm"] is None
        assert result["transcript"] == answer
        hits[name] = [point["hit"] for point in result["points"]]
        ratings[name] = result["suggested_rating"]
    assert hits == {
        "all": [True, True, True, True],
        "some": [True, False, False, False],
        "none": [False, False, False, False],
    }
    assert ratings == {"all": 3, "some": 2, "none": 1}


def test_a_number_covers_a_point_that_asks_for_one(tmp_path: Path) -> None:
    home = _home_with_deck(tmp_path)
    typed = tmp_path / "number.txt"
    typed.write_text("It cut the waiting time by a third, from 9 days to 6.", encoding="utf-8")
    result = run_json("rehearse", "austen/dashwood", "--text", str(typed), "--json", home=home)
    assert [point["hit"] for point in result["points"]] == [False, False, False, True]


def test_human_output_lists_the_points(tmp_path: Path) -> None:
    home = _home_with_deck(tmp_path)
    typed = tmp_path / "a.txt"
    typed.write_text("um, an amiable woman, you know", encoding="utf-8")
    done = run_prepdeck("rehearse", "austen/dashwood", "--text", str(typed), home=home)
    assert done.returncode == 0, done.stderr
    assert "[x] An amiable woman" in done.stdout
    assert "[ ] More respectable" in done.stdout
    assert "Fillers     2" in done.stdout
    assert "Suggested grade: Hard (2)" in done.stdout


def _wav(fmt: bytes, data: bytes) -> bytes:
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data))
    body = b"WAVE" + chunks + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def test_bad_wav_files_get_one_line(tmp_path: Path) -> None:
    alaw = _wav(struct.pack("<HHIIHH", 6, 1, 8000, 8000, 1, 8), b"\x00" * 100)
    cases = {
        "text.wav": (b"hello, not sound", "not a WAV file"),
        "empty.wav": (b"", "not a WAV file"),
        "cut.wav": (b"RIFF\x10\x00\x00\x00WAVEfmt \x10\x00", "damaged WAV file"),
        "alaw.wav": (alaw, "compressed WAV (format 6)"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        done = run_prepdeck("transcribe", str(path), "--json", home=tmp_path / "home")
        assert_user_error(done, f"{path}: {message}")
        assert len(done.stderr.strip().splitlines()) == 1
    missing = tmp_path / "missing.wav"
    assert_user_error(
        run_prepdeck("transcribe", str(missing), home=tmp_path / "home"), f"{missing}: no such file"
    )


def test_rehearse_refuses_unknown_cards_and_bad_arguments(tmp_path: Path) -> None:
    home = _home_with_deck(tmp_path)
    typed = tmp_path / "a.txt"
    typed.write_text("an answer", encoding="utf-8")
    assert_user_error(
        run_prepdeck("rehearse", "austen/nope", "--text", str(typed), home=home), "nope"
    )
    assert_user_error(run_prepdeck("rehearse", "austen/dashwood", home=home), "--text")
    assert_user_error(
        run_prepdeck("rehearse", "austen-dashwood", "--text", str(typed), home=home), "DECK/CARD"
    )
    assert_user_error(
        run_prepdeck("rehearse", "austen/dashwood", "--text", str(tmp_path / "no.txt"), home=home),
        "no such file",
    )
