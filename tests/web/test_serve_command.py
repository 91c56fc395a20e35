"""``prepdeck serve`` on the command line: its token, its address, its refusals."""

from __future__ import annotations

import re
import signal
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import assert_user_error
from tests.cli.helpers import run_prepdeck
from tests.web.conftest import INTERRUPTED, TOKEN, Served, holding_the_home


def test_the_address_printed_holds_the_token(served: Served) -> None:
    assert re.fullmatch(rf"http://127\.0\.0\.1:\d+/\?token={TOKEN}", served.url)
    assert served.lines[0].startswith("prepdeck is served at http://127.0.0.1:")
    code, out, err = served.stop()
    assert code == INTERRUPTED, err
    assert "Stopped." in out
    # Loopback: no warning.
    assert err == ""


def test_without_a_token_a_random_one_is_made_each_time(
    serve: Callable[..., Served],
) -> None:
    tokens = set()
    for _ in range(2):
        served = serve("--port", "0")
        token = served.url.split("?token=", 1)[1]
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
        tokens.add(token)
        served.stop()
    assert len(tokens) == 2


def test_serve_token_in_config_fixes_the_token(
    serve: Callable[..., Served], isolated_home: Path
) -> None:
    (isolated_home / "config.toml").write_text('serve_token = "kept-for-the-tablet-2026"\n')
    assert serve("--port", "0").url.endswith("?token=kept-for-the-tablet-2026")
    # --token wins over it.
    assert serve("--port", "0", "--token", TOKEN).url.endswith(f"?token={TOKEN}")


def test_beyond_loopback_it_warns(serve: Callable[..., Served]) -> None:
    served = serve("--host", "0.0.0.0", "--port", "0")
    # Stopped as a service manager stops it: a clean end.
    code, _, err = served.stop(signal.SIGTERM)
    assert code == 0
    assert "warning: listening on 0.0.0.0" in err
    port = served.url.split(":")[2].split("/")[0]
    assert f"anyone who can reach port {port} and has the token can use prepdeck as you" in err
    # The address for this machine's own browser, not the wildcard.
    assert served.url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--token", "short"], "prepdeck: --token: must be at least 16 characters long"),
        (["--token", "has spaces in this token"], "--token: must be letters, digits, - and _"),
        (["--port", "70000"], "--port"),
    ],
)
def test_bad_options_are_one_line(isolated_home: Path, arguments: list[str], message: str) -> None:
    done = run_prepdeck("serve", *arguments, home=isolated_home)
    assert_user_error(done, message)
    assert len(done.stderr.splitlines()) == 1


def test_a_bad_serve_token_in_config_is_one_line(isolated_home: Path) -> None:
    (isolated_home / "config.toml").write_text('serve_token = "short"\n')
    done = run_prepdeck("serve", "--port", "0", home=isolated_home)
    assert_user_error(done, "config.toml: serve_token: must be at least 16 characters long")


@pytest.fixture
def port_in_use() -> Iterator[int]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        yield int(listener.getsockname()[1])
    finally:
        listener.close()


def test_a_port_in_use_is_one_line(isolated_home: Path, port_in_use: int) -> None:
    done = run_prepdeck("serve", "--port", str(port_in_use), "--token", TOKEN, home=isolated_home)
    assert_user_error(
        done, f"prepdeck: cannot listen on 127.0.0.1:{port_in_use}: the port is in use"
    )
    assert len(done.stderr.splitlines()) == 1


def test_a_prepdeck_open_on_the_home_is_noted(
    serve: Callable[..., Served], isolated_home: Path
) -> None:
    with holding_the_home(isolated_home):
        served = serve("--port", "0", "--token", TOKEN)
    _, _, err = served.stop()
    assert "note: another prepdeck has this home open" in err
