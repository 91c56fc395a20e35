"""What the screens over one home share: its services, and reading them again on return."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, Unpack

from textual.events import ScreenResume
from textual.screen import Screen

from prepdeck.services import Services

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions

ResultType = TypeVar("ResultType")


class ServicesScreen(Screen[ResultType]):
    """A screen that reads and changes a home through ``services``."""

    _shown = False

    def __init__(self, services: Services, **options: Unpack[NodeOptions]) -> None:
        super().__init__(**options)
        self.services = services

    async def on_screen_resume(self, event: ScreenResume) -> None:
        # The first resume is the first showing, which the screen has filled already.
        if self._shown:
            await self.read_again()
        self._shown = True

    async def read_again(self) -> None:
        """Show the home as it is now, back from a screen that may have changed it."""
