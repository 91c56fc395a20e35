"""The app in a browser: ``prepdeck serve``'s web server.

A front end beside ``cli/`` and ``tui/``: it runs the same Textual app, one process per
browser session, through textual-serve, and keeps anyone without the token out. Only
``prepdeck serve`` imports it, so no other command pays for aiohttp.
"""
