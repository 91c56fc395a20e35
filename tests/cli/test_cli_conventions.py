"""What every command shares, as docs/user-guide.md gives it (Command-line conventions):
one line per user error, exit 1; internal errors exit 2 with a log file; a reader that
leaves early is no error at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import prepdeck.cli.commands.locate
from prepdeck.cli import EXIT_STDOUT_CLOSED, main
from tests.cli.conftest import DeckServer, Route, WriteFile, bundled_card_ids, deck_yaml
from tests.cli.helpers import run_prepdeck


def prepdeck_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "prepdeck", *args]


def environment(home: Path) -> dict[str, str]:
    return dict(os.environ, PREPDECK_HOME=str(home), NO_COLOR="1")


def assert_one_line(done: subprocess.CompletedProcess[str], line: str) -> None:
    assert (done.returncode, done.stdout, done.stderr) == (1, "", line + "\n")


# --- a closed standard output ----------------------------------------------------------


def import_many_reviews(home: Path, write_file: WriteFile, count: int) -> None:
    """``count`` reviews, far more than a pipe holds once exported."""
    cards = bundled_card_ids("company-needs")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = (
        {
            "deck_id": "company-needs",
            "card_id": cards[index % len(cards)],
            "rating": 3,
            "reviewed_at": (start + timedelta(minutes=index)).isoformat(),
        }
        for index in range(count)
    )
    path = write_file("many.jsonl", "".join(json.dumps(row) + "\n" for row in rows))
    done = run_prepdeck("reviews", "import", str(path), home=home)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("export_format", ["jsonl", "csv"])
def test_an_export_read_for_one_line_ends_quietly(
    isolated_home: Path, write_file: WriteFile, export_format: str
) -> None:
    import_many_reviews(isolated_home, write_file, 2000)

    # As `prepdeck reviews export | head -1` does: one line read, then the pipe closed.
    with subprocess.Popen(
        prepdeck_command("reviews", "export", "--format", export_format),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(isolated_home),
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read().decode()
        code = process.wait(timeout=60)

    assert first.startswith(b'{"review_id"' if export_format == "jsonl" else b"review_id,")
    assert "Traceback" not in errors and "Exception" not in errors, errors
    assert errors == ""
    assert code == EXIT_STDOUT_CLOSED


DATA_COMMANDS = [
    ("reviews", "export"),
    ("deck", "list"),
    ("deck", "list", "--json"),
    ("deck", "show", "company-needs"),
    ("deck", "show", "company-needs", "--json"),
    ("stats",),
    ("stats", "--json"),
    ("locate",),
    ("locate", "--json"),
    ("--version",),
    ("--help",),
    ("deck", "show", "--help"),
    ("deck", "export", "company-needs"),
]


def test_every_command_that_prints_ends_quietly_when_stdout_is_already_closed(
    isolated_home: Path, write_file: WriteFile
) -> None:
    import_many_reviews(isolated_home, write_file, 50)
    for command in DATA_COMMANDS:
        read, write = os.pipe()
        os.close(read)  # the reader is gone before the first byte is written
        try:
            done = subprocess.run(
                prepdeck_command(*command),
                stdout=write,
                stderr=subprocess.PIPE,
                text=True,
                env=environment(isolated_home),
                timeout=60,
                check=False,
            )
        finally:
            os.close(write)
        assert (done.returncode, done.stderr) == (EXIT_STDOUT_CLOSED, ""), command


def test_an_error_told_to_a_closed_stderr_still_exits_with_its_code(
    isolated_home: Path,
) -> None:
    for command, code in ((("deck", "show", "nope"), 1), (("bogus",), 1)):
        read, write = os.pipe()
        os.close(read)
        try:
            done = subprocess.run(
                prepdeck_command(*command),
                stdout=subprocess.PIPE,
                stderr=write,
                env=environment(isolated_home),
                timeout=60,
                check=False,
            )
        finally:
            os.close(write)
        assert (done.returncode, done.stdout) == (code, b""), command


# --- user errors: one line each --------------------------------------------------------


def test_usage_errors_are_one_line_naming_the_command_and_its_help(
    isolated_home: Path, tmp_path: Path
) -> None:
    target = str(tmp_path / "out.yaml")
    cases = [
        (
            ("deck", "show"),
            "prepdeck deck show: missing argument 'ID' (see prepdeck deck show --help)",
        ),
        (
            ("deck", "export", "company-needs", "--format", "pdf", "-o", target),
            "prepdeck deck export: invalid value for '--format': 'pdf' is not one of 'yaml', "
            "'apkg', 'csv' (see prepdeck deck export --help)",
        ),
        (
            ("deck", "export", "company-needs", "-o", str(tmp_path)),
            f"prepdeck deck export: invalid value for '-o' / '--output': File '{tmp_path}' "
            "is a directory (see prepdeck deck export --help)",
        ),
        (
            ("reviews", "import", str(tmp_path)),
            f"prepdeck reviews import: invalid value for 'FILE': File '{tmp_path}' "
            "is a directory (see prepdeck reviews import --help)",
        ),
        (("bogus",), "prepdeck: no such command 'bogus' (see prepdeck --help)"),
        (
            ("card", "add", "--kind"),
            "prepdeck card add: option '--kind' requires an argument "
            "(see prepdeck card add --help)",
        ),
        (
            ("deck", "frobnicate"),
            "prepdeck deck: no such command 'frobnicate' (see prepdeck deck --help)",
        ),
        (
            ("stats", "extra"),
            "prepdeck stats: got unexpected extra argument (extra) (see prepdeck stats --help)",
        ),
    ]
    for arguments, line in cases:
        assert_one_line(run_prepdeck(*arguments, home=isolated_home), line)
    # A usage error is found before anything is opened or written.
    assert list(isolated_home.iterdir()) == []


def test_help_is_printed_whole(isolated_home: Path) -> None:
    top = run_prepdeck("--help", home=isolated_home)
    show = run_prepdeck("deck", "show", "-h", home=isolated_home)

    assert (top.returncode, top.stderr) == (0, "")
    assert top.stdout.startswith("Usage: prepdeck [OPTIONS] [COMMAND] [ARGS]...\n")
    assert "Commands:" in top.stdout
    assert (show.returncode, show.stderr) == (0, "")
    assert show.stdout.startswith("Usage: prepdeck deck show [OPTIONS] ID\n")
    assert "--all" in show.stdout


GROUPS = [(), ("card",), ("deck",), ("interview",), ("reviews",)]


def listed_commands(help_text: str) -> list[str]:
    """The command names of a group's help, from its Commands section."""
    section = help_text.split("\nCommands:\n", 1)[1]
    return [
        line.split()[0]
        for line in section.splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]


