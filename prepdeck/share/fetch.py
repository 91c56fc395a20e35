"""Download a deck over http(s) with a size cap and an overall deadline."""

from __future__ import annotations

import hashlib
import time
import urllib.error
import urllib.request

from prepdeck import __version__
from prepdeck.errors import PrepdeckError

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
DOWNLOAD_SECONDS = 30.0
_CHUNK = 64 * 1024


class FetchError(PrepdeckError):
    """A deck could not be downloaded."""


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def fetch_url(
    url: str, *, max_bytes: int = MAX_DOWNLOAD_BYTES, seconds: float = DOWNLOAD_SECONDS
) -> bytes:
    """The body at ``url``; refuses anything over ``max_bytes`` or slower than ``seconds``."""
    deadline = time.monotonic() + seconds
    request = urllib.request.Request(url, headers={"User-Agent": f"prepdeck/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:
            declared = response.headers.get("Content-Length")
            if declared is not None and declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            body = bytearray()
            while True:
                if time.monotonic() > deadline:
                    raise _too_slow(url, seconds)
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise _too_large(url, max_bytes)
            return bytes(body)
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _too_slow(url, seconds) from None
        raise FetchError(f"{url}: cannot download ({error.reason})") from None
    except TimeoutError:
        raise _too_slow(url, seconds) from None
    except OSError as error:
        raise FetchError(f"{url}: cannot download ({error})") from None


def _too_large(url: str, max_bytes: int) -> FetchError:
    return FetchError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit for a deck")


def _too_slow(url: str, seconds: float) -> FetchError:
    return FetchError(f"{url}: no complete answer within {seconds:g} s")


def check_sha256(data: bytes, expected: str, where: str) -> None:
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected.strip().lower():
        raise PrepdeckError(f"{where}: sha256 mismatch: expected {expected.lower()}, got {actual}")
