"""Merging is commutative and idempotent: whatever homes drill, write own answers and
sync in whatever order, once each has synced after the last change, all hold one log,
one schedule and one text of each answer."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from prepdeck.errors import PersonalCardError
from prepdeck.library.personal import CardDraft
from prepdeck.srs import Rating
from tests.sync.homes import clock_of, drill, open_home, remote_files, review_set, states

HOMES = 3

steps = st.lists(
    st.tuples(
        st.integers(0, HOMES - 1),
        st.one_of(
            st.just("sync"),
            st.lists(st.sampled_from(list(Rating)), min_size=1, max_size=3),
            st.sampled_from(["answer: one", "answer: two", "answer: "]),
            st.sampled_from(["card: Why us?", "card: Why now?"]),
        ),
    ),
    max_size=10,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps, last_order=st.permutations(list(range(HOMES))))
# Homes 0 and 1 grade one card at the same instant (each clock at 9:07): the replay must
# order the two reviews alike in every home, whatever their row numbers there.
@example(
    steps=[
        (0, "answer: one"),
        (0, "card: Why us?"),
        (0, "card: Why us?"),
        (0, [Rating.AGAIN]),
        (1, [Rating.HARD]),
    ],
    last_order=[0, 1, 2],
)
def test_any_order_of_drills_and_syncs_ends_in_one_log_and_one_schedule(
    steps: list[tuple[int, object]], last_order: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        remote = root / "shared"
        remote.mkdir()
        homes = [open_home(root, f"home{n}") for n in range(HOMES)]
        for n, home in enumerate(homes):
            clock_of(home).advance(timedelta(minutes=7 * n))
        try:
            for who, step in steps:
                if step == "sync":
                    homes[who].sync(str(remote))
                elif isinstance(step, str) and step.startswith("card: "):
                    clock_of(homes[who]).advance(timedelta(minutes=2))
                    with contextlib.suppress(PersonalCardError):  # this home has it already
                        homes[who].library.add_personal_card(
                            CardDraft(prompt=step.removeprefix("card: "), answer=f"from {who}")
                        )
                elif isinstance(step, str):
                    clock_of(homes[who]).advance(timedelta(minutes=3))
                    text = step.removeprefix("answer: ")
                    homes[who].answers.set("practice", "c1", f"{text} by {who}" if text else "")
                else:
                    assert isinstance(step, list)
                    drill(homes[who], step, step=timedelta(hours=5))
            # Each home syncs after the last change, twice round in some order.
            for who in last_order + last_order:
                homes[who].sync(str(remote))
            logs = [review_set(home) for home in homes]
            assert all(log == logs[0] for log in logs)
            drilled = sum(len(s) for _, s in steps if isinstance(s, list))
            assert len(logs[0]) == drilled
            assert all(states(home) == states(homes[0]) for home in homes)
            cards = [
                states(home, "my-cards") if home.library.find("my-cards") else {} for home in homes
            ]
            assert all(held == cards[0] for held in cards)
            texts = [
                sorted((c.card_id, c.card.answer) for c in home.library.cards("my-cards"))
                if home.library.find("my-cards")
                else []
                for home in homes
            ]
            assert all(text == texts[0] for text in texts), texts
            answers = [home.answers.get("practice", "c1") for home in homes]
            assert all(answer == answers[0] for answer in answers), answers
            files = remote_files(remote)
            for home in homes:
                again = home.sync(str(remote))
                assert again.pushed_batch is None and again.pulled_batches == 0
            assert remote_files(remote) == files
        finally:
            for home in homes:
                home.close()