def test_help_listings_give_each_summary_whole_even_on_a_narrow_terminal(
    isolated_home: Path,
) -> None:
    narrow = dict(os.environ, PREPDECK_HOME=str(isolated_home), NO_COLOR="1", COLUMNS="40")
    for group in GROUPS:
        done = subprocess.run(
            prepdeck_command(*group, "--help"),
            capture_output=True,
            text=True,
            env=narrow,
            timeout=60,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, ""), group
        commands = done.stdout.split("\nCommands:\n", 1)[1]
        assert "..." not in commands and "…" not in commands, done.stdout
        listing = " ".join(commands.split())
        for name in listed_commands(done.stdout):
            own = run_prepdeck(*group, name, "--help", home=isolated_home)
            assert (own.returncode, own.stderr) == (0, ""), (group, name)
            assert "..." not in own.stdout.replace("[ARGS]...", "").replace("PATHS...", "")
            # The summary listed is the command's first sentence, every word of it.
            summary = " ".join(own.stdout.split("\n\n", 2)[1].split()).split(". ")[0]
            assert f"{name} {summary.removesuffix('.')}" in listing, (group, name, listing)


def test_drill_help_says_deck_repeats(isolated_home: Path) -> None:
    done = run_prepdeck("drill", "--help", home=isolated_home)

    assert done.returncode == 0, done.stderr
    option = " ".join(done.stdout.split("--deck ID", 1)[1].split("-h, --help")[0].split())
    assert "repeat" in option, option


def test_a_bad_config_is_one_line_per_key_naming_the_file(isolated_home: Path) -> None:
    config = isolated_home / "config.toml"
    config.write_text("day_start_hour = 25\n", encoding="utf-8")

    one = run_prepdeck("stats", "--json", home=isolated_home)
    config.write_text("day_start_hour = 25\nnew_per_day = -1\n", encoding="utf-8")
    two = run_prepdeck("deck", "list", home=isolated_home)

    assert_one_line(one, "config.toml: day_start_hour: must be 0-23")
    assert (two.returncode, two.stdout) == (1, "")
    assert sorted(two.stderr.splitlines()) == [
        "config.toml: day_start_hour: must be 0-23",
        "config.toml: new_per_day: must be 0-10000",
    ]


