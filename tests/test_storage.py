"""The DuckDB schema and the pipeline's writes, on real database files."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from newsfeed.config import FeedConfig
from newsfeed.extract.feed import FeedItem
from newsfeed.extract.process import ArticleFailure, ProcessedArticle  # noqa: E402
from newsfeed.extract.types import Article, Entity, Facts, Mention, Quantity, Quote
from newsfeed.storage import store
from newsfeed.storage.schema import describe, migrate, migrations, schema_version

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def item(n: int) -> FeedItem:
    return FeedItem(item_id=f"id{n}", guid=f"g{n}", link=f"http://example.org/{n}",
                    canonical_url=f"http://example.org/{n}", title=f"Title {n}", published=T0,
                    author=None, summary="summary", content=None)


def outcome(feed_id: str, items: list[FeedItem], status: str = "ok", **kw) -> store.FeedOutcome:
    return store.FeedOutcome(feed_id=feed_id, url="http://example.org/feed", status=status,
                             fetched_at=T0, duration_ms=1.0, items=items, **kw)


def processed(article_id: str) -> ProcessedArticle:
    body = sentence = "The UN says 80,000 people were killed."
    facts = Facts(
        entities=[Entity("UN", "ORG", 0, 4, 6, sentence, [Mention("UN", 0, 4, 6)])],
        quantities=[Quantity("80,000 people", 80000, 0, 12, 25, sentence, counted="people",
                             category="killed", source="UN")],
        quotes=[Quote("were killed", 0, 26, 37, sentence, is_fragment=True)],
        extractor="test", extractor_version="1",
    )
    return ProcessedArticle(article_id=article_id, url="http://example.org/x", final_url=None,
                            http_status=200, article=Article(body=body, title="T"),
                            body_source="page", facts=facts,
                            failures=[ArticleFailure("extract", "note", "a note")])


def test_migrate_is_versioned_and_repeatable():
    con = duckdb.connect()
    assert schema_version(con) == 0
    latest = migrate(con)
    assert latest == migrations()[-1].version
    assert migrate(con) == latest
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(migrations())


def test_every_table_and_column_is_documented():
    con = duckdb.connect()
    migrate(con)
    docs = {d.name: d for d in describe(con)}
    for name in ("feeds", "items", "articles", "entities", "quantities", "quotes", "dates",
                 "runs", "failures", "feed_fetches", "item_feeds", "entity_mentions"):
        assert name in docs
        assert docs[name].comment, name
        undocumented = [c.column for c in docs[name].columns if not c.comment]
        assert undocumented == [], f"{name}: {undocumented}"


def test_timestamps_are_timestamptz():
    con = duckdb.connect()
    migrate(con)
    types = con.execute(
        "SELECT DISTINCT data_type FROM duckdb_columns() WHERE column_name LIKE '%_at'"
    ).fetchall()
    assert types == [("TIMESTAMP WITH TIME ZONE",)]


def test_copies_of_a_story_in_two_feeds_share_one_article():
    a = item(1)
    b = FeedItem(item_id="other-guid", guid="other-guid", link="http://example.org/1?utm_source=x",
                 canonical_url="http://example.org/1", title="Same story", published=T0,
                 author=None, summary=None, content=None)
    assert store.article_id_for(a) == store.article_id_for(b)
    assert store.article_id_for(a) != store.article_id_for(item(2))


def test_items_are_stored_once_across_feeds_and_runs(db_path):
    with store.open_db(db_path) as con:
        a, b = store.sync_feeds(con, [FeedConfig("http://a/feed"), FeedConfig("http://b/feed")])
        store.start_run(con, "r1", 2)
        assert store.store_feed_outcome(con, "r1", outcome(a.feed_id, [item(1), item(2)])) == 2
        assert store.store_feed_outcome(con, "r1", outcome(b.feed_id, [item(2), item(3)])) == 1
        store.start_run(con, "r2", 2)
        assert store.store_feed_outcome(con, "r2", outcome(a.feed_id, [item(1), item(2)])) == 0
        assert con.execute("SELECT count(*) FROM items").fetchone()[0] == 3
        links = con.execute("SELECT feed_id FROM item_feeds WHERE item_id = 'id2'").fetchall()
        assert sorted(r[0] for r in links) == sorted([a.feed_id, b.feed_id])


def test_feed_state_keeps_validators_and_follows_permanent_redirects(db_path):
    with store.open_db(db_path) as con:
        (feed,) = store.sync_feeds(con, [FeedConfig("http://a/feed", name="A")])
        store.start_run(con, "r1", 1)
        store.store_feed_outcome(con, "r1", outcome(
            feed.feed_id, [], etag='"v1"', last_modified="Tue, 17 Nov 2026 08:00:00 GMT",
            new_url="http://a/new-feed", http_status=200))
        store.store_feed_outcome(con, "r1", outcome(feed.feed_id, [], status="failed",
                                                    error="HTTP 500", error_kind="http_status"))
        (state,) = store.sync_feeds(con, [FeedConfig("http://a/feed", name="A")])
        assert state.url == "http://a/new-feed"
        assert state.etag == '"v1"'  # a failure does not forget the validators
        assert state.last_modified == "Tue, 17 Nov 2026 08:00:00 GMT"
        assert con.execute("SELECT last_status, last_error FROM feeds").fetchone() == (
            "failed", "HTTP 500")
        assert con.execute("SELECT stage, kind FROM failures").fetchall() == [
            ("feed", "http_status")]


def test_articles_and_facts_are_replaced_not_duplicated(db_path):
    with store.open_db(db_path) as con:
        (feed,) = store.sync_feeds(con, [FeedConfig("http://a/feed")])
        store.start_run(con, "r1", 1)
        store.store_feed_outcome(con, "r1", outcome(feed.feed_id, [item(1)]))
        (pending,) = store.pending_items(con)
        assert pending.article_id == store.article_id_for(item(1))
        for _ in range(2):
            written = store.store_articles(con, "r1", [processed(pending.article_id)])
        assert written == {"entities": 1, "entity_mentions": 1, "quantities": 1, "quotes": 1,
                           "dates": 0, "locations": 0}
        counts = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quantities),"
            " (SELECT count(*) FROM facts)").fetchone()
        assert counts == (1, 1, 3)
        assert store.pending_items(con) == []
        row = con.execute("SELECT value, category, source, sentence FROM quantities").fetchone()
        assert row == (80000.0, "killed", "UN", "The UN says 80,000 people were killed.")


def test_pending_items_page_through_the_backlog_once_each(db_path):
    with store.open_db(db_path) as con:
        (feed,) = store.sync_feeds(con, [FeedConfig("http://a/feed")])
        store.start_run(con, "r1", 1)
        store.store_feed_outcome(con, "r1", outcome(feed.feed_id, [item(n) for n in range(7)]))
        assert store.count_pending(con) == 7
        seen, after = [], None
        while page := store.pending_items(con, limit=3, after=after):
            assert len(page) <= 3
            seen.extend(p.article_id for p in page)
            after = page[-1].article_id
        assert seen == sorted(seen) and len(set(seen)) == 7
        assert [p.article_id for p in store.pending_items(con)] == seen
        store.store_articles(con, "r1", [processed(seen[0])])
        assert store.count_pending(con) == 6
        assert seen[0] not in [p.article_id for p in store.pending_items(con)]


def test_pending_items_can_be_limited_to_some_feeds(db_path):
    with store.open_db(db_path) as con:
        a, b = store.sync_feeds(con, [FeedConfig("http://a/feed"), FeedConfig("http://b/feed")])
        store.start_run(con, "r1", 2)
        store.store_feed_outcome(con, "r1", outcome(a.feed_id, [item(1), item(2)]))
        store.store_feed_outcome(con, "r1", outcome(b.feed_id, [item(2), item(3)]))
        ids = {n: store.article_id_for(item(n)) for n in (1, 2, 3)}
        mine = {p.article_id for p in store.pending_items(con, feed_ids=[a.feed_id])}
        assert mine == {ids[1], ids[2]}  # item 2 is in both feeds
        assert store.count_pending(con, [b.feed_id]) == 2
        assert store.count_pending(con) == 3 and store.count_pending(con, []) == 0


def test_a_failed_batch_writes_nothing(db_path):
    with store.open_db(db_path) as con:
        with pytest.raises(duckdb.ConstraintException):  # the same article twice in a batch
            store.store_articles(con, "r1", [processed("id0"), processed("id1"),
                                             processed("id1")])
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM entities").fetchone()[0] == 0


def test_runs_left_running_are_marked_crashed(db_path):
    with store.open_db(db_path) as con:
        store.start_run(con, "dead", 1)
        assert store.start_run(con, "next", 1) == 1
        assert con.execute("SELECT status FROM runs WHERE run_id = 'dead'").fetchone() == (
            "crashed",)
        store.finish_run(con, "next", "completed", {"entities": 3})
        summary = store.run_summary(con, "next")
        assert summary["status"] == "completed"
        assert summary["entities"] == 3
        assert summary["finished_at"] is not None

