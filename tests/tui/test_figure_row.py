"""The day's figure row drawn at any width, down to fewer columns than it has tiles."""

from __future__ import annotations

import pytest

from prepdeck.tui.widgets.figures import FigureRow
from tests.tui.homes import SIZE, home_app, install_bundled, open_test_home


@pytest.mark.parametrize("narrow", [1, 4, 7])
async def test_a_terminal_narrower_than_the_tiles_keeps_the_home_open(narrow: int) -> None:
    home = open_test_home()
    install_bundled(home)
    app = home_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(narrow, SIZE[1])
        await pilot.pause()
        row = app.screen.query_one("#today", FigureRow)
        assert [row.render_line(y).cell_length for y in (0, 1)] == [row.size.width] * 2
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert "due now" in row.render_line(1).text
    assert app.return_code in (None, 0)
