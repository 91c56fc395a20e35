"""How a screen reports a ``PrepdeckError``: one error notification, the same everywhere.

``reports_errors`` wraps a screen's action, so that a failure leaves the action where it
failed and says why; ``report_error`` is for the places that do more about it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from prepdeck.errors import PrepdeckError

_Method = TypeVar("_Method", bound=Callable[..., Any])


if TYPE_CHECKING:
    # A protocol for the type checker only: nothing checks a screen against it at run time.
    class Notifier(Protocol):
        def notify(
            self,
            message: str,
            *,
            title: str = ...,
            severity: Any = ...,
            timeout: float | None = ...,
            markup: bool = ...,
        ) -> None: ...


def report_error(
    where: Notifier,
    error: PrepdeckError,
    title: str,
    *,
    timeout: float | None = None,
    then: str = "",
) -> None:
    """Show ``error`` as an error notification titled ``title``, its text taken literally;
    ``then`` adds a line on what happens next."""
    message = f"{error}\n{then}" if then else str(error)
    where.notify(message, title=title, severity="error", timeout=timeout, markup=False)


def reports_errors(title: str, *, timeout: float | None = None) -> Callable[[_Method], _Method]:
    """Decorate a method (plain or async) of a screen or app that returns nothing: a
    ``PrepdeckError`` it raises stops it there and is reported with ``report_error``."""

    def decorate(method: _Method) -> _Method:
        if inspect.iscoroutinefunction(method):

            @functools.wraps(method)
            async def run_async(self: Notifier, *args: Any, **kwargs: Any) -> None:
                try:
                    await method(self, *args, **kwargs)
                except PrepdeckError as error:
                    report_error(self, error, title, timeout=timeout)

            return cast("_Method", run_async)

        @functools.wraps(method)
        def run(self: Notifier, *args: Any, **kwargs: Any) -> None:
            try:
                method(self, *args, **kwargs)
            except PrepdeckError as error:
                report_error(self, error, title, timeout=timeout)

        return cast("_Method", run)

    return decorate
