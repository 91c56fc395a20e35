"""Two homes merging through a shared folder: the same reviews and the same schedules on
both, whatever order they sync in; a second sync changes nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from prepdeck.library.personal import CardDraft
from prepdeck.srs import Rating
from tests.sync.homes import clock_of, drill, open_home, remote_files, review_set, states

HOUR = timedelta(hours=1)


@pytest.mark.parametrize("first", ["laptop", "desktop"])
def test_two_homes_end_with_the_same_log_and_schedules_whatever_the_order(
    tmp_path: Path, first: str
) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    drill(laptop, [Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.GOOD], step=HOUR)
    clock_of(desktop).advance(30 * timedelta(minutes=1))
    drill(desktop, [Rating.HARD, Rating.GOOD, Rating.GOOD], step=HOUR)
    one, other = (laptop, desktop) if first == "laptop" else (desktop, laptop)
    for home in (one, other, one):
        home.sync(str(remote))
    assert len(review_set(laptop)) == 7
    assert review_set(laptop) == review_set(desktop)
    assert states(laptop) == states(desktop)
    # Days later, both drill again, then sync the other way round.
    for home in (laptop, desktop):
        clock_of(home).advance(timedelta(days=3))
    drill(laptop, [Rating.GOOD, Rating.GOOD], step=HOUR)
    drill(desktop, [Rating.AGAIN], step=HOUR)
    for home in (other, one, other):
        home.sync(str(remote))
    assert len(review_set(laptop)) == 10
    assert review_set(laptop) == review_set(desktop)
    assert states(laptop) == states(desktop)

    before = remote_files(remote)
    log, schedules = review_set(laptop), states(laptop)
    for home in (laptop, desktop):
        again = home.sync(str(remote))
        assert again.pushed_batch is None
        assert (again.pulled_batches, again.pulled_reviews, again.pulled_items) == (0, 0, 0)
    assert remote_files(remote) == before
    assert review_set(laptop) == log == review_set(desktop)
    assert states(laptop) == schedules == states(desktop)


def test_each_home_writes_only_its_own_folder_and_never_changes_a_file(tmp_path: Path) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    drill(laptop, [Rating.GOOD], step=HOUR)
    first = laptop.sync(str(remote))
    seen = remote_files(remote)
    drill(desktop, [Rating.GOOD], step=HOUR)
    desktop.sync(str(remote))
    drill(laptop, [Rating.EASY], step=HOUR)
    laptop.sync(str(remote))
    after = remote_files(remote)
    assert all(after[name] == digest for name, digest in seen.items())
    homes = {name.split("/")[1] for name in after}
    assert homes == {first.home, desktop.sync(str(remote)).home}
    laptop_batches = sorted(n for n in after if f"/{first.home}/" in n)
    assert [n.rsplit("/", 1)[1] for n in laptop_batches] == ["00000001.jsonl", "00000002.jsonl"]


def test_a_corrupt_batch_is_named_and_skipped_and_the_rest_still_merges(tmp_path: Path) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    drill(laptop, [Rating.GOOD, Rating.GOOD], step=HOUR)
    laptop.sync(str(remote))
    stranger = remote / "prepdeck-homes" / "0123456789abcdef"
    stranger.mkdir()
    (stranger / "00000001.jsonl").write_text("{not json\n", encoding="utf-8")
    good = (remote / "prepdeck-homes").glob("*/00000001.jsonl")
    text = next(p for p in good if p.parent != stranger).read_text(encoding="utf-8")
    (stranger / "00000002.jsonl").write_text(text[: len(text) // 2], encoding="utf-8")
    whole_lines = text.splitlines(keepends=True)
    (stranger / "00000003.jsonl").write_text("".join(whole_lines[:-1]), encoding="utf-8")
    report = desktop.sync(str(remote))
    skipped = {entry["batch"]: entry["problem"] for entry in report.skipped}
    assert set(skipped) == {
        "prepdeck-homes/0123456789abcdef/00000001.jsonl",
        "prepdeck-homes/0123456789abcdef/00000002.jsonl",
        "prepdeck-homes/0123456789abcdef/00000003.jsonl",
    }
    named = "prepdeck-homes/0123456789abcdef/"
    assert skipped[named + "00000001.jsonl"] == "line 1: not a JSON object"
    assert skipped[named + "00000002.jsonl"] == "cut short (its last line has no end)"
    rows = len(whole_lines) - 1
    assert skipped[named + "00000003.jsonl"] == (f"holds {rows - 1} rows, its header says {rows}")
    assert report.pulled_reviews == 2
    assert review_set(desktop) == review_set(laptop)
    # Left where it is, and named again on the next sync.
    assert (stranger / "00000001.jsonl").read_text(encoding="utf-8") == "{not json\n"
    assert len(desktop.sync(str(remote)).skipped) == 3


def test_reviews_of_a_card_not_installed_wait_for_its_deck(tmp_path: Path) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    laptop.library.add_personal_card(CardDraft(prompt="Why this team?", answer="Because."))
    session = laptop.new_session(["my-cards"])
    session.reveal()
    session.grade(Rating.GOOD)
    laptop.sync(str(remote))
    report = desktop.sync(str(remote))
    # The personal card travels with the batch, before the reviews are imported.
    assert report.unknown_cards == []
    assert review_set(desktop) == review_set(laptop)
    assert states(desktop, "my-cards") == states(laptop, "my-cards")


def test_a_grade_that_takes_the_row_of_one_undone_after_a_push_is_pushed(
    tmp_path: Path,
) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    session = laptop.new_session(["practice"])
    session.reveal()
    session.grade(Rating.GOOD)
    laptop.sync(str(remote))
    assert session.undo()
    session.reveal()
    session.grade(Rating.HARD)
    kept = review_set(laptop)
    assert laptop.sync(str(remote)).pushed_reviews == 1
    desktop.sync(str(remote))
    # The undone review had travelled already, and stays on the other home.
    assert kept < review_set(desktop)
    assert len(review_set(desktop)) == 2


def test_an_older_copy_of_the_database_takes_back_its_lost_reviews_and_a_new_home_id(
    tmp_path: Path,
) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    laptop = open_home(tmp_path, "laptop")
    drill(laptop, [Rating.GOOD], step=HOUR)
    first = laptop.sync(str(remote))
    laptop.close()
    database = tmp_path / "laptop" / "prepdeck.sqlite3"
    saved = database.read_bytes()  # closed, so the log is folded into the file
    laptop = open_home(tmp_path, "laptop")
    drill(laptop, [Rating.EASY, Rating.HARD], step=HOUR)
    laptop.sync(str(remote))
    everything = review_set(laptop)
    laptop.close()
    database.write_bytes(saved)  # as a restored backup, or a copy on a second machine
    older = open_home(tmp_path, "laptop")
    assert len(review_set(older)) == 1
    report = older.sync(str(remote))
    assert review_set(older) == everything
    assert report.new_home is not None and report.new_home != first.home
    assert report.warnings == [
        f"another copy of this database wrote to home {first.home}: "
        f"this one writes as home {report.new_home} from now on"
    ]
    drill(older, [Rating.GOOD], step=HOUR)
    assert older.sync(str(remote)).pushed_batch == (
        f"prepdeck-homes/{report.new_home}/00000001.jsonl"
    )


def test_reviews_taking_the_rows_of_several_undone_after_a_push_are_all_pushed(
    tmp_path: Path,
) -> None:
    remote = tmp_path / "shared"
    remote.mkdir()
    laptop = open_home(tmp_path, "laptop")
    desktop = open_home(tmp_path, "desktop")
    session = laptop.new_session(["practice"])
    for _ in range(3):
        session.reveal()
        session.grade(Rating.GOOD)
    laptop.sync(str(remote))
    # Three undone: their rows are free again, and the next three grades take them.
    for _ in range(3):
        assert session.undo()
    for _ in range(3):
        session.reveal()
        session.grade(Rating.EASY)
    kept = review_set(laptop)
    assert laptop.sync(str(remote)).pushed_reviews == 3
    desktop.sync(str(remote))
    # Every review made since is there; the undone ones had travelled, and stay.
    assert kept < review_set(desktop)
    assert len(review_set(desktop)) == 6


def test_a_new_remote_gets_every_review_and_item_pushed_before(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    laptop = open_home(tmp_path, "laptop")
    drill(laptop, [Rating.GOOD, Rating.HARD, Rating.AGAIN], step=HOUR)
    laptop.library.add_personal_card(CardDraft(prompt="Why us?", answer="Your product."))
    laptop.sync(str(first))

    report = laptop.sync(str(second))
    assert report.pushed_reviews == 3
    assert any("pushed again" in warning for warning in report.warnings)
    desktop = open_home(tmp_path, "desktop")
    desktop.sync(str(second))
    assert review_set(desktop) == review_set(laptop)
    assert states(desktop) == states(laptop)
    assert [c.card.prompt for c in desktop.library.cards("my-cards")] == ["Why us?"]
    # Nothing more is lost: a second sync to the new remote pushes nothing.
    assert laptop.sync(str(second)).pushed_reviews == 0
