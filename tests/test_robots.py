"""robots.txt for article pages (not for feeds), once per host, and politeness per host."""

from __future__ import annotations

import threading
import time

import pytest

from newsfeed.config import Settings
from newsfeed.demo import SITE_DIR
from newsfeed.demo.server import FixtureServer
from newsfeed.flows.fetching import HostPacer
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
    in_flight, most = [0], [0]
    lock = threading.Lock()

    def page(req):
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
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
    began = time.monotonic()
    jobs = download_pages([item(server, p) for p in paths], settings)
    assert all(j.page_error is None for j in jobs)
    assert most[0] == 2  # never more than host_concurrency at once (8 were allowed overall)
    # the k-th request (robots.txt first) was reserved a start k * 0.1 s or more after the
    # downloads began, and arrives no sooner: a bound load cannot break (it only delays)
    arrivals = sorted(r.received for r in server.requests)
    assert len(arrivals) == 7
    assert all(at >= began + k * 0.1 for k, at in enumerate(arrivals)), (began, arrivals)


def html_page(req) -> None:
    req.send_body(200, b"<html><body><p>" + b"word " * 200 + b"</p></body></html>", "text/html")


def spacing(server: FixtureServer) -> list[float]:
    """Seconds between consecutive requests, by the server's own clock (robots.txt included)."""
    received = sorted(r.received for r in server.requests)
    return [b - a for a, b in zip(received, received[1:], strict=False)]


# the pacer waits until the floor has passed before the client sends, and the server stamps a
# request only once it has arrived: load can widen the gaps, never narrow them (1 ms: clocks)
SLACK_S = 0.001


def test_crawl_delay_for_our_user_agent_spaces_every_request_to_the_host(server):
    server.status("/robots.txt", 200, b"User-agent: newsfeed\nCrawl-delay: 0.4\n\n"
                                      b"User-agent: *\nCrawl-delay: 30\nDisallow: /\n")
    paths = [f"/p/{n}" for n in range(3)]
    for path in paths:
        server.add_route(path, html_page)
    settings = SETTINGS.with_overrides(host_concurrency=2, article_concurrency=8)
    jobs = download_pages([item(server, p) for p in paths], settings)
    assert all(j.page_error is None for j in jobs)
    (more,) = download_pages([item(server, paths[0])], settings)  # the next batch keeps it
    assert more.page_error is None
    assert len(server.requests) == 5 and len(server.requests_for("/robots.txt")) == 1
    assert all(gap >= 0.4 - SLACK_S for gap in spacing(server)), spacing(server)


def test_an_absurd_crawl_delay_is_capped_and_a_larger_host_delay_still_applies(server):
    server.status("/robots.txt", 200, b"User-agent: *\nCrawl-delay: 86400\n")
    paths = [f"/p/{n}" for n in range(2)]
    for path in paths:
        server.add_route(path, html_page)
    capped = SETTINGS.with_overrides(max_crawl_delay_s=0.3)
    jobs = download_pages([item(server, p) for p in paths], capped)
    assert all(j.page_error is None for j in jobs)  # a day's delay would have stalled the run
    assert HostPacer.floor(server.base_url) == 0.3
    assert all(gap >= 0.3 - SLACK_S for gap in spacing(server)), spacing(server)
    server.clear_requests()
    slower = capped.with_overrides(host_delay_s=0.6)  # between starts, and larger: it wins
    download_pages([item(server, p) for p in paths], slower)
    assert all(gap >= 0.6 - SLACK_S for gap in spacing(server)), spacing(server)


def test_crawl_delay_is_ignored_when_set_so(server):
    server.status("/robots.txt", 200, b"User-agent: *\nCrawl-delay: 5\n")
    server.add_route("/p/0", html_page)
    (job,) = download_pages([item(server, "/p/0")], SETTINGS.with_overrides(max_crawl_delay_s=0))
    assert job.page_error is None and HostPacer.floor(server.base_url) == 0.0


def test_a_retry_to_a_host_with_a_crawl_delay_waits_for_it_too(server):
    server.status("/robots.txt", 200, b"User-agent: *\nCrawl-delay: 0.4\n")
    answers = iter([503, 200])

    def flaky(req) -> None:
        if next(answers) == 503:
            req.send_body(503, b"busy")
        else:
            html_page(req)

    server.add_route("/p/0", flaky)
    settings = SETTINGS.with_overrides(retries=1, retry_backoff_s=0.01)
    (job,) = download_pages([item(server, "/p/0")], settings)
    assert job.page_error is None and len(server.requests_for("/p/0")) == 2
    assert all(gap >= 0.4 - SLACK_S for gap in spacing(server)), spacing(server)
