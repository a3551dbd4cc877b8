"""The backfill flow: WARC files made from the demo site → the same articles as a live run.

The WARC files are written from real HTTP responses of the demo site (served on 127.0.0.1),
with non-HTML, non-200, request and metadata records mixed in, gzipped and not.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import httpx
import pytest
from fastwarc.warc import WarcRecordType
from typer.testing import CliRunner

import newsfeed
from newsfeed.cli import app
from newsfeed.demo import SITE_DIR
from newsfeed.demo.server import FixtureServer
from newsfeed.flows.warc import http_response, warc_record
from tests.demo_db import demo_feeds_file

pytestmark = pytest.mark.usefixtures("prefect_harness")

ARTICLE_COLUMNS = ("article_id, url, final_url, http_status, title, author, published_at, "
                   "site_name, language, body, word_count, body_source, facts_skipped_reason")
FACT_QUERIES = {
    "entities": "SELECT article_id, entity_index, name, label, mention_count, char_start, "
                "confidence FROM entities",
    "entity_mentions": "SELECT * FROM entity_mentions",
    "quantities": "SELECT article_id, quantity_index, text, value, unit, category, place, "
                  "confidence FROM quantities",
    "quotes": "SELECT article_id, quote_index, text, speaker, verb, confidence FROM quotes",
    "dates": "SELECT article_id, date_index, text, resolved, granularity FROM dates",
}


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def page_articles(db: Path) -> list[tuple]:
    return query(db, f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE body_source = 'page'")


def facts_of_pages(db: Path) -> dict[str, list[tuple]]:
    pages = "article_id IN (SELECT article_id FROM articles WHERE body_source = 'page')"
    return {table: query(db, f"SELECT * FROM ({sql}) WHERE {pages}")
            for table, sql in FACT_QUERIES.items()}


def crawl(server: FixtureServer, live_db: Path) -> list[tuple[str, bytes]]:
    """(url, WARC block) of what a crawler would archive: every page the feeds link to (a
    404 too), the stylesheet, an image, a redirect, with request and metadata records."""
    links = [r[0] for r in query(live_db, "SELECT DISTINCT url FROM items")]
    records = []
    with httpx.Client() as client:
        for url in [*links, server.url("/static/site.css"), server.url("/index.html")]:
            response = client.get(url)
            records.append((url, b"GET / HTTP/1.1\r\n\r\n", WarcRecordType.request))
            records.append((url, http_response(
                response.content, response.headers.get("content-type", ""),
                response.status_code, response.reason_phrase), WarcRecordType.response))
    records.insert(3, (server.url("/logo.png"), http_response(b"\x89PNG\r\n", "image/png"),
                       WarcRecordType.response))
    records.insert(5, (server.url("/old"), http_response(b"", "text/html", 301, "Moved"),
                       WarcRecordType.response))
    records.append((server.url("/"), b"crawler: test\r\n", WarcRecordType.metadata))
    return records


def write_warc(path: Path, records, gzipped: bool) -> Path:
    with path.open("wb") as out:
        for url, block, kind in records:
            out.write(warc_record(url, block, kind, gzipped=gzipped))
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A live run of the demo site, and WARC files (gzipped and not) of the same site."""
    from newsfeed.flows.ingest import ingest

    directory = tmp_path_factory.mktemp("backfill")
    live = directory / "live.duckdb"
    with FixtureServer(SITE_DIR) as server:  # kept up: a live run after a backfill
        feeds = directory / "feeds.toml"
        feeds.write_text(demo_feeds_file(server.base_url), encoding="utf-8")
        summary = ingest(feeds_file=str(feeds), db=str(live), workers=0)
        assert summary["status"] == "completed"
        records = crawl(server, live)
        yield {"live": live, "records": records, "feeds": feeds,
               "gz": write_warc(directory / "demo.warc.gz", records, gzipped=True),
               "plain": write_warc(directory / "demo.warc", records, gzipped=False)}


ARTICLES = "/articles/"  # the site's article pages, not its front page


def backfill(warc, db: Path, **kw) -> newsfeed.RunSummary:
    return newsfeed.backfill(warc, db, workers=0, **kw)


