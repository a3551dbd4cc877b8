"""HTTP fetching against a real local server: validators, deadlines, caps, retries."""

from __future__ import annotations

import time

from newsfeed.config import Settings
from newsfeed.demo.server import FixtureServer
from newsfeed.flows.fetching import fetch, make_client
from newsfeed.flows.tasks import run_async

FAST = Settings(retries=2, retry_backoff_s=0.01, request_deadline_s=2.0, connect_timeout_s=1.0,
                allow_private_network=True)  # the fixture server is on 127.0.0.1


def get(url: str, settings: Settings = FAST, **kw):
    async def go():
        async with make_client(settings, 4) as client:
            return await fetch(client, url, settings, max_bytes=kw.pop("max_bytes", 10**6), **kw)

    return run_async(go())


def test_conditional_get_answers_304_with_our_validators(demo_server: FixtureServer):
    first = get(demo_server.url("/feeds/world.rss"))
    assert first.ok and first.content and first.etag and first.last_modified
    again = get(demo_server.url("/feeds/world.rss"), etag=first.etag,
                last_modified=first.last_modified)
    assert again.not_modified and again.content is None
    sent = demo_server.requests_for("/feeds/world.rss")[-1]
    assert sent.header("If-None-Match") == first.etag
    assert sent.header("User-Agent").startswith("newsfeed/")


def test_gzip_is_requested_and_decoded(demo_server: FixtureServer):
    result = get(demo_server.url("/feeds/world.rss"))
    request = demo_server.requests_for("/feeds/world.rss")[-1]
    assert "gzip" in request.header("Accept-Encoding")
    assert result.content.lstrip().startswith(b"<?xml")


def test_permanent_redirect_is_reported_and_temporary_is_not(demo_server: FixtureServer):
    demo_server.redirect("/moved", "/feeds/world.rss", status=301)
    demo_server.redirect("/elsewhere", "/feeds/world.rss", status=302)
    moved = get(demo_server.url("/moved"))
    assert moved.ok and moved.permanent_redirect == demo_server.url("/feeds/world.rss")
    assert get(demo_server.url("/elsewhere")).permanent_redirect is None


def test_redirect_loop_is_an_error(demo_server: FixtureServer):
    demo_server.redirect("/a", "/b")
    demo_server.redirect("/b", "/a")
    result = get(demo_server.url("/a"))
    assert result.error_kind == "redirects"


def test_server_errors_are_retried_with_backoff(demo_server: FixtureServer):
    calls = []

    def flaky(req):
        calls.append(time.monotonic())
        if len(calls) < 3:
            req.send_body(503, b"busy", "text/plain", None)
        else:
            req.send_body(200, b"<html><body>ok</body></html>", "text/html", None)

    demo_server.add_route("/flaky", flaky)
    result = get(demo_server.url("/flaky"))
    assert result.ok and len(calls) == 3
    assert calls[2] - calls[1] >= calls[1] - calls[0]  # the wait grows


def test_429_retry_after_is_honoured(demo_server: FixtureServer):
    calls = []

    def limited(req):
        calls.append(time.monotonic())
        if len(calls) == 1:
            req.send_body(429, b"slow down", "text/plain", {"Retry-After": "1"})
        else:
            req.send_body(200, b"fine", "text/plain", None)

    demo_server.add_route("/limited", limited)
    assert get(demo_server.url("/limited")).ok
    assert calls[1] - calls[0] >= 0.9


def test_client_errors_are_not_retried(demo_server: FixtureServer):
    result = get(demo_server.url("/no/such/page.html"))
    assert result.error_kind == "http_status" and result.status == 404
    assert len(demo_server.requests_for("/no/such/page.html")) == 1


def test_a_trickling_server_hits_the_total_deadline(demo_server: FixtureServer):
    demo_server.slow("/slow", b"x" * 4000, delay_s=0.2, chunk=100)  # 8 s in all
    settings = Settings(retries=0, request_deadline_s=1.0, allow_private_network=True)
    started = time.monotonic()
    result = get(demo_server.url("/slow"), settings)
    assert result.error_kind == "timeout"
    assert time.monotonic() - started < 3


def test_bodies_over_the_cap_are_cut_off(demo_server: FixtureServer):
    demo_server.huge("/huge", 50 * 1024 * 1024, declare_length=False)
    result = get(demo_server.url("/huge"), max_bytes=1024 * 1024)
    assert result.error_kind == "too_large" and result.content is None
    demo_server.huge("/declared", 50 * 1024 * 1024)
    assert get(demo_server.url("/declared"), max_bytes=1024 * 1024).error_kind == "too_large"


def test_connection_reset_is_a_recorded_error(demo_server: FixtureServer):
    demo_server.reset("/reset")
    result = get(demo_server.url("/reset"),
                 Settings(retries=1, retry_backoff_s=0.01, allow_private_network=True))
    assert result.error_kind == "connection"
    assert len(demo_server.requests_for("/reset")) == 2
