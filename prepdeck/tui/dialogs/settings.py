"""The settings of ``config.toml``, edited in a form, checked as at start-up, saved at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Unpack

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Select, Static

from prepdeck.config import (
    KEYS,
    Config,
    config_stamp,
    load_config,
    parse_config,
    save_config,
)
from prepdeck.errors import ConfigError, PrepdeckError
from prepdeck.tui.dialogs.form import CANCEL_BUTTON, SAVE_BUTTON, FormScreen
from prepdeck.tui.keys import Keyed, keys_display, keys_in_force, screen_bindings

NUMBER_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("desired_retention", "Desired retention", "0.70-0.99: the recall FSRS aims for"),
    ("new_per_day", "New cards per day", "0-10000, across all decks"),
    ("reviews_per_day", "Reviews per day", "0-100000, across all decks"),
    ("day_start_hour", "Day starts at hour", "0-23, local time"),
    ("minutes_per_day", "Minutes a day", "1-600: the plan to an interview fits in this"),
)
"""Config key, label and hint of each field typed as a number."""

if TYPE_CHECKING:
    from prepdeck.study.optimize import Fit, ModelStatus
    from prepdeck.tui.options import NodeOptions


def _many(count: int, noun: str) -> str:
    """``count`` with thousands separated, and ``noun``, plural unless the count is one."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def model_text(status: ModelStatus) -> str:
    """The memory model's line: the set in force, its fit's date and gain, and whether a
    new fit is worth offering."""
    reviews = _many(status.applied_reviews, "review")
    fitted = status.in_force
    if fitted is None:
        text = f"Memory model: FSRS's default parameters; your log holds {reviews}."
        if status.worth_fitting:
            text += " Fit parameters to them to predict your recall better."
        return text
    gain = 1 - fitted.log_loss_after / fitted.log_loss_before if fitted.log_loss_before else 0.0
    text = (
        f"Memory model: fitted {fitted.fitted_at.astimezone():%Y-%m-%d} on "
        f"{_many(fitted.reviews_used, 'review')}, log loss {fitted.log_loss_before:.3f} -> "
        f"{fitted.log_loss_after:.3f} ({gain:.0%} better)."
    )
    if status.worth_fitting:
        text += f" Your log has grown by half since ({reviews}): fit again?"
    return text


def fit_text(fit: Fit) -> str:
    """What a fit started here did."""
    figures = (
        f"log loss {fit.log_loss_before:.3f} -> {fit.log_loss_after:.3f}, "
        f"RMSE {fit.rmse_before:.3f} -> {fit.rmse_after:.3f} on "
        f"{_many(fit.reviews_used, 'review')}"
    )
    if fit.applied:
        return (
            f"Applied your own parameters: {figures}; "
            f"{_many(fit.cards_replayed, 'card')} rescheduled (prepdeck optimize --undo "
            "puts the old ones back)."
        )
    return f"Kept the parameters in force: the fit predicts no better ({figures})."


def _number(text: str, whole: bool) -> Any:
    """The number typed, or the text itself, so ``parse_config`` words the complaint."""
    stripped = text.strip()
    try:
        return int(stripped) if whole else float(stripped)
    except ValueError:
        return text


