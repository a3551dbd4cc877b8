"""Non-public addresses are refused unless allowed: checked per hop and at connect time."""

from __future__ import annotations

import ipaddress

import pytest

from newsfeed.config import Settings
from newsfeed.demo.server import FixtureServer
from newsfeed.flows.fetching import fetch, make_client
from newsfeed.flows.netguard import BlockedAddress, check_url, is_public
from newsfeed.flows.tasks import run_async

GUARDED = Settings(retries=0, request_deadline_s=5.0)
ALLOWED = Settings(retries=0, request_deadline_s=5.0, allow_private_network=True)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1", "::",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1", "ff02::1",
])
def test_non_public_addresses(address: str):
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111",
                                     "::ffff:8.8.8.8"])
def test_public_addresses(address: str):
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost:8080/x", "http://[::1]/", "http://169.254.169.254/",
    "http://2130706433/", "file:///etc/passwd", "gopher://example.org/", "http:///nohost",
])
def test_check_url_refuses(url: str):
    with pytest.raises(BlockedAddress):
        run_async(check_url(url))


def get(url: str, settings: Settings):
    async def go():
        async with make_client(settings, 2) as client:
            return await fetch(client, url, settings, max_bytes=10**6)

    return run_async(go())


def test_loopback_is_refused_before_any_request(demo_server: FixtureServer):
    result = get(demo_server.url("/feeds/world.rss"), GUARDED)
    assert result.error_kind == "blocked" and "127.0.0.1" in result.error
    assert "allow_private_network" in result.error
    localhost = get(f"http://localhost:{demo_server.port}/feeds/world.rss", GUARDED)
    assert localhost.error_kind == "blocked"
    assert demo_server.requests == []


def test_opt_in_fetches_the_private_host(demo_server: FixtureServer):
    assert get(demo_server.url("/feeds/world.rss"), ALLOWED).ok


def test_the_connection_itself_is_guarded(demo_server: FixtureServer):
    """Even a request that skipped the URL check cannot connect to a private address."""

    async def go():
        async with make_client(GUARDED, 2) as client:
            await client.get(f"http://localhost:{demo_server.port}/feeds/world.rss")

    with pytest.raises(BlockedAddress):
        run_async(go())
    assert demo_server.requests == []


def test_every_redirect_hop_is_checked(demo_server: FixtureServer):
    """A hop is checked before its request: here a redirect to a file: URL, with the opt-in."""
    demo_server.redirect("/to-file", "file:///etc/passwd", status=302)
    result = get(demo_server.url("/to-file"), ALLOWED)
    assert result.error_kind == "blocked" and "file" in result.error


def test_a_redirect_to_cloud_metadata_cannot_connect():
    """Whatever hop leads there, the guarded transport refuses to connect (nothing is sent)."""

    async def go():
        async with make_client(GUARDED, 2) as client:
            return await client.get("http://169.254.169.254/latest/meta-data/")

    with pytest.raises(BlockedAddress):
        run_async(go())
