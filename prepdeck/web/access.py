"""The token that opens the app in a browser: made, found in a request, compared."""

from __future__ import annotations

import hmac
import secrets
from typing import Literal
from urllib.parse import parse_qs

TOKEN_BYTES = 32
"""43 characters of URL-safe base64: far beyond guessing over a network."""

Verdict = Literal["granted", "missing", "wrong"]


def new_token() -> str:
    """A fresh random token for a server started without one."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def query_values(query_string: str) -> dict[str, str]:
    """The first value of each parameter of a request's query string.

    The browser side of textual-serve adds ``?width=..&height=..`` to the websocket
    address it is given, even when that address already has a query; the second ``?``
    is read as another separator, so the token and the size are all found.
    """
    parsed = parse_qs(query_string.replace("?", "&"), keep_blank_values=True)
    return {name: values[0] for name, values in parsed.items()}


def check_token(given: str | None, expected: str) -> Verdict:
    """Whether ``given`` is the server's token; compared in constant time, so the time a
    refusal takes tells nothing of how much of a guess was right."""
    if not given:
        return "missing"
    if hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        return "granted"
    return "wrong"
