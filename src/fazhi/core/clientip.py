"""The client's address behind a reverse proxy, for the login lockout (django-axes), the login log and the
request log.

Behind nginx every request comes from 127.0.0.1; the client is in `X-Forwarded-For`, which nginx appends to
(`proxy_add_x_forwarded_for`). That header is believed only when the TCP peer (REMOTE_ADDR) is one of
FAZHI_TRUSTED_PROXIES; then the header is read from the right, skipping trusted proxies, and the first other
address is the client (what a client writes on the left of the header is never reached while a trusted proxy
appended after it). A request from anywhere else is keyed on its own address, whatever headers it sends, so a
client cannot escape the lockout by inventing a new X-Forwarded-For on every try.

Our own function rather than django-ipware (axes' optional helper): ipware's `proxy_trusted_ips` matches the
proxies listed inside the header, not the peer the request actually came from, which is the check needed here.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s, strict=False) for s in spec)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(settings.FAZHI_TRUSTED_PROXIES))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(addr, networks: tuple[Network, ...]) -> bool:
    return any(addr in net for net in networks)


def peer_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or ""


def client_ip(request) -> str:
    """The client's address (AXES_CLIENT_IP_CALLABLE)."""
    peer = peer_address(request)
    networks = trusted_networks()
    peer_addr = _address(peer)
    if peer_addr is None or not networks or not _trusted(peer_addr, networks):
        return peer
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    client = peer
    for part in reversed(forwarded):
        addr = _address(part)
        if addr is None:  # not written by a proxy we trust: stop at the last address we could believe
            break
        client = str(addr)
        if not _trusted(addr, networks):
            break
    return client


def is_direct_loopback(request) -> bool:
    """The request came straight from this machine, not through a proxy (which always adds X-Forwarded-For
    or X-Real-IP): Prometheus on the host scraping the app server's own port."""
    addr = _address(peer_address(request))
    if addr is None or not addr.is_loopback:
        return False
    return not (request.META.get("HTTP_X_FORWARDED_FOR") or request.META.get("HTTP_X_REAL_IP"))
