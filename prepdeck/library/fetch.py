"""Download a deck over http(s) with a size cap and an overall deadline."""

from __future__ import annotations

import hashlib
import http.client
import io
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from prepdeck import __version__
from prepdeck.errors import ChecksumError, FetchError

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
DOWNLOAD_SECONDS = 30.0
_CHUNK = 64 * 1024

Progress = Callable[[int, int | None], None]
"""Told the bytes received so far and the size the server declared (None when it did not)."""

_DEADLINE: ContextVar[float] = ContextVar("prepdeck_download_deadline")
"""The ``time.monotonic()`` by which the download in progress must be complete."""


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def fetch_url(
    url: str,
    *,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    seconds: float = DOWNLOAD_SECONDS,
    what: str = "a deck",
    progress: Progress | None = None,
) -> bytes:
    """The body at ``url``; refuses anything over ``max_bytes`` or not complete within
    ``seconds`` of the call, connection, redirects, headers and body together.
    ``progress`` is told after each chunk how much has arrived."""
    deadline = time.monotonic() + seconds
    request = urllib.request.Request(url, headers={"User-Agent": f"prepdeck/{__version__}"})
    opener = urllib.request.build_opener(_HTTPHandler, _HTTPSHandler)
    token = _DEADLINE.set(deadline)
    try:
        with opener.open(request, timeout=seconds) as response:
            declared = response.headers.get("Content-Length")
            if declared is not None and declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes, what)
            total = int(declared) if declared is not None and declared.isdigit() else None
            body = bytearray()
            while chunk := response.read1(_CHUNK):
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise _too_large(url, max_bytes, what)
                if progress is not None:
                    progress(len(body), total)
            return bytes(body)
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _too_slow(url, seconds) from None
        raise FetchError(f"{url}: cannot download ({error.reason})") from None
    except TimeoutError:
        raise _too_slow(url, seconds) from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(f"{url}: cannot download ({error or type(error).__name__})") from None
    finally:
        _DEADLINE.reset(token)


class _DeadlineReader(io.RawIOBase):
    """The socket's reader, each read given only the time left before the deadline.

    A timeout per read alone bounds nothing: a server sending a byte now and then, in
    the headers or the body, would keep the download going for ever.
    """

    def __init__(self, raw: Any, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._raw = raw
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("download deadline passed")
        self._sock.settimeout(left)
        count: int = self._raw.readinto(buffer)
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        # The socket's own file is kept underneath (detached, nothing is read yet): it
        # holds the socket open after urllib drops its connection object.
        raw = self.fp.detach()
        self.fp = io.BufferedReader(_DeadlineReader(raw, sock, _DEADLINE.get()))


class _HTTPConnection(http.client.HTTPConnection):
    response_class = _DeadlineResponse


class _HTTPSConnection(http.client.HTTPSConnection):
    response_class = _DeadlineResponse


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        context = getattr(self, "_context", None)
        return self.do_open(_HTTPSConnection, req, context=context)


def _too_large(url: str, max_bytes: int, what: str) -> FetchError:
    return FetchError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit for {what}")


def _too_slow(url: str, seconds: float) -> FetchError:
    return FetchError(f"{url}: no complete answer within {seconds:g} s")


def check_sha256(data: bytes, expected: str, where: str) -> None:
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected.strip().lower():
        raise ChecksumError(f"{where}: sha256 mismatch: expected {expected.lower()}, got {actual}")
