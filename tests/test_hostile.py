"""Hostile feeds and pages from a local server: every bad case is a recorded failure with a
reason, the run goes on, and the good items of the same run are kept."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsfeed.demo import SITE_DIR
from newsfeed.demo.server import FixtureServer
from tests.dbutil import rows

pytestmark = pytest.mark.usefixtures("prefect_harness")

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
SETTINGS = """
[settings]
allow_private_network = true  # the fixture server is on 127.0.0.1
host_delay_s = 0.0
host_concurrency = 4
retries = 1
retry_backoff_s = 0.05
request_deadline_s = 2.0
connect_timeout_s = 2.0
max_feed_bytes = 1000000
max_page_bytes = 1000000
"""
FEEDS = ["main.rss", "malformed.rss", "page.rss", "empty.rss", "bomb.rss", "xxe.rss",
         "wrong-charset.rss", "html-page", "junk.rss", "huge.rss", "gone.rss", "trickle.rss"]
LATIN1_FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\xe9</title>'
    '<item><title>R\xe9sum\xe9 of the week</title><guid isPermaLink="false">cafe-1</guid>'
    '<description>D\xe9j\xe0 vu in the caf\xe9.</description></item></channel></rss>'
).encode("latin-1")  # declared utf-8 (and served as utf-8), written in Latin-1


def long_paragraph() -> bytes:
    sentences = " ".join(f"Officials in the northern province said on Tuesday that {n} families "
                         "had returned to their homes after the floods, and aid workers "
                         "expected many more to follow in the coming weeks." for n in range(800))
    return f"<html><head><title>Endless</title></head><body><article><h1>Endless</h1>" \
           f"<p>{sentences}</p></article></body></html>".encode()


# good pages of the hostile site are pages of the demo site, served under other names
DEMO_PAGES = {
    "/articles/good.html": ("malaria-vaccine-trial.html", "utf-8"),
    "/articles/notitle.html": ("exoplanet-water-vapour.html", "utf-8"),
    "/articles/french.latin1.html": ("sommet-eau-lyon.latin1.html", "iso-8859-1"),
}


def demo_page(server: FixtureServer, name: str) -> bytes:
    page = (SITE_DIR / "articles" / name).read_bytes()
    return page.replace(b"{{BASE_URL}}", server.base_url.encode())


def serve_hostile_routes(server: FixtureServer) -> None:
    for path, (name, charset) in DEMO_PAGES.items():
        server.status(path, 200, demo_page(server, name),
                      content_type=f"text/html; charset={charset}")
    junk = random.Random(5).randbytes(20000)
    server.status("/junk.html", 200, junk, content_type="text/html")
    server.status("/report.pdf", 200, b"%PDF-1.7\n" + junk, content_type="application/pdf")
    server.status("/photo.png", 200, b"\x89PNG\r\n\x1a\n" + junk, content_type="image/png")
    server.status("/long.html", 200, long_paragraph(), content_type="text/html; charset=utf-8")
    server.status("/error.html", 500)
    calls = []

    def limited(req):
        calls.append(time.monotonic())
        if len(calls) == 1:
            req.send_body(429, b"slow down", headers={"Retry-After": "1"})
        else:
            req.send_body(200, demo_page(server, "malaria-vaccine-trial.html"),
                          "text/html; charset=utf-8")

    server.add_route("/limited.html", limited)
    server.slow("/trickle.html", b"<p>" + b"x" * 5000, delay_s=0.3, chunk=10)
    server.redirect("/loop-a", "/loop-b", status=302)
    server.redirect("/loop-b", "/loop-a", status=302)
    server.reset("/reset.html")
    server.huge("/huge.html", 5_000_000, declare_length=False)
    # feeds
    server.status("/feeds/wrong-charset.rss", 200, LATIN1_FEED,
                  content_type="application/rss+xml; charset=utf-8")
    server.status("/feeds/html-page", 200, (HOSTILE / "feeds" / "page.rss").read_bytes(),
                  content_type="text/html; charset=utf-8")
    server.status("/feeds/junk.rss", 200, junk, content_type="application/rss+xml")
    server.huge("/feeds/huge.rss", 5_000_000, content_type="application/rss+xml")
    server.status("/feeds/gone.rss", 410)
    server.slow("/feeds/trickle.rss", b"<rss>" + b" " * 5000, delay_s=0.3, chunk=10,
                content_type="application/rss+xml")


GUID = "regexp_extract(i.guid, 'herald-[0-9]+$')"  # feedparser makes GUIDs absolute URLs


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    from newsfeed.flows.robots import RobotsCache

    RobotsCache.clear()
    tmp = tmp_path_factory.mktemp("hostile")
    db = tmp / "news.duckdb"
    with FixtureServer(HOSTILE) as server:
        serve_hostile_routes(server)
        feeds = tmp / "feeds.toml"
        feeds.write_text(SETTINGS + "".join(
            f'\n[[feeds]]\nurl = "{server.url("/feeds/" + name)}"\n' for name in FEEDS))
        from newsfeed.flows.ingest import ingest

        summary = ingest(feeds_file=str(feeds), db=str(db), workers=0)
        yield summary, db, server
    RobotsCache.clear()


def failures(db: Path) -> set[tuple[str, str]]:
    return set(rows(db, "SELECT stage, kind FROM failures"))


def test_the_run_completes(hostile_run):
    summary, db, _ = hostile_run
    assert summary["status"] == "completed"
    assert summary["feeds_total"] == len(FEEDS)
    assert rows(db, "SELECT status FROM runs") == [("completed",)]


def test_bad_feeds_are_recorded_with_their_reason(hostile_run):
    _, db, _ = hostile_run
    by_url = {url.rsplit("/", 1)[1]: (kind, message) for url, kind, message in rows(
        db, "SELECT url, kind, message FROM failures WHERE stage = 'feed'")
        if kind not in ("malformed", "encoding", "item_skipped", "duplicate_item", "bad_date",
                        "future_date")}
    assert by_url["page.rss"] == ("not_a_feed", "HTML page, not a feed")
    assert by_url["html-page"][0] == "not_a_feed"
    assert by_url["empty.rss"] == ("not_a_feed", "empty body")
    assert by_url["junk.rss"][0] == "not_a_feed"
    assert by_url["bomb.rss"][0] == "unsafe_xml" and "entity bomb" in by_url["bomb.rss"][1]
    assert by_url["xxe.rss"][0] == "unsafe_xml" and "external" in by_url["xxe.rss"][1]
    assert by_url["huge.rss"][0] == "too_large"
    assert by_url["gone.rss"] == ("http_status", "HTTP 410 Gone")
    assert by_url["trickle.rss"][0] == "timeout"
    ok = {r[0].rsplit("/", 1)[1] for r in rows(db, "SELECT url FROM feeds "
                                                    "WHERE last_status = 'ok'")}
    assert ok == {"main.rss", "malformed.rss", "wrong-charset.rss"}


def test_feeds_with_problems_keep_their_good_items(hostile_run):
    _, db, _ = hostile_run
    feed_kinds = {k for s, k in failures(db) if s == "feed"}
    assert {"malformed", "encoding", "duplicate_item", "item_skipped", "bad_date",
            "future_date"} <= feed_kinds
    titles = {r[0] for r in rows(db, "SELECT title FROM items")}
    assert {"Harbour reopens after storm & flooding", "Council meets",
            "Résumé of the week", "Good article"} <= titles
    assert "Good article, again" not in titles  # its GUID was taken
    (future,), = rows(db, "SELECT published_at FROM items WHERE guid LIKE '%herald-19'")
    assert future <= datetime.now(UTC)  # clamped to the fetch time


def test_no_entity_was_expanded_and_nothing_external_was_read(hostile_run):
    _, db, server = hostile_run
    assert server.requests_for("/private/xxe-was-fetched") == []
    assert rows(db, "SELECT count(*) FROM items WHERE title LIKE '%lol%' OR "
                    "summary LIKE '%root:%'") == [(0,)]


def test_bad_pages_are_recorded_and_fall_back_to_the_feed(hostile_run):
    _, db, server = hostile_run
    page = {guid: (kind, message) for guid, kind, message in rows(db, f"""
        SELECT {GUID}, f.kind, f.message FROM failures f JOIN items i USING (article_id)
        WHERE f.stage IN ('page', 'extract')""")}
    assert page["herald-3"][0] == "no_body" and page["herald-4"][0] == "no_body"
    assert page["herald-5"][0] in ("no_body", "error")
    assert page["herald-6"] == ("not_html", "content type application/pdf")
    assert page["herald-7"] == ("not_html", "content type image/png")
    assert page["herald-9"][0] == "http_status" and page["herald-10"][0] == "http_status"
    assert page["herald-12"][0] == "timeout"
    assert page["herald-13"][0] == "redirects"
    assert page["herald-14"][0] == "connection"
    assert page["herald-15"][0] == "too_large"
    assert page["herald-16"][0] == "robots"
    assert page["herald-17"][0] == "blocked"
    assert page["herald-18"][0] == "skipped"  # no link
    assert server.requests_for("/private/secret.html") == []
    fallbacks = rows(db, f"""
        SELECT {GUID}, a.body, a.fallback_reason FROM articles a JOIN items i USING (article_id)
        WHERE a.body_source = 'feed'""")
    for guid, body, reason in fallbacks:
        assert body.strip() and reason, guid


def test_good_pages_of_the_same_run_are_kept(hostile_run):
    _, db, _ = hostile_run
    kept = dict(rows(db, f"""
        SELECT {GUID}, a.body_source || ':' || coalesce(a.language, '?') FROM articles a
        JOIN items i USING (article_id) WHERE i.guid LIKE '%herald-%'"""))
    assert kept["herald-1"] == "page:en"
    assert kept["herald-11"] == "page:en"  # 429 Retry-After honoured, then fetched
    assert kept["herald-2"] == "page:fr"
    assert kept["herald-8"] == "page:en"
    facts = dict(rows(db, f"""
        SELECT {GUID} AS guid, count(f.article_id) FROM items i JOIN articles a USING (article_id)
        LEFT JOIN facts f USING (article_id) GROUP BY ALL
        HAVING guid IN ('herald-1', 'herald-2', 'herald-8')"""))
    assert facts["herald-1"] > 5 and facts["herald-8"] > 5
    assert facts["herald-2"] == 0  # French: language recorded, no English-only extraction


def test_an_endless_paragraph_is_bounded_and_the_cut_recorded(hostile_run):
    _, db, _ = hostile_run
    (message,), = rows(db, """
        SELECT f.message FROM failures f JOIN items i USING (article_id)
        WHERE i.guid LIKE '%herald-8' AND f.kind = 'truncated'""")
    assert "first" in message
    body_len, last_fact = rows(db, """
        SELECT length(a.body), max(f.char_end) FROM articles a JOIN items i USING (article_id)
        JOIN facts f USING (article_id) WHERE i.guid LIKE '%herald-8' GROUP BY ALL""")[0]
    assert last_fact <= 100_000 < body_len


def test_every_item_has_exactly_one_article(hostile_run):
    _, db, _ = hostile_run
    assert rows(db, "SELECT count(DISTINCT article_id) FROM items") == rows(
        db, "SELECT count(*) FROM articles")
    assert rows(db, "SELECT count(*) - count(DISTINCT article_id) FROM articles") == [(0,)]


def test_without_the_opt_in_private_addresses_are_refused(tmp_path, db_path):
    from newsfeed.flows.ingest import ingest

    with FixtureServer(HOSTILE) as server:
        feeds = tmp_path / "feeds.toml"
        feeds.write_text(f'[[feeds]]\nurl = "{server.url("/feeds/main.rss")}"\n')
        summary = ingest(feeds_file=str(feeds), db=str(db_path), workers=0)
        assert server.requests == []
    assert summary["status"] == "completed" and summary["feeds_failed"] == 1
    (kind, message), = rows(db_path, "SELECT kind, message FROM failures")
    assert kind == "blocked" and "127.0.0.1" in message and "allow_private_network" in message
