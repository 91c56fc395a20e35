"""The web server of ``prepdeck serve``: the app's page and websocket behind a token, and
one app at a time on the home.

textual-serve supplies the browser side (its terminal script and styles) and the process
side (``AppService``: one app process per websocket, spoken to in Textual's web-driver
protocol). The routes, the token check and the one-session rule are prepdeck's own: its
stock server checks nothing and starts an app for every websocket.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import secrets
import signal
import socket
import sys
from asyncio.subprocess import PIPE, Process
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import textual_serve
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from prepdeck.errors import ServeError
from prepdeck.maintenance.in_use import database_in_use
from prepdeck.web import pages
from prepdeck.web.access import check_token, query_values

STATIC = Path(textual_serve.__file__).resolve().parent / "static"
"""textual-serve's browser side: its terminal script, styles and fonts. Nothing in it
is the user's, so it is served without the token."""

QUIT_GRACE = 5.0
"""Seconds an app is given to quit when its browser leaves, before it is terminated.
Nothing is lost either way: every grade was committed before the next card showed."""

TERMINATE_GRACE = 3.0
"""Seconds between terminating an app that did not quit and killing it."""

LEAVE_WAIT_STEPS = 40
"""How long a page asked for waits for the open one to say it is leaving, in 50 ms steps."""

_SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True, slots=True)
class ServedHome:
    """What the server serves: the app command, run on one home."""

    home: Path
    database: Path
    command: Sequence[str]
    """The app's command line; each session runs it with ``PREPDECK_HOME`` set to ``home``."""


def app_command() -> list[str]:
    """The app as this interpreter runs it: the same prepdeck, whatever PATH holds."""
    return [sys.executable, "-m", "prepdeck"]


