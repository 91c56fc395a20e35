"""``prepdeck story ...``: add, list, show, edit, remove, link, suggest, import and export."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import WriteFile, assert_user_error, bundled_card_ids, run_json
from tests.cli.helpers import run_prepdeck

STORY = (
    "--title", "Cut the build time",
    "--situation", "CI took 40 minutes on every merge request.",
    "--action", "Cached dependencies and split the slow tests.",
    "--result", "Builds finish in 9 minutes.",
)  # fmt: skip


def add_story(home: Path, *extra: str) -> str:
    done = run_prepdeck("story", "add", *STORY, *extra, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_add_list_and_show_print_the_contract_shapes(isolated_home: Path) -> None:
    story_id = add_story(
        isolated_home, "--task", "Keep merges flowing.", "--metric", "40 to 9 minutes",
        "--tag", "performance", "--tag", "ci",
    )  # fmt: skip
    assert story_id == "cut-the-build-time"
    card = bundled_card_ids("tough-questions")[0]
    linked = run_prepdeck("story", "link", story_id, f"tough-questions/{card}", home=isolated_home)
    assert linked.returncode == 0, linked.stderr

    assert run_json("story", "list", "--json", home=isolated_home) == [
        {
            "id": story_id,
            "title": "Cut the build time",
            "tags": ["performance", "ci"],
            "cards": [f"tough-questions/{card}"],
        }
    ]
    assert run_json("story", "show", story_id, "--json", home=isolated_home) == {
        "id": story_id,
        "title": "Cut the build time",
        "tags": ["performance", "ci"],
        "cards": [f"tough-questions/{card}"],
        "situation": "CI took 40 minutes on every merge request.",
        "task": "Keep merges flowing.",
        "action": "Cached dependencies and split the slow tests.",
        "result": "Builds finish in 9 minutes.",
        "metric": "40 to 9 minutes",
    }
    table = run_prepdeck("story", "list", home=isolated_home)
    assert story_id in table.stdout and "performance, ci" in table.stdout
    shown = run_prepdeck("story", "show", story_id, home=isolated_home)
    assert "40 to 9 minutes" in shown.stdout and f"tough-questions/{card}" in shown.stdout


def test_a_story_is_drilled_as_a_card_of_my_stories(isolated_home: Path) -> None:
    story_id = add_story(isolated_home)
    decks = {row["id"] for row in run_json("deck", "list", "--json", home=isolated_home)}
    assert "my-stories" in decks
    shown = run_json("deck", "show", "my-stories", "--json", home=isolated_home)
    [card] = shown["cards"]
    assert card["id"] == story_id
    assert card["prompt"].startswith("Tell it in 90 seconds: Cut the build time")
    assert card["answer"].startswith("Situation: CI took 40 minutes")


def test_edit_changes_the_fields_given_and_tags_replace(isolated_home: Path) -> None:
    story_id = add_story(isolated_home, "--tag", "old", "--metric", "9 minutes")
    done = run_prepdeck(
        "story", "edit", story_id, "--title", "Faster builds", "--tag", "new", "--metric", "",
        home=isolated_home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = run_json("story", "show", story_id, "--json", home=isolated_home)
    assert (shown["title"], shown["tags"], shown["metric"]) == ("Faster builds", ["new"], None)
    assert shown["situation"] == "CI took 40 minutes on every merge request."
    cards = run_json("deck", "show", "my-stories", "--json", home=isolated_home)["cards"]
    assert "Faster builds" in cards[0]["prompt"]
    assert_user_error(
        run_prepdeck("story", "edit", story_id, "--result", " ", home=isolated_home),
        "prepdeck: a story needs a result",
    )


def test_remove_takes_the_story_and_its_links(isolated_home: Path) -> None:
    story_id = add_story(isolated_home)
    card = bundled_card_ids("tough-questions")[0]
    run_prepdeck("story", "link", story_id, f"tough-questions/{card}", home=isolated_home)
    done = run_prepdeck("story", "remove", story_id, home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert run_json("story", "list", "--json", home=isolated_home) == []
    shown = run_json("deck", "show", "my-stories", "--all", "--json", home=isolated_home)
    assert [(card["id"], card["retired"]) for card in shown["cards"]] == [(story_id, True)]
    assert_user_error(
        run_prepdeck("story", "remove", story_id, home=isolated_home),
        f"prepdeck: no story '{story_id}'; see: prepdeck story list",
    )


def test_link_unlink_and_their_refusals(isolated_home: Path) -> None:
    story_id = add_story(isolated_home)
    card = bundled_card_ids("tough-questions")[0]
    ref = f"tough-questions/{card}"
    assert run_prepdeck("story", "link", story_id, ref, home=isolated_home).returncode == 0
    assert_user_error(
        run_prepdeck("story", "link", story_id, "tough-questions/nope", home=isolated_home),
        "prepdeck: no card 'nope' in deck 'tough-questions'",
    )
    assert_user_error(
        run_prepdeck("story", "link", story_id, "nonsense", home=isolated_home),
        "write DECK/CARD",
    )
    assert_user_error(
        run_prepdeck("story", "link", "nope", ref, home=isolated_home), "no story 'nope'"
    )
    done = run_prepdeck("story", "unlink", story_id, ref, home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert run_json("story", "list", "--json", home=isolated_home)[0]["cards"] == []
    assert_user_error(
        run_prepdeck("story", "unlink", story_id, ref, home=isolated_home), "is not linked to"
    )


def test_add_refuses_a_missing_part_or_a_taken_id_in_one_line(isolated_home: Path) -> None:
    assert_user_error(
        run_prepdeck("story", "add", *STORY[:6], home=isolated_home),
        "prepdeck: story add: --result is required",
    )
    add_story(isolated_home, "--id", "build")
    assert_user_error(
        run_prepdeck("story", "add", *STORY, "--id", "build", home=isolated_home),
        "a story with id 'build' exists already",
    )
    assert len(run_json("story", "list", "--json", home=isolated_home)) == 1


def test_suggest_lists_cards_sharing_tags_first(isolated_home: Path) -> None:
    story_id = add_story(isolated_home)
    found = run_json("story", "suggest", story_id, "--json", home=isolated_home)
    assert 0 < len(found) <= 5
    assert set(found[0]) == {"card", "prompt", "score", "tags", "words"}
    assert [one["score"] for one in found] == sorted((one["score"] for one in found), reverse=True)
    assert not any(one["card"].startswith("my-stories/") for one in found)


def test_export_then_import_into_another_home_round_trips(
    isolated_home: Path, tmp_path: Path
) -> None:
    add_story(isolated_home, "--metric", "40 to 9", "--tag", "ci")
    add_story(isolated_home, "--task", "Line one.\nLine two.")
    target = tmp_path / "stories.yaml"
    done = run_prepdeck("story", "export", "-o", str(target), home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert "wrote 2 stories" in done.stdout
    printed = run_prepdeck("story", "export", home=isolated_home).stdout
    assert printed == target.read_text(encoding="utf-8")

    other = tmp_path / "other-home"
    imported = run_prepdeck("story", "import", str(target), home=other)
    assert imported.returncode == 0, imported.stderr
    assert "2 added, 0 updated" in imported.stdout
    for story_id in ("cut-the-build-time", "cut-the-build-time-2"):
        assert run_json("story", "show", story_id, "--json", home=other) == run_json(
            "story", "show", story_id, "--json", home=isolated_home
        )
    assert run_prepdeck("story", "export", home=other).stdout == printed
    again = run_prepdeck("story", "import", str(target), home=other)
    assert "0 added, 2 updated" in again.stdout


def test_a_bad_import_writes_nothing(isolated_home: Path, write_file: WriteFile) -> None:
    path = write_file(
        "bad.yaml",
        "- {title: Fine, situation: s, action: a, result: r}\n"
        "- {title: Bad, situation: s, action: a, reslt: r}\n",
    )
    done = run_prepdeck("story", "import", str(path), home=isolated_home)
    assert_user_error(done)
    assert done.stderr.splitlines() == [
        f"{path}:2:41: unknown key 'reslt' in a story; did you mean result?",
    ]
    assert run_json("story", "list", "--json", home=isolated_home) == []
    assert_user_error(
        run_prepdeck("story", "import", str(path.with_name("none.yaml")), home=isolated_home),
        "none.yaml: no such file",
    )
