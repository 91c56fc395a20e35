"""``prepdeck serve``: the app in a browser, behind a token."""

from __future__ import annotations

import click

from prepdeck.cli.guard import EXIT_INTERRUPTED
from prepdeck.errors import PrepdeckError


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but this computer's own (127.0.0.1, ::1, "
    "localhost) lets other machines reach the app.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@click.option(
    "--token",
    default=None,
    help="The token a browser must give (16 or more letters, digits, - and _); "
    "default: serve_token in config.toml, else a new random one.",
)
def serve(host: str, port: int, token: str | None) -> int:
    """Serve the app to a browser, behind a token; Ctrl+C stops it.

    Stopped by Ctrl+C, it exits 130 as every command does; by SIGTERM (a service
    manager), 0.
    """
    import asyncio
    import signal

    from prepdeck.config import serve_token_problem
    from prepdeck.maintenance.in_use import database_in_use
    from prepdeck.services import open_services
    from prepdeck.web.addresses import app_url, is_loopback, local_host, network_address

    if token is not None and (problem := serve_token_problem(token)) is not None:
        raise PrepdeckError(f"--token: {problem}")
    # Opened once here: a new home gets its decks, and a bad config.toml or database is
    # one line now rather than a page in the browser. Closed before serving, so the
    # home is free for the app.
    with open_services() as services:
        where = services.locations
        token = token or services.config.serve_token

    from prepdeck.web.access import new_token
    from prepdeck.web.server import ServedHome, app_command
    from prepdeck.web.server import serve as run_server

    token = token or new_token()
    if database_in_use(where.database):
        click.echo(
            "prepdeck: note: another prepdeck has this home open (in a terminal?); the "
            "browser shows 'prepdeck is already open' until it is closed",
            err=True,
        )

    def ready(bound: int) -> None:
        if not is_loopback(host):
            click.echo(
                f"prepdeck: warning: listening on {host or 'every address'}, not on this "
                f"computer alone: anyone who can reach port {bound} and has the token can use "
                "prepdeck as you, and plain HTTP carries the token and your cards unencrypted",
                err=True,
            )
        click.echo(f"prepdeck is served at {app_url(local_host(host), bound, token)}")
        if host in ("0.0.0.0", ""):
            address = network_address()
            if address is not None:
                click.echo(f"From another device on the network: {app_url(address, bound, token)}")
        click.echo("Press Ctrl+C to stop it.")

    served = ServedHome(
        home=where.home.absolute(), database=where.database.absolute(), command=app_command()
    )
    stopped_by = asyncio.run(run_server(served, token, host, port, ready))
    click.echo("Stopped.")
    return EXIT_INTERRUPTED if stopped_by == signal.SIGINT else 0
