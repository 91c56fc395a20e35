"""The HTML the server answers with: the app's page and the pages that refuse it.

Written by hand, without a template engine: there are three small pages, and the only
value put into one is a number.
"""

from __future__ import annotations

from html import escape

FONT_SIZES = range(8, 41)
DEFAULT_FONT_SIZE = 16

_STYLE = """
html, body { margin: 0; height: 100%; background: #0c181f; color: #e8e8e8;
  font-family: system-ui, sans-serif; }
main { max-width: 36rem; margin: 0 auto; padding: 3rem 1.5rem; line-height: 1.5; }
a { color: #8fd0ff; }
"""

_APP_STYLE = """
#terminal { position: absolute; inset: 0; }
#closed { display: none; position: absolute; inset: 0; z-index: 10;
  background: rgba(12, 24, 31, 0.94); }
body.-closed #closed { display: block; }
#start { display: none; }
"""


def _head(title: str, *, extra: str = "", style: str = "") -> str:
    """The document's start, through ``<head>``: every page is shown as the app is, and
    sends no referrer, so that the token in its address goes nowhere else."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
{extra}<style>{_STYLE}{style}</style>
</head>
"""


def _notice(title: str, *paragraphs: str) -> str:
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        _head(title)
        + f"""<body>
<main>
<h1>{escape(title)}</h1>
{body}
</main>
</body>
</html>
"""
    )


TOKEN_MISSING = _notice(
    "prepdeck needs its token",
    "This address is missing the token that keeps prepdeck private. Open the whole "
    "address <code>prepdeck serve</code> printed, the part from <code>?token=</code> on "
    "included.",
)

TOKEN_WRONG = _notice(
    "Wrong token",
    "The token in this address is not the one <code>prepdeck serve</code> is using. Copy "
    "the address it printed when it started; a server started again without "
    "<code>--token</code> or <code>serve_token</code> makes a new token each time.",
)

ALREADY_OPEN = _notice(
    "prepdeck is already open",
    "prepdeck is already open on this home: in another browser tab or window, or in a "
    "terminal on the computer that serves it. Only one can use a home at a time, so this "
    "page does not open a second copy.",
    "Close the other one (quit it with <kbd>q</kbd> on its home screen, or close its tab), "
    'then <a href="">reload this page</a>.',
)


def app_page(font_size: int, page_id: str) -> str:
    """The page that runs the app: textual-serve's terminal, told where its websocket is.

    The websocket's address is built in the browser from the page's own, so it names the
    host the browser reached (a phone uses the computer's network address) and carries
    the same token. ``page_id`` names this page to the server: the socket carries it, and
    as the page unloads it tells the server it is leaving, so that its reload finds the
    app free.
    """
    assets = (
        '<link rel="stylesheet" href="/static/css/xterm.css">\n'
        '<script src="/static/js/textual.js"></script>\n'
    )
    return (
        _head("prepdeck", extra=assets, style=_APP_STYLE)
        + f"""<body>
<div id="terminal" class="textual-terminal" data-font-size="{font_size}"></div>
<div id="closed"><main>
<h1>prepdeck has closed</h1>
<p>Every grade you gave is saved. <a href="">Open prepdeck again</a>.</p>
</main></div>
<button id="start" type="button" onclick="location.reload()">Start</button>
<script>
(function () {{
  var token = encodeURIComponent(new URLSearchParams(location.search).get("token") || "");
  var page = "{page_id}";
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  document.getElementById("terminal").dataset.sessionWebsocketUrl =
    scheme + location.host + "/ws?token=" + token + "&page=" + page + "&";
  var left = false;
  function leave() {{
    if (!left) {{
      left = true;
      navigator.sendBeacon("/leave?token=" + token + "&page=" + page);
    }}
  }}
  addEventListener("beforeunload", leave);
  addEventListener("pagehide", leave);
}})();
</script>
</body>
</html>
"""
    )


def font_size_of(value: str | None) -> int:
    """The font size a ``?fontsize=`` asks for, when it is a sensible one."""
    try:
        size = int(value or "")
    except ValueError:
        return DEFAULT_FONT_SIZE
    return size if size in FONT_SIZES else DEFAULT_FONT_SIZE