def test_messages_that_start_with_their_file_print_as_they_are(
    isolated_home: Path, tmp_path: Path, write_file: WriteFile, deck_server: DeckServer
) -> None:
    missing = tmp_path / "nope.jsonl"
    url = deck_server.serve("/gone.yaml", Route(404, b"gone"))
    deck = write_file("deck.yaml", deck_yaml("fetched", ["a"]))
    served = deck_server.serve("/deck.yaml", Route(body=deck.read_bytes()))
    wrong = "0" * 64

    assert_one_line(
        run_prepdeck("reviews", "import", str(missing), home=isolated_home),
        f"{missing}: no such file",
    )
    assert_one_line(
        run_prepdeck("deck", "install", url, home=isolated_home), f"{url}: HTTP 404 Not Found"
    )
    refused = run_prepdeck("deck", "install", served, "--sha256", wrong, home=isolated_home)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"{served}: sha256 mismatch: expected {wrong}, got ")
    for command in (("deck", "export", "company-needs"), ("reviews", "export")):
        target = tmp_path / "no-such-folder" / "out.txt"
        assert_one_line(
            run_prepdeck(*command, "-o", str(target), home=isolated_home),
            f"{target}: cannot be written (No such file or directory)",
        )
    # Others keep the program's name in front.
    assert_one_line(
        run_prepdeck("deck", "show", "nope", home=isolated_home),
        "prepdeck: no deck 'nope' is installed",
    )


# --- internal errors -------------------------------------------------------------------


def test_a_bug_exits_2_with_a_short_message_and_a_log_of_the_traceback(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(prepdeck.cli.commands.locate, "locations", broken)

    with pytest.raises(SystemExit) as exited:
        main(["locate", "--json"])

    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    prefix = "prepdeck: internal error; details in "
    assert err.startswith(prefix) and err.endswith("\n") and err.count("\n") == 1
    log = Path(err.removeprefix(prefix).strip())
    assert log.parent == isolated_home / "logs"
    details = log.read_text(encoding="utf-8")
    assert details.startswith("Traceback (most recent call last):")
    assert "in broken" in details
    assert details.rstrip().endswith("RuntimeError: boom")


def test_a_crash_log_goes_to_the_temporary_directory_when_the_home_cannot_hold_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "home-is-a-file"
    blocked.write_text("", encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("PREPDECK_HOME", str(blocked))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def broken() -> None:
        raise KeyError("lost")

    monkeypatch.setattr(prepdeck.cli.commands.locate, "locations", broken)

    with pytest.raises(SystemExit) as exited:
        main(["locate"])

    assert exited.value.code == 2
    err = capsys.readouterr().err
    log = Path(err.removeprefix("prepdeck: internal error; details in ").strip())
    assert log.parent == scratch
    assert log.read_text(encoding="utf-8").rstrip().endswith("KeyError: 'lost'")


def test_keymap_problems_are_warnings_one_line_each(isolated_home: Path) -> None:
    config = isolated_home / "config.toml"
    config.write_text(
        '[keymap]\nrevael = "v"\nskip = "b"\nnonsense = "y"\ngood = "a"\n', encoding="utf-8"
    )

    done = run_prepdeck("stats", "--json", home=isolated_home)

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["reviews_total"] == 0
    assert done.stderr.splitlines() == [
        "config.toml: keymap: revael: unknown action, ignored; did you mean reveal?",
        "config.toml: keymap: nonsense: unknown action, ignored",
        'config.toml: keymap: skip = "b": b already does bury on the drill; '
        "skip keeps its default key n",
    ]


@pytest.mark.parametrize(
    "words",
    [
        ("locate", "--json"),
        ("deck", "validate", "DECK"),
        ("deck", "validate", "--json", "DECK"),
        ("deck", "--help"),
        ("deck", "list", "--help"),
        ("stats", "-h"),
    ],
)
def test_commands_that_never_read_the_config_say_nothing_of_it(
    isolated_home: Path, tmp_path: Path, words: tuple[str, ...]
) -> None:
    (isolated_home / "config.toml").write_text('[keymap]\nrevael = "v"\n', encoding="utf-8")
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "prepdeck: 1\nid: quiet\ntitle: Quiet\ncards:\n"
        "  - id: one\n    prompt: Why?\n    answer: Because.\n    points: [Reason]\n",
        encoding="utf-8",
    )

    done = run_prepdeck(
        *(str(deck) if word == "DECK" else word for word in words), home=isolated_home
    )

    assert (done.returncode, done.stderr) == (0, "")


def test_every_bad_keymap_entry_is_an_error_of_its_own(isolated_home: Path) -> None:
    (isolated_home / "config.toml").write_text(
        'day_start_hour = 25\n[keymap]\nreveal = 3\nskip = ""\nbury = "x"\n', encoding="utf-8"
    )

    done = run_prepdeck("stats", home=isolated_home)

    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        "config.toml: day_start_hour: must be 0-23",
        'config.toml: keymap: reveal: must be a key name in quotes, e.g. "v"',
        'config.toml: keymap: skip: must be a key name in quotes, e.g. "v"',
    ]
