"""The user's own memory model: FSRS parameters fitted to the log, applied, undone."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import fsrs
import pytest

from prepdeck.clock import FixedClock
from prepdeck.errors import NotEnoughReviewsError
from prepdeck.services import Services, open_services
from prepdeck.srs import CardState, Rating, SrsScheduler
from prepdeck.srs.fit import MIN_REVIEWS, day_gaps
from prepdeck.srs.scheduler import DEFAULT_WEIGHTS, recall_predictions
from prepdeck.store import ImportedReview, ReviewMode
from prepdeck.study.optimize import ModelStatus, recall_figures
from tests.domain.forgetful import START, forgetful_reviews
from tests.domain.histories import install

CARDS = 150
REVIEWS_PER_CARD = 8
NOW = START + timedelta(days=400)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("PREPDECK_HOME", str(tmp_path / "home"))
    services = open_services(sync_bundled=False, clock=FixedClock(NOW), fuzzing=False)
    yield services
    services.close()


def give_forgetful_log(
    home: Services, cards: int = CARDS, per_card: int = REVIEWS_PER_CARD
) -> None:
    card_ids = install(home._store, "star", cards, now=NOW)
    home.reviews.import_reviews(forgetful_reviews("star", card_ids, reviews_per_card=per_card))


def card_states(home: Services) -> dict[str, tuple[CardState | None, int, int]]:
    return {
        card.card_id: (card.schedule, card.reps, card.lapses)
        for card in home._store.decks.cards("star")
    }


def logged_states(home: Services) -> list[tuple[object, ...]]:
    return home._store._db.rows(
        "SELECT review_id, state_before, stability_before, state, stability, difficulty, due "
        "FROM reviews ORDER BY review_id"
    )


def test_a_fit_to_a_fast_forgetter_predicts_their_log_better(home: Services) -> None:
    give_forgetful_log(home)
    states = card_states(home)

    fit = home.optimize(apply=False)

    assert fit.reviews_used >= MIN_REVIEWS
    assert fit.log_loss_after < fit.log_loss_before
    assert fit.rmse_after < fit.rmse_before
    assert len(fit.parameters) == 21
    assert fit.parameters != DEFAULT_WEIGHTS
    # Forgetting faster: the fitted first stability after Good is below the default's.
    assert fit.parameters[2] < DEFAULT_WEIGHTS[2]
    assert fit.better and not fit.applied
    # A dry run changes nothing.
    assert home._store.parameters.in_force() is None
    assert card_states(home) == states
    assert home.scheduler.parameters == DEFAULT_WEIGHTS


def test_applying_replays_every_card_as_fsrs_does_with_the_fitted_parameters(
    home: Services,
) -> None:
    give_forgetful_log(home)

    fit = home.optimize(apply=True)

    assert fit.applied
    assert fit.cards_replayed == CARDS
    in_force = home._store.parameters.in_force()
    assert in_force is not None
    assert in_force.parameters == fit.parameters
    assert (in_force.reviews_used, in_force.log_loss_after) == (
        fit.reviews_used,
        fit.log_loss_after,
    )
    assert in_force.fitted_at == NOW
    # Every path now schedules with the fitted set.
    assert home.scheduler.parameters == fit.parameters
    assert home.scheduler.memory_model()._w == fit.parameters
    # The fsrs package itself, with the fitted parameters and no fuzz, gives each card's
    # schedule after each of its reviews.
    fsrs_scheduler = fsrs.Scheduler(parameters=fit.parameters, enable_fuzzing=False)
    for card in home._store.decks.cards("star"):
        reviews = home._store.reviews.of_card("star", card.card_id)
        fsrs_card = fsrs.Card(card_id=card.no, due=reviews[0].reviewed_at)
        for review in reviews:
            fsrs_card, _ = fsrs_scheduler.review_card(
                fsrs_card, fsrs.Rating(int(review.rating)), review.reviewed_at
            )
            after = review.after
            assert after is not None
            assert (int(after.state), after.step, after.stability, after.difficulty) == (
                int(fsrs_card.state),
                fsrs_card.step,
                fsrs_card.stability,
                fsrs_card.difficulty,
            )
            assert (after.due, after.last_review) == (fsrs_card.due, fsrs_card.last_review)
        assert card.schedule == reviews[-1].after
        assert [r.before for r in reviews] == [None, *(r.after for r in reviews[:-1])]


def test_undo_puts_back_the_old_parameters_and_schedules(home: Services) -> None:
    give_forgetful_log(home)
    states, logged = card_states(home), logged_states(home)
    home.optimize(apply=True)
    assert card_states(home) != states

    restored = home.undo_optimize()

    assert restored is None
    assert home._store.parameters.in_force() is None
    assert home.scheduler.parameters == DEFAULT_WEIGHTS
    assert card_states(home) == states
    assert logged_states(home) == logged


def test_undo_of_a_second_fit_brings_back_the_first(home: Services) -> None:
    give_forgetful_log(home)
    first = home.optimize(apply=True)
    after_first = card_states(home)
    in_force = home._store.parameters.in_force()
    assert in_force is not None
    # A second set applied over the first, as a later fit would be.
    second = replace(
        in_force, parameters=tuple(w * 1.2 if i == 2 else w for i, w in enumerate(first.parameters))
    )
    home._store.parameters.apply(
        second, lambda weights: SrsScheduler(enable_fuzzing=False, parameters=weights)
    )
    assert card_states(home) != after_first

    restored = home.undo_optimize()

    assert restored is not None and restored.parameters == first.parameters
    assert home._store.parameters.in_force() == in_force
    assert card_states(home) == after_first


def test_undo_with_nothing_fitted_is_refused(home: Services) -> None:
    from prepdeck.errors import RefusedError

    with pytest.raises(RefusedError, match="nothing to undo"):
        home.undo_optimize()


def test_too_few_reviews_name_how_many_more(home: Services) -> None:
    give_forgetful_log(home, cards=10, per_card=6)
    used = sum(
        1
        for history in home._store.parameters.histories()
        for _, days in day_gaps(history)[1:]
        if days > 0
    )
    assert 0 < used < MIN_REVIEWS

    with pytest.raises(NotEnoughReviewsError) as raised:
        home.optimize(apply=True)

    assert raised.value.missing == MIN_REVIEWS - used
    message = str(raised.value)
    assert "\n" not in message
    assert f"{MIN_REVIEWS - used} more needed" in message
    assert home._store.parameters.in_force() is None


def test_cram_reviews_not_applied_are_left_out(home: Services) -> None:
    give_forgetful_log(home)
    plain = home.optimize(apply=False)
    # A cram of every card the day after, all forgotten, that did not touch the schedule.
    crammed = [
        ImportedReview("star", f"c{i}", Rating.AGAIN, NOW - timedelta(days=1), ReviewMode.CRAM)
        for i in range(CARDS)
    ]
    assert home.reviews.import_reviews(crammed).added == CARDS

    with_cram = home.optimize(apply=False)

    assert with_cram.reviews_used == plain.reviews_used
    assert with_cram.parameters == plain.parameters
    assert with_cram.log_loss_before == plain.log_loss_before


def test_a_replay_that_fails_halfway_leaves_the_old_set_and_states(home: Services) -> None:
    give_forgetful_log(home)
    states, logged = card_states(home), logged_states(home)

    def killed(done: int, total: int) -> None:
        if done == total // 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        home.optimize(apply=True, progress=killed)

    assert home._store.parameters.in_force() is None
    assert card_states(home) == states
    assert logged_states(home) == logged


def test_a_fit_no_better_than_the_set_in_force_is_not_applied(home: Services) -> None:
    give_forgetful_log(home)
    home.optimize(apply=True)
    in_force = home._store.parameters.in_force()

    again = home.optimize(apply=True)

    # The same log fitted again gives the same set: no gain, nothing applied.
    assert not again.applied
    assert home._store.parameters.in_force() == in_force


def test_the_settings_offer_a_fit_once_the_log_grew_by_half(home: Services) -> None:
    give_forgetful_log(home)
    status = home.memory_model()
    assert status.in_force is None and status.worth_fitting
    home.optimize(apply=True)
    fitted = home.memory_model()
    assert fitted.in_force is not None and not fitted.worth_fitting
    log = fitted.in_force.log_reviews
    assert ModelStatus(fitted.in_force, log + log // 2).worth_fitting
    assert not ModelStatus(fitted.in_force, log + log // 2 - 1).worth_fitting


def test_recall_figures() -> None:
    loss, rmse = recall_figures([(0.9, True), (0.8, False)])
    assert loss == pytest.approx((-math.log(0.9) - math.log(0.2)) / 2)
    assert rmse == pytest.approx(((0.1**2 + 0.8**2) / 2) ** 0.5)
    # Certain and wrong is a large loss, never an infinite one.
    assert recall_figures([(1.0, False)])[0] == pytest.approx(-math.log(1e-6))


def test_predictions_skip_reviews_on_the_day_of_the_one_before() -> None:
    history = [
        (Rating.GOOD, START),
        (Rating.GOOD, START + timedelta(minutes=10)),
        (Rating.AGAIN, START + timedelta(days=3)),
        (Rating.GOOD, START + timedelta(days=3, minutes=10)),
        (Rating.GOOD, START + timedelta(days=5)),
    ]
    predicted = recall_predictions(DEFAULT_WEIGHTS, [history])
    assert [recalled for _, recalled in predicted] == [False, True]
    assert all(0 < p < 1 for p, _ in predicted)


SCHEDULER_BUILT = re.compile(r"\b(SrsScheduler|fsrs\.Scheduler|Scheduler)\(")


def test_the_scheduler_is_built_in_one_place() -> None:
    package = Path(__file__).resolve().parents[2] / "prepdeck"
    allowed = {"prepdeck/study/scheduling.py", "prepdeck/srs/scheduler.py"}
    found = []
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package.parent).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SCHEDULER_BUILT.search(line) and name not in allowed:
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "a scheduler built outside study/scheduling.py:\n" + "\n".join(found)
    # In srs/scheduler.py only fsrs's own scheduler is built, never SrsScheduler.
    text = (package / "srs" / "scheduler.py").read_text(encoding="utf-8")
    assert "SrsScheduler(" not in text


def test_replaying_every_card_at_once_matches_replaying_each(home: Services) -> None:
    from prepdeck.store.imports import replay_card, replay_every_card

    give_forgetful_log(home, cards=40, per_card=6)
    store = home._store
    # Crams applied and not, and a card reset partway: each replay must treat them alike.
    home.reviews.import_reviews(
        [
            ImportedReview("star", "c1", Rating.AGAIN, NOW - timedelta(days=3), ReviewMode.CRAM),
            ImportedReview(
                "star", "c2", Rating.HARD, NOW - timedelta(days=2), ReviewMode.CRAM, applied=True
            ),
        ]
    )
    store.cards.reset("star", "c3", now=NOW - timedelta(days=1))
    home.reviews.import_reviews([ImportedReview("star", "c3", Rating.GOOD, NOW)])
    scheduler = SrsScheduler(enable_fuzzing=False, parameters=[w * 1.05 for w in DEFAULT_WEIGHTS])
    connection = store._db.connection

    def snapshot() -> tuple[object, ...]:
        return (
            card_states(home),
            logged_states(home),
            store._db.rows("SELECT no, last_review_ms, reps, lapses FROM cards ORDER BY no"),
        )

    cards = store._db.rows("SELECT no, card_id, reset_at FROM cards WHERE deck_id = 'star'")
    with store._db.write():
        for number, card_id, reset_at in cards:
            replay_card(connection, scheduler, number, "star", card_id, reset_at)
    one_by_one = snapshot()
    give_back = SrsScheduler(enable_fuzzing=False)
    with store._db.write():
        replay_every_card(connection, give_back)
    assert snapshot() != one_by_one
    seen: list[tuple[int, int]] = []
    with store._db.write():
        assert replay_every_card(connection, scheduler, lambda d, t: seen.append((d, t))) == 40

    assert snapshot() == one_by_one
    assert seen[-1] == (40, 40)


def test_a_fit_on_a_connection_apart_is_in_force_for_these_services_at_once(
    home: Services,
) -> None:
    # As the settings screen runs it: in a worker, whose dialog may be gone when it ends.
    give_forgetful_log(home)
    assert home.scheduler.parameters == DEFAULT_WEIGHTS
    fit = home.optimize_apart()
    assert fit.applied
    assert home.scheduler.parameters == fit.parameters
