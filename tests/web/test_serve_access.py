"""Who gets the app from ``prepdeck serve``: the token, asked of the page and of the
websocket alike, and one session at a time on the home. Plain HTTP clients, no browser."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from tests.web.conftest import INTERRUPTED, TOKEN, Served, holding_the_home

GUARD = aiohttp.ClientTimeout(total=30)
"""A hang guard for each exchange, not a timing check."""


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession(timeout=GUARD) as client, client.get(url) as response:
        return response.status, await response.text()


async def refused_socket(url: str) -> int:
    """The status a websocket handshake to ``url`` is refused with."""
    async with aiohttp.ClientSession(timeout=GUARD) as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(url)
    return refused.value.status


async def first_app_bytes(socket: aiohttp.ClientWebSocketResponse) -> bytes:
    """The first output of the app behind ``socket``: proof that it runs."""
    while True:
        message = await asyncio.wait_for(socket.receive(), 30)
        if message.type == aiohttp.WSMsgType.BINARY:
            data: bytes = message.data
            return data
        assert message.type == aiohttp.WSMsgType.TEXT, message


async def test_the_page_needs_the_token(served: Served) -> None:
    status, text = await get(served.base)
    assert status == 401
    assert "needs its token" in text
    assert "textual.js" not in text
    status, text = await get(f"{served.base}?token=not-the-token-at-all-0000")
    assert status == 403
    assert "textual.js" not in text
    # One character short of the token is as wrong as any other guess.
    status, _ = await get(f"{served.base}?token={TOKEN[:-1]}")
    assert status == 403
    status, text = await get(served.url)
    assert status == 200
    assert "textual.js" in text


async def test_static_assets_need_no_token(served: Served) -> None:
    status, text = await get(f"{served.base}static/js/textual.js")
    assert status == 200
    assert "WebSocket" in text
    # The folder is not listed.
    status, _ = await get(f"{served.base}static/")
    assert status in (403, 404)


async def test_the_websocket_needs_the_token(served: Served) -> None:
    assert await refused_socket(served.websocket) == 401
    assert await refused_socket(f"{served.websocket}?token=not-the-token-at-all-0000") == 403
    # Only the token opens it: the page's address does not count for the socket.
    assert await refused_socket(f"{served.websocket}?width=80&height=24") == 401
    async with (
        aiohttp.ClientSession(timeout=GUARD) as client,
        client.ws_connect(f"{served.websocket}?token={TOKEN}&?width=100&height=30") as socket,
    ):
        assert await first_app_bytes(socket)


async def test_one_session_at_a_time(served: Served, isolated_home: Path) -> None:
    async with aiohttp.ClientSession(timeout=GUARD) as client:
        async with client.ws_connect(f"{served.websocket}?token={TOKEN}") as socket:
            await first_app_bytes(socket)
            # A second socket gets no second app, and a second page says why.
            assert await refused_socket(f"{served.websocket}?token={TOKEN}") == 409
            status, text = await get(served.url)
            assert status == 409
            assert "prepdeck is already open" in text
            assert "textual.js" not in text
        # Closing the first frees the home (once its app has quit).
        status, _ = await _page_once_free(served)
        assert status == 200


async def _page_once_free(served: Served) -> tuple[int, str]:
    for _ in range(60):  # a hang guard: the app is given 5 s to quit, then ended
        status, text = await get(served.url)
        if status != 409:
            return status, text
        await asyncio.sleep(0.25)
    raise AssertionError("the home stayed taken after the session closed")


async def test_a_prepdeck_open_on_the_home_keeps_the_browser_out(
    served: Served, isolated_home: Path
) -> None:
    with holding_the_home(isolated_home):
        status, text = await get(served.url)
        assert status == 409
        assert "prepdeck is already open" in text
        assert await refused_socket(f"{served.websocket}?token={TOKEN}") == 409
    status, _ = await get(served.url)
    assert status == 200


async def test_ctrl_c_ends_the_session_and_the_server(served: Served) -> None:
    async with aiohttp.ClientSession(timeout=GUARD) as client:
        socket = await client.ws_connect(f"{served.websocket}?token={TOKEN}")
        await first_app_bytes(socket)
        app = _children(served.process.pid)
        assert app, "no app process behind the session"
        code, out, err = await asyncio.to_thread(served.stop)
        await socket.close()
    assert code == INTERRUPTED, err
    assert "Stopped." in out
    assert "Traceback" not in out + err
    for pid in app:
        assert not Path(f"/proc/{pid}").exists(), f"app process {pid} outlived the server"


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    if not found.exists():
        pytest.skip("this system does not list a process's children")
    return [int(child) for child in found.read_text().split()]


async def test_quitting_the_app_closes_its_socket_and_frees_the_home(served: Served) -> None:
    async with (
        aiohttp.ClientSession(timeout=GUARD) as client,
        client.ws_connect(f"{served.websocket}?token={TOKEN}") as socket,
    ):
        await first_app_bytes(socket)
        await socket.send_json(["stdin", "q"])
        while not socket.closed:  # the app's output until it ends, then the close
            message = await asyncio.wait_for(socket.receive(), 30)
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
    status, _ = await _page_once_free(served)
    assert status == 200
