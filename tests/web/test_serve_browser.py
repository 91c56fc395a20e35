"""``prepdeck serve`` in a real browser: Debian's chromium, driven by Playwright.

Skipped when ``/usr/bin/chromium`` is absent (``.ci/run`` installs it, as it does tmux):
Playwright's own browser download is not used. The app draws on a canvas, so what it
shows is read from the terminal output the page receives over its websocket.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, WebSocket, sync_playwright

from tests.cli.helpers import run_prepdeck
from tests.web.conftest import INTERRUPTED, Served

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed (/usr/bin/chromium); the browser tests use it",
)

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Nothing reaches out to the network: a closed network would leave these hanging.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GUARD_MS = 30_000
"""Each browser step's hang guard, not a timing check."""
GUARD_S = GUARD_MS / 1000


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS, timeout=GUARD_MS
        )
        try:
            yield launched
        finally:
            launched.close()


class AppPage:
    """A browser tab on the app, with everything its websocket received."""

    def __init__(self, browser: Browser) -> None:
        self.page = browser.new_page(viewport={"width": 1000, "height": 700})
        self.page.set_default_timeout(GUARD_MS)
        self.received: list[bytes] = []
        self.page.on("websocket", self._watch)

    def _watch(self, socket: WebSocket) -> None:
        def keep(payload: str | bytes) -> None:
            self.received.append(payload.encode() if isinstance(payload, str) else payload)

        socket.on("framereceived", keep)

    def shown_since(self, start: int) -> str:
        return b"".join(self.received[start:]).decode("utf-8", "replace")

    def press_until(self, key: str, text: str) -> None:
        """Press ``key``, then wait until the app draws ``text``."""
        start = len(self.received)
        self.page.keyboard.press(key)
        deadline = time.monotonic() + GUARD_S
        while text not in self.shown_since(start):
            if time.monotonic() > deadline:
                raise AssertionError(f"after {key!r} the app never drew {text!r}")
            self.page.wait_for_timeout(100)

    def open_app(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200
        # The page marks the first real output of the app.
        self.page.wait_for_selector("body.-first-byte")


def socket_opens(page: Page, url: str) -> bool:
    """Whether the browser can open a websocket to ``url``."""
    opened = page.evaluate(
        """(url) => new Promise((done) => {
            const socket = new WebSocket(url);
            socket.onopen = () => { socket.close(); done(true); };
            socket.onerror = () => done(false);
        })""",
        url,
    )
    assert isinstance(opened, bool)
    return opened


def reviews(home: Path) -> list[dict[str, object]]:
    done = run_prepdeck("reviews", "export", home=home)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def wait_for_reviews(home: Path, count: int) -> list[dict[str, object]]:
    deadline = time.monotonic() + GUARD_S
    while len(found := reviews(home)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{count} review(s) never reached the log: {found}")
        time.sleep(0.2)
    return found


def test_a_grade_given_in_the_browser_is_in_the_review_log(
    browser: Browser, served: Served, isolated_home: Path
) -> None:
    tab = AppPage(browser)
    # No token, a wrong one: neither the page nor its socket.
    for query, status in (("", 401), ("?token=not-the-token-at-all-0000", 403)):
        response = tab.page.goto(served.base + query)
        assert response is not None and response.status == status
        assert tab.page.locator(".textual-terminal").count() == 0
        assert not socket_opens(tab.page, served.websocket + query)
    assert not socket_opens(tab.page, served.websocket)
    tab.open_app(served.url)
    tab.page.click("#terminal", position={"x": 5, "y": 5})
    tab.press_until("a", "Press d to type a draft")
    tab.press_until("Space", "Again")
    tab.page.keyboard.press("3")
    # Committed while the drill goes on, before the browser leaves.
    [review] = wait_for_reviews(isolated_home, 1)
    assert review["rating"] == 3
    assert review["mode"] == "drill"
    # Leaving mid-drill loses nothing, and frees the home.
    tab.page.close()
    assert len(reviews(isolated_home)) == 1
    code, out, err = served.stop()
    assert code == INTERRUPTED, err
    assert "Traceback" not in out + err


def test_a_second_tab_finds_the_app_already_open(browser: Browser, served: Served) -> None:
    first = AppPage(browser)
    first.open_app(served.url)
    second = browser.new_page()
    second.set_default_timeout(GUARD_MS)
    response = second.goto(served.url)
    assert response is not None and response.status == 409
    assert second.locator("h1").inner_text() == "prepdeck is already open"
    assert second.locator(".textual-terminal").count() == 0
    # The first tab reloaded keeps the app: it lets go of it as it unloads.
    first.open_app(served.url)
    # Closing it frees the home for the second.
    first.page.close()
    deadline = time.monotonic() + GUARD_S
    while (response := second.reload()) is not None and response.status == 409:
        if time.monotonic() > deadline:
            raise AssertionError("the home stayed taken after the first tab closed")
        second.wait_for_timeout(200)
    assert response is not None and response.status == 200
    second.wait_for_selector("body.-first-byte")
