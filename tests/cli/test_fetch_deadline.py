"""The download deadline is one deadline for the whole answer, however the server trickles."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from prepdeck.errors import FetchError
from prepdeck.library.fetch import fetch_url

SERVER_GIVES_UP = 6.0
"""Seconds after which the trickling server closes: a fetch still going then has no deadline."""

DEADLINE = 1.0


@dataclass(frozen=True)
class Trickle:
    head: bytes
    """Sent at once after the request is read."""
    drip: bytes
    """Then sent a few bytes at a time, ``DRIP_EVERY`` apart, until the server gives up."""


DRIP_EVERY = 0.1


class TrickleServer:
    """One connection at a time on 127.0.0.1, answered with ``trickle``."""

    def __init__(self, trickle: Trickle) -> None:
        self.trickle = trickle
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._listener.getsockname()[:2]
        return f"http://{host}:{port}/deck.yaml"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            with connection:
                self._answer(connection)

    def _answer(self, connection: socket.socket) -> None:
        connection.settimeout(SERVER_GIVES_UP)
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = connection.recv(4096)
            if not chunk:
                return
            request += chunk
        given_up = time.monotonic() + SERVER_GIVES_UP
        try:
            connection.sendall(self.trickle.head)
            drip = self.trickle.drip
            while time.monotonic() < given_up and not self._stop.is_set():
                connection.sendall(drip[:4])
                drip = drip[4:] or self.trickle.drip
                time.sleep(DRIP_EVERY)
        except OSError:
            pass  # the client hung up: what a deadline should make it do

    def __enter__(self) -> TrickleServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=SERVER_GIVES_UP + 2)
        self._listener.close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def trickling_body() -> Iterator[TrickleServer]:
    # No Content-Length: only the deadline can end the download.
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/yaml\r\nConnection: close\r\n\r\n"
    with TrickleServer(Trickle(head, b"# slow deck\n")) as server:
        yield server


@pytest.fixture
def trickling_headers() -> Iterator[TrickleServer]:
    with TrickleServer(Trickle(b"HTTP/1.1 200 OK\r\n", b"X-Slow: a\r\n")) as server:
        yield server


def assert_refused_in_time(url: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as refused:
        fetch_url(url, seconds=DEADLINE)
    elapsed = time.monotonic() - started
    assert str(refused.value) == f"{url}: no complete answer within {DEADLINE:g} s"
    assert DEADLINE * 0.9 <= elapsed < DEADLINE + 1.0, elapsed


def test_a_body_trickling_without_content_length_stops_at_the_deadline(
    trickling_body: TrickleServer,
) -> None:
    assert_refused_in_time(trickling_body.url)


def test_headers_trickling_stop_at_the_deadline(trickling_headers: TrickleServer) -> None:
    assert_refused_in_time(trickling_headers.url)


def test_the_default_deadline_is_thirty_seconds() -> None:
    import inspect

    assert inspect.signature(fetch_url).parameters["seconds"].default == 30.0
