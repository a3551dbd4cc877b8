"""Refuse to fetch non-public addresses: item links come from third parties.

A feed can point its items (or a redirect) at ``http://127.0.0.1:…``, ``http://169.254.169.254/``
(cloud metadata) or a host on the intranet. Unless ``Settings.allow_private_network`` is set,
every request is checked twice:

* before each hop (``check_url``): the scheme must be http(s) and *every* address the host
  resolves to must be public;
* when the connection is made (``GuardedBackend``): the host is resolved once more, every
  address checked, and the socket connects to one of the checked addresses, so a DNS answer
  that changes between the check and the connection (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(Exception):
    """A URL whose host is, or resolves to, a non-public address (or a non-http scheme)."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried by a mapped, 6to4, Teredo or NAT64 IPv6 address."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses (not private, loopback, link-local, ...)."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:  # ::ffff:a.b.c.d is the IPv4 address itself
            return is_public(ip.ipv4_mapped)
        inner = _embedded_ipv4(ip)
        if inner is not None and not is_public(inner):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def _parse_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    literal = _parse_ip(host)
    if literal is not None:
        return [literal]
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
    found = (_parse_ip(str(info[4][0])) for info in infos)
    return list(dict.fromkeys(ip for ip in found if ip is not None))


def check_addresses(host: str, addresses: Iterable[IPAddress]) -> list[IPAddress]:
    """The addresses, if all are public; else raise BlockedAddress naming the first that is not."""
    addresses = list(addresses)
    for ip in addresses:
        if not is_public(ip):
            raise BlockedAddress(
                f"{host} resolves to the non-public address {ip}; refused "
                "(set allow_private_network = true in [settings] to fetch intranet hosts)")
    return addresses


async def check_url(url: str, addresses: bool = True) -> None:
    """Raise BlockedAddress unless ``url`` is http(s) and its host resolves to public addresses.

    ``addresses=False`` checks the scheme only. A host that cannot be resolved raises OSError
    (a connection failure).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddress(f"scheme {parts.scheme or '(none)'!r} refused: only http and https")
    if not parts.hostname:
        raise BlockedAddress(f"no host in {url!r}")
    if not addresses:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    check_addresses(parts.hostname, await resolve(parts.hostname, port))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to checked public addresses."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable | None = None) -> httpcore.AsyncNetworkStream:
        addresses = check_addresses(host, await resolve(host, port))
        if not addresses:
            raise OSError(f"cannot resolve {host}")
        error: Exception | None = None
        for ip in addresses:  # the checked addresses, never a fresh lookup
            try:
                return await self._inner.connect_tcp(str(ip), port, timeout=timeout,
                                                     local_address=local_address,
                                                     socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable | None = None
                                  ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddress("unix sockets are refused")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