class _AppProcess(AppService):
    """The app for one browser session: textual-serve's process handling, with the home
    named, the process in a session of its own (a Ctrl+C in the server's terminal reaches
    the server alone, which then ends each app in order), and a close that always ends it.
    """

    def __init__(
        self,
        served: ServedHome,
        websocket: web.WebSocketResponse,
        download_manager: DownloadManager,
    ) -> None:
        async def close_socket() -> None:
            await websocket.close()

        super().__init__(
            "",
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close_socket,
            download_manager=download_manager,
        )
        self._served = served

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["PREPDECK_HOME"] = str(self._served.home)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        process = await asyncio.create_subprocess_exec(
            *self._served.command,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=self._build_environment(width, height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._process = process
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        await super().run()
        # The app has ended (quit, or crashed): the browser is told, and shows so.
        await self.remote_close()

    def kill(self) -> None:
        """End the app at once (a second Ctrl+C in the server's terminal)."""
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()

    async def close(self) -> None:
        """Ask the app to quit, terminate it if it has not within ``QUIT_GRACE``, kill it
        if that fails too; returns once the process is gone, so the home is free."""
        process = self._process
        stopping = asyncio.ensure_future(self.stop())
        for grace, end in ((QUIT_GRACE, "terminate"), (TERMINATE_GRACE, "kill")):
            try:
                await asyncio.wait_for(asyncio.shield(stopping), grace)
                break
            except TimeoutError:
                if process is not None and process.returncode is None:
                    with contextlib.suppress(ProcessLookupError):
                        getattr(process, end)()
        await stopping
        if process is not None:
            await process.wait()


def _html(text: str, status: int = 200) -> web.Response:
    response = web.Response(text=text, status=status, content_type="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


class PrepdeckServer:
    """The app's page and websocket behind ``token``; one app at a time on the home."""

    def __init__(self, served: ServedHome, token: str) -> None:
        self._served = served
        self._token = token
        self._session: _AppProcess | None = None
        self._socket: web.WebSocketResponse | None = None
        self._closing: asyncio.Future[None] | None = None
        """The current session's close, once it has begun."""
        self._page_id: str | None = None
        """The page that opened the current session."""
        self._downloads = DownloadManager()

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._headers])
        app.router.add_get("/", self.page)
        app.router.add_get("/ws", self.websocket)
        app.router.add_post("/leave", self.leave)
        app.router.add_static("/static", STATIC)
        return app

    @web.middleware
    async def _headers(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        response = await handler(request)
        if not response.prepared:
            response.headers.update(_SECURITY_HEADERS)
        return response

    def _refusal(self, token: str | None) -> web.Response | None:
        """The answer to a request without the right token; None when it has it."""
        verdict = check_token(token, self._token)
        if verdict == "missing":
            return _html(pages.TOKEN_MISSING, status=401)
        if verdict == "wrong":
            return _html(pages.TOKEN_WRONG, status=403)
        return None

    async def _home_taken(self) -> bool:
        """Whether an app runs on the home: this server's, or one opened in a terminal."""
        if self._session is not None:
            return True
        return await asyncio.to_thread(database_in_use, self._served.database)

    async def page(self, request: web.Request) -> web.StreamResponse:
        refused = self._refusal(request.query.get("token"))
        if refused is not None:
            return refused
        await self._let_leaving_page_go()
        if await self._home_taken():
            return _html(pages.ALREADY_OPEN, status=409)
        page_id = secrets.token_hex(8)
        font_size = pages.font_size_of(request.query.get("fontsize"))
        return _html(pages.app_page(font_size, page_id))

    async def _let_leaving_page_go(self) -> None:
        """Wait a moment for the session of a page being reloaded to end.

        A browser asks for the new page while the old one still holds its socket; the old
        page says it is leaving as it starts to unload (``leave``), and this waits for
        that word, then for its app to end, so a reload opens the app rather than
        finding it already open.
        """
        for _ in range(LEAVE_WAIT_STEPS):
            if self._session is None:
                return
            if self._closing is not None:
                await asyncio.shield(self._closing)
                return
            await asyncio.sleep(0.05)

    async def leave(self, request: web.Request) -> web.StreamResponse:
        """A page that holds the session is unloading: its app is ended at once."""
        refused = self._refusal(request.query.get("token"))
        if refused is not None:
            return refused
        page_id = request.query.get("page")
        socket = self._socket
        if socket is not None and page_id and page_id == self._page_id:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await socket.close(code=WSCloseCode.GOING_AWAY, message=b"page left")
        return web.Response(status=204)

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        """The socket that drives the app: checked as the page is, before it is opened."""
        values = query_values(request.query_string)
        refused = self._refusal(values.get("token"))
        if refused is not None:
            return refused
        # Checked again after the probe: another socket may have taken the home meanwhile.
        if await self._home_taken() or self._session is not None:
            return _html(pages.ALREADY_OPEN, status=409)
        socket = web.WebSocketResponse(heartbeat=15)
        session = _AppProcess(self._served, socket, self._downloads)
        self._session, self._socket, self._closing = session, socket, None
        self._page_id = values.get("page")
        closing: asyncio.Future[None] | None = None
        try:
            await socket.prepare(request)
            await session.start(_size(values, "width", 80), _size(values, "height", 24))
            await _relay(socket, session)
        finally:
            closing = asyncio.ensure_future(session.close())
            closing.add_done_callback(lambda _: self._release(session))
            self._closing = closing
            # Shielded: a server shutting down cancels this handler, and the app must
            # still be ended, and the home freed, in order.
            await asyncio.shield(closing)
        return socket

    def _release(self, session: _AppProcess) -> None:
        if self._session is session:
            self._session, self._socket, self._closing = None, None, None
            self._page_id = None

    def kill_apps(self) -> None:
        if self._session is not None:
            self._session.kill()

    async def end_sessions(self) -> None:
        """Close the browser's socket, and return once its app has ended."""
        socket = self._socket
        if socket is not None:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await socket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
        # The handler starts the app's close as its socket closes.
        for _ in range(100):
            if self._session is None or self._closing is not None:
                break
            await asyncio.sleep(0.05)
        if self._closing is not None:
            await asyncio.shield(self._closing)


def _size(values: dict[str, str], name: str, default: int) -> int:
    try:
        size = int(values.get(name, ""))
    except ValueError:
        return default
    return size if 1 <= size <= 1000 else default


async def _relay(socket: web.WebSocketResponse, session: _AppProcess) -> None:
    """Pass what the browser sends to the app until the socket closes."""
    async for message in socket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await session.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            width, height = data.get("width"), data.get("height")
            if isinstance(width, int) and isinstance(height, int):
                await session.set_terminal_size(width, height)
        elif kind == "ping":
            await socket.send_json(["pong", data])
        elif kind == "blur":
            await session.blur()
        elif kind == "focus":
            await session.focus()


async def serve(
    served: ServedHome,
    token: str,
    host: str,
    port: int,
    ready: Callable[[int], None],
) -> signal.Signals:
    """Serve the app until SIGINT or SIGTERM, then end its session and return the signal.

    ``ready`` is called with the port listened on (``port`` 0 picks a free one) once the
    server takes requests. A second Ctrl+C while stopping ends the app at once.
    """
    server = PrepdeckServer(served, token)
    # No access log: each request's line would hold its token.
    runner = web.AppRunner(server.make_app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port, shutdown_timeout=1.0)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        raise ServeError(f"cannot listen on {host}:{port}: {_why(error)}") from None
    loop = asyncio.get_running_loop()
    stop: asyncio.Future[signal.Signals] = loop.create_future()

    def stop_on(number: signal.Signals) -> None:
        if not stop.done():
            stop.set_result(number)

    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop_on, number)
    try:
        ready(_bound_port(runner, port))
        stopped_by = await stop
        loop.add_signal_handler(signal.SIGINT, server.kill_apps)
        await site.stop()
        await server.end_sessions()
    finally:
        await runner.cleanup()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(number)
    return stopped_by


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked


_BIND_PROBLEMS = {
    errno.EADDRINUSE: "the port is in use; choose another with --port",
    errno.EADDRNOTAVAIL: "this machine has no such address",
    errno.EACCES: "permission denied (a port below 1024 needs privileges)",
}


def _why(error: OSError) -> str:
    if error.errno in _BIND_PROBLEMS:
        return _BIND_PROBLEMS[error.errno]
    if isinstance(error, socket.gaierror):
        return "no such host"
    return error.strerror or str(error)
