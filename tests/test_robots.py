"""robots.txt for article pages (not for feeds), once per host, and politeness per host."""

from __future__ import annotations

import threading
import time

import pytest

from newsfeed.config import Settings
from newsfeed.demo import SITE_DIR
from newsfeed.demo.server import FixtureServer
from newsfeed.flows.robots import RobotsCache
from newsfeed.flows.tasks import download_pages, fetch_feeds
from newsfeed.storage.store import FeedState, PendingItem

SETTINGS = Settings(allow_private_network=True, host_delay_s=0.0, retries=0,
                    request_deadline_s=5.0)
ROBOTS = b"User-agent: newsfeed\nDisallow: /articles/sk\n\nUser-agent: *\nDisallow: /\n"


@pytest.fixture
def server():
    RobotsCache.clear()  # ports are reused between tests: start without cached rules
    with FixtureServer(SITE_DIR) as fixture:
        yield fixture
    RobotsCache.clear()


def item(server: FixtureServer, path: str) -> PendingItem:
    return PendingItem(article_id=path, url=server.url(path), title="Title", author=None,
                       published=None, summary="<p>The feed's own summary.</p>", content=None)


PAGES = ("/articles/skyreach-record-profit.html", "/articles/malaria-vaccine-trial.html")


def test_a_disallowed_page_is_a_robots_failure_and_robots_txt_is_fetched_once(server):
    server.status("/robots.txt", 200, ROBOTS)
    refused, allowed = download_pages([item(server, p) for p in PAGES], SETTINGS)
    assert refused.page_error.kind == "robots" and refused.html is None
    assert "robots.txt" in refused.page_error.message
    assert allowed.page_error is None and allowed.html
    download_pages([item(server, PAGES[1])], SETTINGS)  # the next batch of the run
    assert len(server.requests_for("/robots.txt")) == 1
    assert server.requests_for(PAGES[0]) == []


def test_an_unreachable_robots_txt_disallows_the_site(server):
    server.status("/robots.txt", 503)
    (job,) = download_pages([item(server, PAGES[1])], SETTINGS)
    assert job.page_error.kind == "robots" and "RFC 9309" in job.page_error.message
    assert server.requests_for(PAGES[1]) == []


def test_a_missing_robots_txt_allows_everything(server):
    jobs = download_pages([item(server, p) for p in PAGES], SETTINGS)
    assert all(j.page_error is None for j in jobs)
    assert server.requests_for("/robots.txt")[0].status == 404


def test_robots_can_be_ignored(server):
    server.status("/robots.txt", 200, b"User-agent: *\nDisallow: /\n")
    (job,) = download_pages([item(server, PAGES[0])], Settings(
        allow_private_network=True, host_delay_s=0.0, respect_robots=False))
    assert job.page_error is None
    assert server.requests_for("/robots.txt") == []


def test_feeds_the_user_subscribed_to_are_fetched_whatever_robots_says(server):
    server.status("/robots.txt", 200, b"User-agent: *\nDisallow: /\n")
    feed = FeedState("f1", server.url("/feeds/world.rss"), "World", None, None)
    (outcome,) = fetch_feeds([feed], SETTINGS)
    assert outcome.status == "ok" and outcome.items
    assert server.requests_for("/robots.txt") == []


def test_requests_to_one_host_are_limited_and_spaced(server):
    in_flight, most, starts = [0], [0], []
    lock = threading.Lock()

    def page(req):
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
            starts.append(time.monotonic())
        req.wait(0.1)
        with lock:
            in_flight[0] -= 1
        req.send_body(200, b"<html><body><p>" + b"word " * 200 + b"</p></body></html>",
                      "text/html")

    paths = [f"/p/{n}" for n in range(6)]
    for path in paths:
        server.add_route(path, page)
    settings = Settings(allow_private_network=True, host_concurrency=2, host_delay_s=0.1,
                        article_concurrency=8)
    jobs = download_pages([item(server, p) for p in paths], settings)
    assert all(j.page_error is None for j in jobs)
    assert most[0] == 2  # never more than host_concurrency at once (8 were allowed overall)
    starts.sort()
    assert all(b - a >= 0.07 for a, b in zip(starts, starts[1:], strict=False))
