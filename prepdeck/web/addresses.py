"""Where ``prepdeck serve`` listens, and the addresses it prints for it.

Free of the web server's libraries: the command checks and prints these before the
server is imported.
"""

from __future__ import annotations

import ipaddress
import socket

WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})
"""Every address of the machine."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine alone."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_url(host: str, port: int, token: str) -> str:
    """The address that opens the app, token included."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/?token={token}"


def local_host(host: str) -> str:
    """The host this machine's own browser uses for a server on ``host``."""
    if host in WILDCARD_HOSTS:
        return "::1" if host == "::" else "127.0.0.1"
    return host


def network_address() -> str | None:
    """This machine's address on its network (what a phone beside it would type), or None.

    Found by asking the system which address it would send from; no packet is sent.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if ipaddress.ip_address(address).is_loopback else address
