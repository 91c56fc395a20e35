"""The pictures in the README and the user guide are made by a script from the app itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.screenshots import IMAGES, SHOTS, save_screenshots


async def test_the_script_saves_the_home_a_revealed_card_the_browser_and_the_interviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pictures keep the theme's colours, as the script takes them.
    monkeypatch.delenv("NO_COLOR", raising=False)
    saved = await save_screenshots(tmp_path)
    assert sorted(path.name for path in saved) == sorted(f"{name}.svg" for name in SHOTS)
    # The SVG text keeps a space as a non-breaking one.
    texts = {path.stem: path.read_text(encoding="utf-8").replace("&#160;", " ") for path in saved}
    for text in texts.values():
        assert text.startswith("<svg")
    assert "due now" in texts["home"]
    assert "Tough questions" in texts["home"]
    assert "Key points" in texts["revealed-card"]
    assert "Again" in texts["revealed-card"]
    assert "cards" in texts["browser"]
    assert "Answer" in texts["browser"]
    assert "Thu 26 Nov 2026 14:00" in texts["interviews"]
    assert "Kafka at scale" in texts["interviews"]
    # Taken once the readiness is measured, never while it is.
    assert "Ready " in texts["interviews"] and "Ready …" not in texts["interviews"]
    # The pictures in the docs are the ones the app draws today: a change to a screen
    # that leaves them behind fails here, not in a reader's eyes.
    for path in saved:
        shown = (IMAGES / path.name).read_text(encoding="utf-8")
        assert shown == path.read_text(encoding="utf-8"), (
            f"docs/images/{path.name} is stale: run python -m scripts.screenshots"
        )


def test_the_pictures_in_the_docs_are_those_the_script_names() -> None:
    root = Path(__file__).resolve().parent.parent
    for name in SHOTS:
        assert (root / "docs" / "images" / f"{name}.svg").is_file(), name
    readme = (root / "README.md").read_text(encoding="utf-8")
    guide = (root / "docs" / "user-guide.md").read_text(encoding="utf-8")
    for name in SHOTS:
        assert f"images/{name}.svg" in guide, name
    assert "docs/images/home.svg" in readme
