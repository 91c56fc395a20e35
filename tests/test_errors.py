"""One error tree: every exception prepdeck defines lives in ``prepdeck.errors``, either a
message for the user (``PrepdeckError``) or a signal kept inside (``InternalSignal``)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import prepdeck
from prepdeck import errors
from prepdeck.errors import InternalSignal, PrepdeckError


def _modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(prepdeck.__path__, prefix="prepdeck.")
        # Running it would start the app.
        if info.name != "prepdeck.__main__"
    ]
    return ["prepdeck", *names]


def _exceptions_defined_in(module_name: str) -> list[type[BaseException]]:
    module = importlib.import_module(module_name)
    found: list[type[BaseException]] = []
    for value in vars(module).values():
        if inspect.isclass(value) and issubclass(value, BaseException):
            found.append(value)
    # Classes defined in the module itself, nested in its classes too.
    for _, value in inspect.getmembers(module, inspect.isclass):
        for _, member in inspect.getmembers(value, inspect.isclass):
            if issubclass(member, BaseException):
                found.append(member)
    return [cls for cls in found if cls.__module__ == module_name]


def test_the_walk_sees_the_whole_package() -> None:
    names = _modules()
    assert "prepdeck.store.db" in names
    assert "prepdeck.tui.app" in names
    assert "prepdeck.formats.deck.yamltree" in names


def test_every_exception_prepdeck_defines_is_defined_in_errors() -> None:
    elsewhere = {
        f"{cls.__module__}.{cls.__qualname__}"
        for name in _modules()
        if name != "prepdeck.errors"
        for cls in _exceptions_defined_in(name)
    }
    assert elsewhere == set()


def test_each_error_is_either_for_the_user_or_internal() -> None:
    defined = _exceptions_defined_in("prepdeck.errors")
    assert PrepdeckError in defined and InternalSignal in defined
    for cls in defined:
        if cls in (PrepdeckError, InternalSignal):
            continue
        assert issubclass(cls, PrepdeckError) != issubclass(cls, InternalSignal), cls
    # Nothing internal can pass for a user's message where front ends catch those.
    assert not issubclass(InternalSignal, PrepdeckError)
    assert not issubclass(PrepdeckError, InternalSignal)


def test_database_failures_and_refusals_are_apart() -> None:
    assert not issubclass(errors.RefusedError, errors.StoreError)
    assert not issubclass(errors.StoreError, errors.RefusedError)
    assert not issubclass(errors.NotFoundError, errors.StoreError)
    failure = errors.StoreError("database x is busy", advice="try again")
    assert (failure.problem, failure.advice) == ("database x is busy", "try again")
    assert str(failure) == "database x is busy; try again"
