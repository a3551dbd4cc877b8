"""The ingest flow end to end: demo feeds on a local server → a real DuckDB file."""

from __future__ import annotations

import duckdb
import pytest

from newsfeed.demo.server import FixtureServer
from tests.dbutil import rows

pytestmark = pytest.mark.usefixtures("prefect_harness")


def ingest(feeds, db, **kw) -> dict:
    from newsfeed.flows.ingest import ingest as flow

    return flow(feeds_file=str(feeds), db=str(db), **{"workers": 0, **kw})


def counts(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = ("feeds", "items", "item_feeds", "articles", "entities", "entity_mentions",
                  "quantities", "quotes", "dates", "failures", "feed_fetches", "runs")
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


@pytest.fixture
def first_run(demo_feeds, db_path):
    return ingest(demo_feeds, db_path)


def test_first_run_fills_every_table(first_run, db_path):
    assert first_run["status"] == "completed"
    n = counts(db_path)
    assert n["feeds"] == 3 and n["runs"] == 1
    assert n["items"] == 12 and n["articles"] == 11  # one page is in two feeds
    for table in ("entities", "entity_mentions", "quantities", "quotes", "dates"):
        assert n[table] > 0, table
    assert first_run["articles_written"] == n["articles"]
    assert first_run["quantities"] == n["quantities"]
    assert first_run["feeds_ok"] == 3


def test_article_metadata_comes_from_the_page(first_run, db_path):
    found = rows(db_path, """
        SELECT count(*) FILTER (WHERE title IS NOT NULL), count(*) FILTER (WHERE published_at
        IS NOT NULL), count(*) FILTER (WHERE language = 'en'), count(*) FILTER (WHERE body_source
        = 'page'), count(*) FROM articles""")[0]
    titled, dated, english, from_page, total = found
    assert titled == dated == total
    assert english >= total - 2
    assert from_page >= total - 2


def test_bodies_are_cleaned(first_run, db_path):
    bodies = [r[0] for r in rows(db_path, "SELECT body FROM articles WHERE body_source = 'page'")]
    for body in bodies:
        assert "Continue reading the main story" not in body
        assert "using the form below" not in body
        paragraphs = [p for p in body.split("\n\n") if len(p) > 40]
        assert len(paragraphs) == len(set(paragraphs)), "a paragraph is repeated"


def test_an_article_in_two_feeds_is_stored_once(first_run, db_path):
    shared = rows(db_path, """
        SELECT i.article_id, count(DISTINCT f.feed_id), list(i.url ORDER BY i.url),
               list(DISTINCT i.canonical_url)
        FROM items i JOIN item_feeds f USING (item_id)
        GROUP BY i.article_id HAVING count(DISTINCT f.feed_id) > 1""")
    assert len(shared) == 1
    article_id, feeds, urls, canonical = shared[0]
    assert feeds == 2
    assert any("utm_source" in u for u in urls) and len(canonical) == 1
    assert "utm_" not in canonical[0]
    assert rows(db_path, "SELECT count(*) FROM articles WHERE article_id = ?",
                [article_id]) == [(1,)]


def test_a_dead_link_falls_back_to_the_feed_and_says_why(first_run, db_path):
    fallback = rows(db_path, "SELECT body, fallback_reason, http_status FROM articles "
                             "WHERE body_source = 'feed'")
    assert len(fallback) >= 1
    body, reason, status = fallback[0]
    assert body.strip() and "404" in reason and status == 404
    failure = rows(db_path, "SELECT stage, kind, http_status, host FROM failures")
    assert ("page", "http_status", 404, "127.0.0.1") in failure


def test_other_languages_are_recorded_not_parsed_as_english(first_run, db_path):
    french = rows(db_path, "SELECT article_id, facts_skipped_reason FROM articles "
                           "WHERE language = 'fr'")
    assert len(french) == 1
    article_id, reason = french[0]
    assert "English" in reason
    assert rows(db_path, "SELECT count(*) FROM facts WHERE article_id = ?", [article_id]) == [(0,)]


def test_second_run_on_unchanged_feeds_is_304_and_adds_nothing(
        first_run, demo_feeds, db_path, demo_server: FixtureServer):
    before = counts(db_path)
    demo_server.clear_requests()
    second = ingest(demo_feeds, db_path)
    after = counts(db_path)
    assert second["status"] == "completed"
    assert second["feeds_not_modified"] == 3 and second["items_new"] == 0
    feed_requests = [r for r in demo_server.requests if r.path.startswith("/feeds/")]
    assert len(feed_requests) == 3 and all(r.status == 304 for r in feed_requests)
    assert not [r for r in demo_server.requests if r.path.startswith("/articles/")]
    for table in ("items", "articles", "entities", "quantities", "quotes", "dates", "failures"):
        assert after[table] == before[table], table
    assert after["runs"] == 2 and after["feed_fetches"] == 6


def test_a_broken_feed_does_not_stop_the_run(demo_feeds, db_path, demo_server: FixtureServer):
    demo_server.status("/feeds/broken.rss", 500)
    demo_server.status("/feeds/page.rss", 200, b"<html><body><p>Not a feed</p></body></html>",
                       content_type="text/html")
    with demo_feeds.open("a") as f:
        f.write(f'\n[[feeds]]\nurl = "{demo_server.url("/feeds/broken.rss")}"\n'
                f'\n[[feeds]]\nurl = "{demo_server.url("/feeds/page.rss")}"\n')
    summary = ingest(demo_feeds, db_path, workers=None)
    assert summary["status"] == "completed"
    assert summary["feeds_ok"] == 3 and summary["feeds_failed"] == 2
    kinds = {r[0] for r in rows(db_path, "SELECT kind FROM failures WHERE stage = 'feed'")}
    assert kinds == {"http_status", "not_a_feed"}
    assert counts(db_path)["articles"] >= 8


def test_process_pool_gives_the_same_facts(demo_feeds, tmp_path, db_path):
    ingest(demo_feeds, db_path)
    pooled = tmp_path / "pooled.duckdb"
    ingest(demo_feeds, pooled, workers=2)
    sql = ("SELECT article_id, fact_type, fact_index, text, detail, value FROM facts "
           "ORDER BY ALL")
    assert rows(pooled, sql) == rows(db_path, sql)


def test_reading_the_backlog_page_by_page_loses_and_repeats_nothing(demo_feeds, tmp_path,
                                                                   db_path):
    from newsfeed.flows.ingest import PAGE_BATCHES

    ingest(demo_feeds, db_path)
    paged_feeds = tmp_path / "paged.toml"  # one article per batch: several pages per run
    paged_feeds.write_text(demo_feeds.read_text() + "batch_size = 1\n")
    paged = tmp_path / "paged.duckdb"
    summary = ingest(paged_feeds, paged)
    assert summary["articles_written"] > PAGE_BATCHES
    sql = ("SELECT article_id, fact_type, fact_index, text, detail, value FROM facts "
           "ORDER BY ALL")
    assert rows(paged, sql) == rows(db_path, sql)
    assert rows(paged, "SELECT article_id FROM articles ORDER BY 1") == rows(
        db_path, "SELECT article_id FROM articles ORDER BY 1")


def test_a_run_after_a_crash_finishes_the_work(demo_feeds, db_path):
    from newsfeed.storage import store

    ingest(demo_feeds, db_path)
    with store.open_db(db_path) as con:  # as if the process died after storing the items
        lost = [r[0] for r in con.execute(
            "SELECT article_id FROM articles ORDER BY article_id LIMIT 3").fetchall()]
        for table in (*store.FACT_TABLES, "articles"):  # an article and its facts go together
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [lost])
        store.start_run(con, "killed-run", 3)
    before = counts(db_path)
    summary = ingest(demo_feeds, db_path)
    assert summary["articles_written"] == 3
    assert counts(db_path)["articles"] == before["articles"] + 3
    assert rows(db_path, "SELECT status FROM runs WHERE run_id = 'killed-run'") == [("crashed",)]


def test_a_permanently_moved_feed_is_fetched_at_its_new_url(tmp_path, db_path,
                                                             demo_server: FixtureServer):
    demo_server.redirect("/old/science.rdf", "/feeds/science.rdf", status=301)
    feeds = tmp_path / "moved.toml"
    feeds.write_text(f'[[feeds]]\nurl = "{demo_server.url("/old/science.rdf")}"\n'
                     '[settings]\nallow_private_network = true\n')
    ingest(feeds, db_path)
    assert rows(db_path, "SELECT configured_url, url FROM feeds") == [
        (demo_server.url("/old/science.rdf"), demo_server.url("/feeds/science.rdf"))]
    demo_server.clear_requests()
    second = ingest(feeds, db_path)
    assert second["feeds_not_modified"] == 1
    assert [r.path for r in demo_server.requests] == ["/feeds/science.rdf"]
