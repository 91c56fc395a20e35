"""The plain rules of ``prepdeck serve``: the token, the query, the addresses, the page."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.config import serve_token_problem
from prepdeck.web import pages
from prepdeck.web.access import check_token, new_token, query_values
from prepdeck.web.addresses import app_url, is_loopback, local_host

TOKEN = "the-token-of-this-test"


def test_the_token_opens_and_nothing_else_does() -> None:
    assert check_token(TOKEN, TOKEN) == "granted"
    assert check_token(None, TOKEN) == "missing"
    assert check_token("", TOKEN) == "missing"
    assert check_token(TOKEN[:-1], TOKEN) == "wrong"
    assert check_token(TOKEN + "x", TOKEN) == "wrong"
    assert check_token(TOKEN.upper(), TOKEN) == "wrong"
    # Text no token can hold is simply wrong, not an error.
    assert check_token("tökén", TOKEN) == "wrong"


@given(st.text(max_size=40))
def test_any_other_text_is_wrong(given_text: str) -> None:
    if given_text and given_text != TOKEN:
        assert check_token(given_text, TOKEN) == "wrong"


def test_a_new_token_is_random_and_a_valid_serve_token() -> None:
    made = {new_token() for _ in range(50)}
    assert len(made) == 50
    for token in made:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
        assert serve_token_problem(token) is None


def test_the_socket_query_is_read_whole_after_the_browser_appends_its_size() -> None:
    # The page gives the browser script "/ws?token=T&page=P&"; the script adds "?width=..".
    assert query_values("token=abc&page=p1&?width=120&height=40") == {
        "token": "abc",
        "page": "p1",
        "width": "120",
        "height": "40",
    }
    assert query_values("") == {}
    assert query_values("token=a&token=b") == {"token": "a"}


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("my-laptop.local", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_address_printed() -> None:
    assert app_url("127.0.0.1", 8000, "t") == "http://127.0.0.1:8000/?token=t"
    assert app_url("::1", 8000, "t") == "http://[::1]:8000/?token=t"
    assert app_url(local_host("0.0.0.0"), 9000, "t") == "http://127.0.0.1:9000/?token=t"
    assert app_url(local_host("::"), 9000, "t") == "http://[::1]:9000/?token=t"
    assert local_host("192.168.1.20") == "192.168.1.20"


def test_the_page_font_size_stays_sensible() -> None:
    assert pages.font_size_of("20") == 20
    assert pages.font_size_of(None) == pages.DEFAULT_FONT_SIZE
    assert pages.font_size_of("999") == pages.DEFAULT_FONT_SIZE
    assert pages.font_size_of("12px") == pages.DEFAULT_FONT_SIZE
    page = pages.app_page(20, "0123abcd")
    assert 'data-font-size="20"' in page
    assert 'var page = "0123abcd";' in page


def test_no_page_but_the_apps_loads_the_app() -> None:
    for refusal in (pages.TOKEN_MISSING, pages.TOKEN_WRONG, pages.ALREADY_OPEN):
        assert "textual.js" not in refusal
        assert "<script" not in refusal
