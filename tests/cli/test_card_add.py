"""``prepdeck card add``: a card into my-cards from the shell, its id on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from prepdeck.domain.ids import derive_card_id
from tests.cli.helpers import run_prepdeck


def _show_personal(home: Path) -> dict[str, object]:
    shown = run_prepdeck("deck", "show", "my-cards", "--json", home=home)
    assert shown.returncode == 0, shown.stderr
    document: dict[str, object] = json.loads(shown.stdout)
    return document


def test_a_card_is_added_and_its_id_printed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = run_prepdeck(
        "card",
        "add",
        "--prompt",
        "Why [b]this[/b] team?",
        "--answer",
        "Their on-call rota.",
        "--point",
        "rota",
        "--point",
        "pager",
        "--kind",
        "company-need",
        "--tag",
        "mine",
        home=home,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == derive_card_id("Why [b]this[/b] team?") + "\n"
    assert done.stderr == ""
    document = _show_personal(home)
    assert document["title"] == "My cards"
    assert document["cards"] == [
        {
            "id": done.stdout.strip(),
            "kind": "company-need",
            "prompt": "Why [b]this[/b] team?",
            "answer": "Their on-call rota.",
            "points": ["rota", "pager"],
            "followups": [],
            "tags": ["mine"],
            "seconds": None,
            "retired": False,
        }
    ]


def test_json_output_and_a_second_card_kept_beside_the_first(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run_prepdeck("card", "add", "--prompt", "One?", "--answer", "", home=home)
    assert first.returncode == 0, first.stderr
    second = run_prepdeck("card", "add", "--prompt", "Two?", "--answer", "2", "--json", home=home)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == {
        "deck_id": "my-cards",
        "id": derive_card_id("Two?"),
        "kind": "question",
        "prompt": "Two?",
        "answer": "2",
        "points": [],
        "tags": [],
    }
    cards = _show_personal(home)["cards"]
    assert isinstance(cards, list)
    assert [card["prompt"] for card in cards] == ["One?", "Two?"]
    assert cards[0]["answer"] == ""
    listed = run_prepdeck("deck", "list", "--json", home=home)
    assert "my-cards" in [deck["id"] for deck in json.loads(listed.stdout)]


def test_mistakes_are_one_line_and_exit_1(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cases = [
        (
            ("--prompt", "P", "--answer", "A", "--kind", "story"),
            "prepdeck: unknown kind 'story': use one of question, scenario, company-need",
        ),
        (("--answer", "A"), "prepdeck: card add: --prompt is required"),
        (("--prompt", "P"), 'prepdeck: card add: --answer is required (--answer "" for none yet)'),
        (("--prompt", "  ", "--answer", "A"), "prepdeck: the prompt is empty"),
    ]
    for arguments, message in cases:
        done = run_prepdeck("card", "add", *arguments, home=home)
        assert done.returncode == 1, (arguments, done.stderr)
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith(message)
    # Nothing was added by any of them.
    assert run_prepdeck("deck", "show", "my-cards", home=home).returncode == 1


def test_the_same_prompt_twice_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run_prepdeck("card", "add", "--prompt", "Same?", "--answer", "", home=home)
    again = run_prepdeck("card", "add", "--prompt", "Same?", "--answer", "", home=home)
    assert again.returncode == 1
    assert again.stderr == (
        f"prepdeck: my-cards already has this prompt, as card {first.stdout.strip()}\n"
    )


def test_json_path_loads_neither_rich_nor_textual(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from prepdeck.cli import main\n"
        "try:\n"
        "    main(['card', 'add', '--prompt', 'P?', '--answer', '', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(','.join(sorted(m for m in ('textual', 'rich') if m in sys.modules)), "
        "file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=dict(os.environ, PREPDECK_HOME=str(tmp_path / "home")),
    )
    assert json.loads(done.stdout)["prompt"] == "P?"
    assert done.stderr.strip() == ""
