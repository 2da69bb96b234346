"""The client's address, trusting `X-Forwarded-For` only from the proxies an operator named.

Sign-in backoff is kept per address, so the address must be the client's, not one a client
typed: a forwarded header is believed only when the request comes from a proxy listed in
TIMELINE_TRUSTED_PROXIES (addresses or networks, e.g. `127.0.0.1,10.0.0.0/8`). The header is
then read from the right, past every trusted proxy, to the first address none of them is: what
the nearest untrusted hop said, which a client cannot forge by sending the header itself. With
nothing configured (the default) the header is ignored and the peer's address is the client's.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from fastapi import Request

from app.config import Network


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request) -> str:
    peer = request.client.host if request.client else "unknown"
    networks = request.app.state.settings.trusted_proxies
    if not networks or not _trusted(peer, networks):
        return peer[:80]
    hops = [hop.strip() for header in request.headers.getlist("x-forwarded-for") for hop in header.split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not _trusted(hop, networks):
            return hop[:80]
    return (hops[0] if hops and hops[0] else peer)[:80]