def test_a_backfill_gives_the_articles_and_facts_of_a_live_run(demo, tmp_path):
    db = tmp_path / "warc.duckdb"
    first = backfill(demo["gz"], db, url_pattern=ARTICLES)
    assert first.ok and first.kind == "backfill"
    live_articles = page_articles(demo["live"])
    assert len(live_articles) == 10  # the demo's pages (one more article is the feed's text)
    assert page_articles(db) == live_articles
    assert facts_of_pages(db) == facts_of_pages(demo["live"])
    assert first.articles_written == 10 and first.items_new == 10
    assert first.feeds_total == 1 and first.feeds_ok == 1
    # the pseudo-feed of the file carries its items
    assert query(db, "SELECT f.configured_url, count(*) FROM feeds f JOIN item_feeds USING "
                     "(feed_id) GROUP BY ALL") == [("warc:demo.warc.gz", 10)]
    assert query(db, "SELECT stage FROM failures") == []

    second = backfill(demo["gz"], db, url_pattern=ARTICLES)
    assert second.ok and second.items_new == 0 and second.articles_written == 0
    assert query(db, "SELECT count(*) FROM articles") == [(10,)]
    assert query(db, "SELECT count(*) FROM items") == [(10,)]
    assert query(db, "SELECT kind, count(*) FROM runs GROUP BY ALL") == [("backfill", 2)]


def test_an_uncompressed_warc_gives_the_same_articles(demo, tmp_path):
    gz, plain = tmp_path / "gz.duckdb", tmp_path / "plain.duckdb"
    assert backfill(demo["plain"], plain).articles_written == 11  # the front page too
    backfill(demo["gz"], gz)
    assert page_articles(plain) == page_articles(gz)


def test_a_page_archived_then_seen_in_a_feed_is_stored_once(demo, tmp_path):
    db = tmp_path / "both.duckdb"
    backfill(demo["gz"], db, url_pattern=ARTICLES)
    live = newsfeed.ingest(demo["feeds"], db, workers=0)
    assert live.ok and live.articles_written == 1  # only the feed's text of the dead link
    assert query(db, "SELECT count(*) FROM articles") == [(11,)]
    assert query(db, "SELECT kind FROM runs ORDER BY started_at") == [("backfill",), ("ingest",)]


def test_a_backfill_of_pages_a_live_run_stored_adds_nothing(demo, tmp_path):
    live_copy = tmp_path / "live.duckdb"
    live_copy.write_bytes(demo["live"].read_bytes())
    again = backfill(demo["gz"], live_copy, url_pattern=ARTICLES)
    assert again.ok and again.articles_written == 0 and again.items_new == 0
    assert query(live_copy, "SELECT count(*) FROM articles") == [(11,)]


def test_filters_keep_the_pages_asked_for(demo, tmp_path):
    by_url = backfill(demo["gz"], tmp_path / "url.duckdb", url_pattern="*/qalat-mira-*")
    assert by_url.articles_written == 2
    regex = backfill(demo["gz"], tmp_path / "re.duckdb", url_pattern=r"articles/(sky|green)")
    assert regex.articles_written == 2
    assert backfill(demo["gz"], tmp_path / "host.duckdb",
                    hosts=["example.org"]).articles_written == 0
    assert backfill(demo["gz"], tmp_path / "host2.duckdb",
                    hosts=["127.0.0.1"], url_pattern="antarctic").articles_written == 1
    # the records are dated 2026-11-20 12:00 UTC
    assert backfill(demo["gz"], tmp_path / "late.duckdb",
                    since="2026-11-21").articles_written == 0
    assert backfill(demo["gz"], tmp_path / "early.duckdb",
                    until="2026-11-19").articles_written == 0
    french = tmp_path / "fr.duckdb"
    assert backfill(demo["gz"], french, since="2026-11-20", until="2026-11-20",
                    languages=["fr"]).articles_written == 1  # an until day is included whole
    assert query(french, "SELECT language FROM articles") == [("fr",)]