class SettingsScreen(FormScreen[Config]):
    """Dismissed with the saved ``Config`` (so the app can apply it), or None if cancelled.

    Given the memory model's status, it shows the last fit and, once the log has grown
    enough, offers a new one, run by ``optimise`` in a worker thread.
    """

    class Optimised(Message):
        """A fit started from the settings ended: applied, kept out, or refused."""

        def __init__(self, fit: Fit | None, error: PrepdeckError | None = None) -> None:
            super().__init__()
            self.fit = fit
            self.error = error

    HELP_TITLE: ClassVar[str] = "Settings"

    BINDINGS: ClassVar[list[BindingType]] = screen_bindings(
        "settings screen",
        Keyed("save", "save", "Save", priority=True, tooltip="Save to config.toml"),
        Keyed("cancel", "cancel", "Cancel", tooltip="Close without saving"),
    )

    def __init__(
        self,
        config_path: Path,
        config: Config,
        *,
        model: ModelStatus | None = None,
        optimise: Callable[[], Fit] | None = None,
        **options: Unpack[NodeOptions],
    ) -> None:
        super().__init__(**options)
        self.config_path = config_path
        self.config = config
        self._model = model
        self._optimise = optimise
        self._problems_shown = False
        # What the file was when the form opened from it: another copy may save meanwhile.
        self._opened_stamp = config_stamp(config_path)

    def compose(self) -> ComposeResult:
        config = self.config
        with Vertical(id="settings"):
            with VerticalScroll(id="settings-fields"):
                for key, label, hint in NUMBER_FIELDS:
                    with Horizontal(classes="setting"):
                        yield Static(Content(label), classes="setting-label")
                        yield Input(str(getattr(config, key)), id=f"setting-{key}")
                        yield Static(Content(hint), classes="setting-hint")
                with Horizontal(classes="setting"):
                    yield Static(Content("Theme"), classes="setting-label")
                    yield Select(
                        self._theme_choices(),
                        value=config.theme,
                        allow_blank=False,
                        id="setting-theme",
                    )
                if self._model is not None:
                    with Horizontal(id="settings-model-row"):
                        yield Static(
                            Content(model_text(self._model)), id="settings-model", markup=False
                        )
                        if self._optimise is not None and self._model.worth_fitting:
                            yield Button(Content("Optimise"), id="settings-optimise")
                yield Static(self._keymap_text(), id="settings-keymap", markup=False)
            with Vertical(id="settings-actions"):
                yield Static("", id="settings-error", markup=False)
                with Horizontal(id="settings-footer"):
                    yield Static(self._hint(), id="settings-hint")
                    yield Button(Content("Cancel"), id="settings-cancel", classes=CANCEL_BUTTON)
                    yield Button(
                        Content("Save"), id="settings-save", classes=SAVE_BUTTON, variant="primary"
                    )

    def _theme_choices(self) -> list[tuple[str, str]]:
        names = sorted(self.app.available_themes)
        if self.config.theme not in names:
            # Kept selectable, so saving other settings does not silently change it.
            return [(f"{self.config.theme} (not installed)", self.config.theme)] + [
                (name, name) for name in names
            ]
        return [(name, name) for name in names]

    def _keymap_text(self) -> Content:
        keymap = self.config.keymap
        listed = ", ".join(f"{action} = {key}" for action, key in sorted(keymap.items()))
        where = f"edit [keymap] in {self.config_path.name} to change them"
        if not listed:
            return Content(f"Keys: the defaults ({where}).")
        return Content(f"Keys: {listed} ({where}).")

    def _hint(self) -> Content:
        keymap = keys_in_force(self.app)
        save = keys_display(self.app, self.BINDINGS, "save", keymap)
        cancel = keys_display(self.app, self.BINDINGS, "cancel", keymap)
        return Content(f"{save} save · {cancel} cancel")

    def on_mount(self) -> None:
        self.query_one("#settings", Vertical).border_title = "Settings"
        self.query_one("#setting-desired_retention", Input).focus()

    @on(Button.Pressed, "#settings-optimise")
    def _start_fit(self, event: Button.Pressed) -> None:
        event.stop()
        optimise = self._optimise
        if optimise is None:
            return
        event.button.disabled = True
        self.query_one("#settings-model", Static).update(
            Content("Fitting parameters to your reviews, then rescheduling every card...")
        )

        def work() -> None:
            try:
                fit = optimise()
            except PrepdeckError as error:
                self.post_message(self.Optimised(None, error))
            else:
                self.post_message(self.Optimised(fit))

        self.run_worker(work, thread=True, exclusive=True, group="optimise", name="optimise")

    @on(Optimised)
    def _fit_ended(self, message: Optimised) -> None:
        text = str(message.error) if message.fit is None else fit_text(message.fit)
        self.query_one("#settings-model", Static).update(Content(text))
        self.query("#settings-optimise").remove()

    def form_values(self) -> dict[str, Any]:
        """The form as config.toml data, before any check."""
        data: dict[str, Any] = {}
        for key, _, _ in NUMBER_FIELDS:
            text = self.query_one(f"#setting-{key}", Input).value
            data[key] = _number(text, whole=key != "desired_retention")
        theme = self.query_one("#setting-theme", Select).value
        data["theme"] = theme if isinstance(theme, str) else self.config.theme
        # Every key the form does not show is kept as it was: saving must not drop one,
        # whichever keys later versions add.
        for key in KEYS:
            if key not in data:
                value = getattr(self.config, key)
                if value is not None:
                    data[key] = dict(value) if isinstance(value, Mapping) else value
        return data

    def checked_config(self) -> Config | None:
        """The form as a ``Config``, or None with every problem shown and its field marked.

        Run on save and, once a problem is shown, on every change, so a fixed field loses
        its mark and its line at once rather than on the next save.
        """
        try:
            config = parse_config(self.form_values(), self.config_path.name)
        except ConfigError as problem:
            self._show_problems(str(problem))
            return None
        self._show_problems("")
        return config

    def _show_problems(self, message: str) -> None:
        self._problems_shown = bool(message)
        self.query_one("#settings-error", Static).update(Content(message))
        prefix = f"{self.config_path.name}: "
        bad_keys = {line.removeprefix(prefix).partition(":")[0] for line in message.splitlines()}
        for widget in self.query(".setting Input"):
            widget.set_class(widget.id in {f"setting-{key}" for key in bad_keys}, "-invalid")

    @on(Input.Changed)
    @on(Select.Changed)
    def _recheck(self) -> None:
        # Quiet until the first save: half-typed values are not yet mistakes.
        if self._problems_shown:
            self.checked_config()

    def action_save(self) -> None:
        config = self.checked_config()
        if config is None:
            return
        config = self._over_the_file(config)
        try:
            save_config(self.config_path, config)
        except ConfigError as problem:
            self._show_problems(str(problem))
            return
        self.dismiss(config)

    def _over_the_file(self, config: Config) -> Config:
        """``config`` as it should be saved: when another copy of prepdeck saved settings
        while this form was open, only the fields changed here replace what it saved."""
        if config_stamp(self.config_path) == self._opened_stamp:
            return config
        try:
            on_disk = load_config(self.config_path)
        except ConfigError:
            # Unreadable now: the form, which was checked, is the better file.
            return config
        changed = {
            name: getattr(config, name)
            for name in Config._fields
            if getattr(config, name) != getattr(self.config, name)
        }
        return on_disk._replace(**changed)
