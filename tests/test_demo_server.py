"""The local fixture server and the bundled demo site, exercised over real HTTP."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from email.utils import formatdate
from pathlib import Path

import feedparser
import httpx
import pytest

from newsfeed.config import load_feeds_file
from newsfeed.demo import FEED_PATHS, SITE_DIR, feeds_toml
from newsfeed.demo.server import FixtureRequestHandler, FixtureServer, content_type_for

MISSING_ARTICLE = "/articles/geneva-ceasefire-talks.html"


@pytest.fixture(scope="module")
def demo() -> Iterator[FixtureServer]:
    with FixtureServer(SITE_DIR) as server:
        yield server


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[FixtureServer]:
    (tmp_path / "feed.rss").write_text(
        '<rss version="2.0"><channel><title>T</title>'
        "<item><link>{{BASE_URL}}/a.html</link></item></channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "a.html").write_text("<p>" + "news " * 400 + "</p>", encoding="utf-8")
    with FixtureServer(tmp_path) as fixture_server:
        yield fixture_server


# -- static files and conditional GET ----------------------------------------------------------


def test_serves_file_with_validators_and_content_type(server: FixtureServer) -> None:
    response = httpx.get(server.url("/feed.rss"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert response.headers["etag"].startswith('"') and response.headers["etag"].endswith('"')
    assert response.headers["last-modified"].endswith("GMT")
    assert server.base_url.startswith("http://127.0.0.1:")


def test_base_url_placeholder_is_replaced(server: FixtureServer) -> None:
    text = httpx.get(server.url("/feed.rss")).text
    assert "{{BASE_URL}}" not in text
    assert f"<link>{server.base_url}/a.html</link>" in text


def test_if_none_match_gives_304_and_changed_tag_gives_200(server: FixtureServer) -> None:
    with httpx.Client() as client:
        first = client.get(server.url("/feed.rss"))
        again = client.get(
            server.url("/feed.rss"), headers={"If-None-Match": first.headers["etag"]}
        )
        stale = client.get(server.url("/feed.rss"), headers={"If-None-Match": '"other"'})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert stale.status_code == 200


def test_if_modified_since_gives_304_unless_older(server: FixtureServer) -> None:
    first = httpx.get(server.url("/a.html"))
    same = httpx.get(
        server.url("/a.html"), headers={"If-Modified-Since": first.headers["last-modified"]}
    )
    older = httpx.get(
        server.url("/a.html"), headers={"If-Modified-Since": formatdate(0, usegmt=True)}
    )
    assert same.status_code == 304
    assert older.status_code == 200


def test_gzip_only_when_asked(server: FixtureServer) -> None:
    plain = httpx.get(server.url("/a.html"), headers={"Accept-Encoding": "identity"})
    with httpx.stream("GET", server.url("/a.html"), headers={"Accept-Encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())
        encoding = r.headers.get("content-encoding")
        gz_etag = r.headers["etag"]
    assert "content-encoding" not in plain.headers
    assert encoding == "gzip"
    assert gzip.decompress(raw) == plain.content
    assert len(raw) < len(plain.content) / 5
    assert gz_etag != plain.headers["etag"]
    # a client holding the gzip tag still gets its 304
    revalidated = httpx.get(
        server.url("/a.html"), headers={"Accept-Encoding": "gzip", "If-None-Match": gz_etag}
    )
    assert revalidated.status_code == 304


def test_missing_file_and_path_traversal_are_404(server: FixtureServer) -> None:
    assert httpx.get(server.url("/nope.html")).status_code == 404
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/../../etc/passwd")
    assert conn.getresponse().status == 404
    conn.close()


def test_content_type_by_extension_and_charset_marker() -> None:
    assert content_type_for(Path("x.atom")) == "application/atom+xml; charset=utf-8"
    assert content_type_for(Path("x.rdf")) == "application/rdf+xml; charset=utf-8"
    assert content_type_for(Path("x.latin1.html")) == "text/html; charset=iso-8859-1"
    assert content_type_for(Path("x.css")) == "text/css"


# -- hostile routes ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_redirect(server: FixtureServer, code: int) -> None:
    server.redirect("/old.rss", "/feed.rss", status=code)
    response = httpx.get(server.url("/old.rss"), follow_redirects=True)
    assert response.status_code == 200
    assert [r.status_code for r in response.history] == [code]
    assert response.url == server.url("/feed.rss")


def test_status_routes(server: FixtureServer) -> None:
    server.status("/gone", 404)
    server.status("/broken", 500, b"oops")
    server.status("/busy", 429, headers={"Retry-After": "7"})
    assert httpx.get(server.url("/gone")).status_code == 404
    broken = httpx.get(server.url("/broken"))
    assert (broken.status_code, broken.content) == (500, b"oops")
    busy = httpx.get(server.url("/busy"))
    assert busy.status_code == 429
    assert busy.headers["retry-after"] == "7"


def test_status_route_overrides_a_file(server: FixtureServer) -> None:
    server.status("/a.html", 503)
    assert httpx.get(server.url("/a.html")).status_code == 503


def test_add_route_gets_the_request_handler(server: FixtureServer) -> None:
    def echo_agent(req: FixtureRequestHandler) -> None:
        req.send_body(200, req.headers["User-Agent"].encode(), "text/plain")

    server.add_route("/ua", echo_agent)
    response = httpx.get(server.url("/ua?x=1"), headers={"User-Agent": "probe/1"})
    assert response.text == "probe/1"


def test_slow_route_trickles_and_trips_read_timeouts(server: FixtureServer) -> None:
    body = b"x" * 100
    server.slow("/slow", body, delay_s=0.03, chunk=20)  # 5 pauses
    started = time.monotonic()
    response = httpx.get(server.url("/slow"))
    assert response.content == body
    assert time.monotonic() - started >= 0.15

    server.slow("/stalled", body, delay_s=1.0, chunk=50)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(server.url("/stalled"), timeout=httpx.Timeout(5.0, read=0.1))


@pytest.mark.parametrize("declare_length", [True, False])
def test_huge_route_streams(server: FixtureServer, declare_length: bool) -> None:
    size = 20 * 1024 * 1024 + 7
    server.huge("/huge", size, declare_length=declare_length)
    total = 0
    with httpx.stream("GET", server.url("/huge"), headers={"Accept-Encoding": "identity"}) as r:
        assert r.status_code == 200
        assert ("content-length" in r.headers) is declare_length
        for piece in r.iter_raw():
            total += len(piece)
    assert total == size
    assert server.requests_for("/huge")[-1].bytes_sent == size


def test_huge_route_can_be_abandoned(server: FixtureServer) -> None:
    server.huge("/endless", 1024 * 1024 * 1024)
    with httpx.stream("GET", server.url("/endless")) as r:
        first = next(r.iter_raw(64 * 1024))
    assert first.startswith(b"<p>")
    assert httpx.get(server.url("/a.html")).status_code == 200  # server still fine


def test_reset_closes_without_response(server: FixtureServer) -> None:
    server.reset("/reset")
    with pytest.raises(httpx.TransportError):
        httpx.get(server.url("/reset"))
    record = server.requests_for("/reset")[-1]
    assert record.status is None and record.bytes_sent == 0


# -- request log and lifecycle -----------------------------------------------------------------


def test_requests_are_recorded(server: FixtureServer) -> None:
    with httpx.Client(headers={"User-Agent": "newsfeed-test"}) as client:
        first = client.get(server.url("/feed.rss?utm_source=x"))
        client.get(server.url("/feed.rss"), headers={"If-None-Match": first.headers["etag"]})
        client.head(server.url("/a.html"))
        client.get(server.url("/missing"))
    records = server.requests
    assert [(r.method, r.path, r.status) for r in records] == [
        ("GET", "/feed.rss", 200),
        ("GET", "/feed.rss", 304),
        ("HEAD", "/a.html", 200),
        ("GET", "/missing", 404),
    ]
    assert records[0].query == "utm_source=x"
    assert records[0].header("User-Agent") == "newsfeed-test"
    assert records[1].header("if-none-match") == first.headers["etag"]
    assert records[0].bytes_sent == first.num_bytes_downloaded  # gzip bytes on the wire
    assert records[1].bytes_sent == 0 and records[2].bytes_sent == 0
    server.clear_requests()
    assert server.requests == []


def test_recording_is_thread_safe(server: FixtureServer) -> None:
    def fetch() -> None:
        with httpx.Client() as client:
            for _ in range(10):
                client.get(server.url("/a.html"))

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(server.requests_for("/a.html")) == 80


def test_close_leaves_no_threads_even_mid_request(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    server = FixtureServer(tmp_path)
    server.slow("/slow", b"y" * 1000, delay_s=0.5, chunk=1)
    client = httpx.Client()
    client.get(server.url("/nothing"))  # leaves an idle keep-alive connection open
    worker = threading.Thread(target=lambda: _swallow(lambda: client.get(server.url("/slow"))))
    worker.start()
    time.sleep(0.2)
    started = time.monotonic()
    server.close()
    server.close()  # idempotent
    assert time.monotonic() - started < 2
    worker.join(5)
    client.close()
    leftover = [t for t in set(threading.enumerate()) - before if t.is_alive()]
    assert leftover == []


def _swallow(call: Callable[[], object]) -> None:
    with contextlib.suppress(httpx.HTTPError):
        call()


# -- the bundled demo site ---------------------------------------------------------------------


def test_demo_feeds_parse_without_bozo(demo: FixtureServer) -> None:
    versions = {}
    for path in FEED_PATHS:
        parsed = feedparser.parse(httpx.get(demo.url(path)).content)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        versions[path] = (parsed.version, len(parsed.entries))
        for entry in parsed.entries:
            assert entry.title and entry.summary and entry.link.startswith(demo.base_url)
            date = entry.get("published_parsed") or entry.get("updated_parsed")
            assert date is not None and (date.tm_year, date.tm_mon) == (2026, 11)
    assert versions == {
        "/feeds/world.rss": ("rss20", 6),
        "/feeds/business.atom": ("atom10", 3),
        "/feeds/science.rdf": ("rss10", 3),
    }


def _demo_links(demo: FixtureServer) -> list[str]:
    links = []
    for path in FEED_PATHS:
        links += [e.link for e in feedparser.parse(httpx.get(demo.url(path)).content).entries]
    return links


def test_every_demo_link_resolves_except_the_intended_404(demo: FixtureServer) -> None:
    statuses = {link: httpx.get(link).status_code for link in _demo_links(demo)}
    missing = [link for link, status in statuses.items() if status != 200]
    assert missing == [demo.url(MISSING_ARTICLE)]
    assert len(statuses) == 12


def test_demo_has_one_story_in_two_feeds_with_tracking_params(demo: FixtureServer) -> None:
    links = _demo_links(demo)
    stripped = [link.split("?")[0] for link in links]
    assert len(set(stripped)) == len(links) - 1
    tracked = [link for link in links if "?" in link]
    assert tracked == [
        demo.url("/articles/greenway-store-closures.html") + "?utm_source=rss&utm_medium=feed"
    ]


def test_demo_pages_are_news_like(demo: FixtureServer) -> None:
    page = httpx.get(demo.url("/articles/qalat-mira-army-retakes-town.html")).text
    for marker in (
        '<html lang="en">',
        'property="og:title"',
        'property="article:published_time" content="2026-11-17T06:40:00+00:00"',
        "Continue reading the main story",
        "Send us your comments using the form below.",
        "militia.State television said",
        "ICRC spokeswoman Leila Haddad",
    ):
        assert marker in page
    assert "{{BASE_URL}}" not in page


def test_demo_french_page_is_latin1(demo: FixtureServer) -> None:
    response = httpx.get(demo.url("/articles/sommet-eau-lyon.latin1.html"))
    assert response.headers["content-type"] == "text/html; charset=iso-8859-1"
    assert '<html lang="fr">' in response.text
    assert "maires européens" in response.text
    assert "maires europ\xc3\xa9ens".encode("latin-1") not in response.content  # not UTF-8


def test_demo_site_is_small() -> None:
    total = sum(p.stat().st_size for p in SITE_DIR.rglob("*") if p.is_file())
    assert total < 300_000


def test_feeds_toml_renders_a_loadable_feeds_file(tmp_path: Path) -> None:
    text = feeds_toml("http://127.0.0.1:8765/")
    assert "{{BASE_URL}}" not in text
    assert [f["url"] for f in tomllib.loads(text)["feeds"]] == [
        "http://127.0.0.1:8765" + path for path in FEED_PATHS
    ]
    (tmp_path / "feeds.toml").write_text(text, encoding="utf-8")
    feeds, _settings = load_feeds_file(tmp_path / "feeds.toml")
    assert [(f.name, f.tags[0]) for f in feeds] == [
        ("World", "world"),
        ("Business", "business"),
        ("Science", "science"),
    ]


def test_the_server_runs_as_its_own_process_and_stops_cleanly_on_sigterm():
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "newsfeed.demo.server", str(SITE_DIR)],
                            stdout=subprocess.PIPE, text=True)
    try:
        base_url = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert httpx.get(base_url + FEED_PATHS[0]).status_code == 200
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
