"""``prepdeck optimize`` as a real subprocess, over a log written in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.clock import FixedClock
from prepdeck.paths import locations
from prepdeck.services import open_services
from prepdeck.srs.fit import MIN_REVIEWS
from tests.cli.conftest import assert_user_error, run_json
from tests.cli.helpers import run_prepdeck
from tests.domain.forgetful import START, forgetful_reviews
from tests.domain.histories import install

KEYS = {
    "parameters",
    "reviews_used",
    "log_loss_before",
    "log_loss_after",
    "rmse_before",
    "rmse_after",
    "applied",
}


def forgetful_home(home: Path, monkeypatch: pytest.MonkeyPatch, cards: int = 150) -> None:
    monkeypatch.setenv("PREPDECK_HOME", str(home))
    with open_services(locations(), sync_bundled=False, clock=FixedClock(START)) as services:
        card_ids = install(services._store, "star", cards, now=START)
        services.reviews.import_reviews(forgetful_reviews("star", card_ids, reviews_per_card=8))


def test_dry_run_then_apply_then_undo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    forgetful_home(home, monkeypatch)

    dry = run_json("optimize", "--dry-run", "--json", home=home)
    assert set(dry) == KEYS
    assert dry["applied"] is False
    assert len(dry["parameters"]) == 21
    assert dry["reviews_used"] >= MIN_REVIEWS
    assert dry["log_loss_after"] < dry["log_loss_before"]
    assert dry["rmse_after"] < dry["rmse_before"]

    applied = run_json("optimize", "--json", home=home)
    assert applied["applied"] is True
    assert applied["parameters"] == dry["parameters"]
    # Now the fitted set is the one in force: "before" is measured with it.
    again = run_json("optimize", "--dry-run", "--json", home=home)
    assert again["log_loss_before"] == pytest.approx(applied["log_loss_after"])

    undone = run_prepdeck("optimize", "--undo", home=home)
    assert undone.returncode == 0, undone.stderr
    assert "default parameters are in force again" in undone.stdout
    assert run_json("optimize", "--dry-run", "--json", home=home)["log_loss_before"] == (
        pytest.approx(dry["log_loss_before"])
    )


def test_too_few_reviews_is_one_line_naming_how_many_more(tmp_path: Path) -> None:
    done = run_prepdeck("optimize", home=tmp_path / "home")
    assert_user_error(done, f"optimize: 0 reviews to learn from, {MIN_REVIEWS} more needed")
    assert len(done.stderr.strip().splitlines()) == 1


def test_undo_with_nothing_fitted_is_refused(tmp_path: Path) -> None:
    done = run_prepdeck("optimize", "--undo", home=tmp_path / "home")
    assert_user_error(done, "nothing to undo")


def test_retention_suggests_a_retention_and_what_it_changes(tmp_path: Path) -> None:
    done = run_json("optimize", "--retention", "--json", home=tmp_path / "home")
    assert done["desired_retention"] == 0.9
    assert 0.7 <= done["suggested_retention"] <= 0.99
    assert done["seconds_per_card_suggested"] <= done["seconds_per_card_now"]
    human = run_prepdeck("optimize", "--retention", home=tmp_path / "home")
    assert human.returncode == 0, human.stderr
    assert "Suggested" in human.stdout


def test_one_mode_at_a_time(tmp_path: Path) -> None:
    done = run_prepdeck("optimize", "--undo", "--dry-run", home=tmp_path / "home")
    assert_user_error(done, "optimize: give one of --dry-run, --undo and --retention")