def test_bad_records_are_failures_and_the_good_ones_are_stored(demo, tmp_path):
    good = [r for r in demo["records"] if r[2] == WarcRecordType.response
            and ARTICLES in r[0] and r[1].startswith(b"HTTP/1.1 200")]
    damaged = warc_record(good[1][0], good[1][1], gzipped=True)
    damaged = damaged[:-20] + bytes(20)  # the member's end overwritten: the digest fails
    warc = tmp_path / "damaged.warc.gz"
    with warc.open("wb") as out:
        out.write(warc_record(good[0][0], good[0][1], gzipped=True))
        out.write(damaged)
        out.write(warc_record("http://127.0.0.1:1/articles/x.html", b"not an HTTP message\x00",
                              gzipped=True))
        for url, block, kind in good[2:]:
            out.write(warc_record(url, block, kind, gzipped=True))
        out.write(warc_record(good[1][0], good[1][1], gzipped=True)[:-30])  # truncated end
    db = tmp_path / "damaged.duckdb"
    summary = backfill(warc, db, url_pattern=ARTICLES)
    assert summary.ok
    kinds = [r[0] for r in query(db, "SELECT kind FROM failures WHERE stage = 'archive'")]
    assert sorted(kinds) == ["bad_http", "truncated", "unreadable"]
    # every good page is stored: reading goes on at the gzip member after the damaged one
    assert page_articles(db) == [a for a in page_articles(demo["live"])
                                 if a[1] != good[1][0]]
    assert summary.failures == 3 and summary.feeds_failed == 1
    assert query(db, "SELECT status, error LIKE '%damaged.warc.gz at byte%' FROM feed_fetches"
                 ) == [("failed", True)]


def test_cli_backfill(demo, tmp_path):
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["backfill", "--warc", str(demo["gz"]), "--db", str(db),
                                      "--url-pattern", "malaria", "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert "Articles stored" in result.output
    assert query(db, "SELECT count(*) FROM articles") == [(1,)]
    missing = CliRunner().invoke(app, ["backfill", "--warc", str(tmp_path / "nope.warc"),
                                       "--db", str(db)])
    assert missing.exit_code == 1 and "not found" in missing.output


GZIP_HEADER = 10  # gzip.compress writes no file name: the deflate data starts at byte 10


@pytest.mark.parametrize("gzipped", [True, False])
def test_reading_goes_on_after_a_damaged_record(gzipped, tmp_path):
    from collections import Counter

    from newsfeed.flows.warc import read_pages

    parts = [warc_record(f"http://site.test/{i}", http_response(b"<p>page %d</p>" % i),
                         gzipped=gzipped) for i in range(5)]
    if gzipped:  # a gzip member that cannot be inflated: its first block has type 3 (reserved)
        parts[1] = parts[1][:GZIP_HEADER] + bytes([parts[1][GZIP_HEADER] | 0b110]) + \
            parts[1][GZIP_HEADER + 1:]
    else:  # the block no longer matches its digest
        parts[1] = parts[1][:-20] + bytes(20)
    parts[2] = warc_record("http://site.test/bad", b"junk\x00", gzipped=gzipped)
    parts.append(parts[0][:-25])  # cut short at the end of the file
    path = tmp_path / ("damaged.warc.gz" if gzipped else "damaged.warc")
    path.write_bytes(b"".join(parts))
    counts: Counter = Counter()
    read = list(read_pages(path, counts=counts))
    pages = [r.url for r in read if hasattr(r, "html")]
    assert pages == ["http://site.test/0", "http://site.test/3", "http://site.test/4"]
    bad = [r.kind for r in read if not hasattr(r, "html")]
    assert bad == ["unreadable" if gzipped else "truncated", "bad_http", "truncated"]
    assert counts["html"] == 3


def test_url_patterns_are_globs_or_regular_expressions():
    from newsfeed.flows.warc import PageFilter

    glob = PageFilter(url_pattern="*/news/*.html")
    assert glob.keeps_url("https://a.test/news/x.html")
    assert not glob.keeps_url("https://a.test/sport/x.html")
    regex = PageFilter(url_pattern=r"/(news|world)/\d+")
    assert regex.keeps_url("https://a.test/world/12") and not regex.keeps_url("https://a.test/w/1")
    hosts = PageFilter(hosts=("Example.org",))
    assert hosts.keeps_url("https://www.example.org/a") and hosts.keeps_url("http://example.org/")
    assert not hosts.keeps_url("https://notexample.org/a")
