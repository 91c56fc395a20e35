"""Why prepdeck cannot start, and what to do about it: shown instead of the home."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Unpack

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from prepdeck.errors import ConfigError, DamagedDatabaseError, PrepdeckError, StoreError
from prepdeck.paths import Locations
from prepdeck.tui.keys import Keyed, binding_with_id, key_display, keys_in_force, screen_bindings
from prepdeck.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from prepdeck.tui.options import NodeOptions


def what_to_do(error: PrepdeckError, where: Locations | None) -> list[str]:
    """Steps that fix ``error``, naming the files involved when they are known."""
    if isinstance(error, ConfigError):
        config = str(where.config) if where is not None else "config.toml in your prepdeck home"
        return [
            f"Fix the line named above in {config}, or remove it to use the default.",
            "Then start prepdeck again. `prepdeck locate` prints where the file is.",
        ]
    if isinstance(error, StoreError):
        text = error.problem
        steps: list[str] = []
        if isinstance(error, DamagedDatabaseError):
            # The advice names the newest backup and the command; prepdeck has not written
            # to the damaged file, and a restore keeps it among the backups.
            advice = error.advice or "`prepdeck doctor` names the newest backup"
            steps.append(f"{advice[0].upper()}{advice[1:]}.")
            steps.append("The damaged file is kept beside the backups when you restore.")
        elif "busy" in text or "locked" in text:
            steps.append("Close the other prepdeck (another window or terminal), then try again.")
        else:
            steps.append("Check that the disk is not full and the folder can be written to.")
        steps.append("`prepdeck locate` prints where the database and its backups are.")
        return steps
    return ["Start prepdeck again; `prepdeck locate` prints where its files and logs are."]


def error_title(error: PrepdeckError) -> str:
    if isinstance(error, ConfigError):
        return "prepdeck cannot read its settings"
    if isinstance(error, StoreError):
        return "prepdeck cannot open its database"
    return "prepdeck cannot start"


class MessageScreen(Screen[None]):
    """A start-up error: what went wrong, the steps that fix it, and ``q`` to quit."""

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "start-up error screen", Keyed("back", "quit_app", "Quit", tooltip="Quit prepdeck")
    )
    HELP_TITLE: ClassVar[str] = "Start-up error"

    def __init__(
        self,
        error: PrepdeckError,
        *,
        where: Locations | None = None,
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.error = error
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(id="message"):
            yield Static(Content(error_title(self.error)), id="message-title")
            # The message may quote a user's file: plain text, never markup. A database
            # error's own advice is left out: the steps below say it, with the paths.
            problem = self.error.problem if isinstance(self.error, StoreError) else str(self.error)
            yield Static(Content(problem), id="message-text")
            yield Static(Content("What to do"), id="message-steps-title")
            yield Static(
                Content("\n".join(f"- {step}" for step in what_to_do(self.error, self.where))),
                id="message-steps",
            )
            quit_key = key_display(
                self.app, binding_with_id(self.BINDINGS, "back"), keys_in_force(self.app)
            )
            yield Static(Content(f"Press {quit_key} to quit."), id="message-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#message", Vertical).border_title = "Cannot start"

    def action_quit_app(self) -> None:
        self.app.exit(return_code=1)
